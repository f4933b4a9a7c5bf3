// The reasoning keys of a log rule (catalogue/log.cat), parsed and compiled once: Role,
// Priority, Unless, Reclassify, NameIf, SeverityIf, MajorMismatch, Explains, Aggregate and
// the Summary/Fix templates. The matcher only needs Pattern/Extract; the diagnoser needs these.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalogue.h"

namespace re2 {
class RE2;
}

namespace trtdoctor::log {

enum class Role { cause, consequence, benign };

/// One compiled rule; patterns are RE2 (the matcher already decided the rule fired).
struct RuleLogic {
    const Diagnosis* rule = nullptr;
    Role role = Role::cause;
    int priority = 50;
    std::vector<std::shared_ptr<re2::RE2>> unless;  ///< drop the hit when the line matches
    struct Reclassify {
        std::string fact;
        std::shared_ptr<re2::RE2> re;
        std::string name;
    };
    std::vector<Reclassify> reclassify;  ///< another diagnosis when a fact matches
    std::vector<std::pair<std::string, std::string>> name_if;  ///< marker -> diagnosis name
    struct SeverityIf {
        Severity severity;
        std::shared_ptr<re2::RE2> re;
    };
    std::vector<SeverityIf> severity_if;  ///< first matching line pattern sets the severity
    struct MajorMismatch {
        std::string a, b;
        Severity severity;
    };
    std::optional<MajorMismatch> major_mismatch;
    std::vector<std::string> explains;  ///< names this diagnosis turns into consequences
    bool aggregate_dominant = false;    ///< SLOW_LAYER-style: a value dominating the others
    std::optional<Severity> when_passed;  ///< severity when the run passed (WhenPassed)
    bool only_alone = false;  ///< reported only when nothing else is the root cause (OnlyAlone)
    std::size_t min_count = 1;          ///< fewer hits than this are not a finding (MinCount)
    struct AtLeast {
        std::string fact;
        double value = 0;
    };
    std::optional<AtLeast> at_least;  ///< drop hits whose numeric fact is below the value
    std::vector<std::pair<std::string, std::string>> source_fields;  ///< record it was compiled from (non-builtin only)
    std::vector<std::string> summary_templates;
    std::vector<std::string> fix_templates;
};

/// The compiled logic of every log rule of the built-in catalogue (built once).
class RuleBook {
public:
    static const RuleBook& builtin();
    /// Logic of `rule`, compiling it on first use when it is not a built-in record (tests).
    const RuleLogic& logic(const Diagnosis* rule) const;
    /// The log rule named `name` (first by code), or null.
    const Diagnosis* by_name(std::string_view name) const;

    static RuleLogic compile(const Diagnosis* rule);

private:
    RuleBook();
    struct Impl;
    std::shared_ptr<Impl> m_impl;
};

/// Fills `{name}` placeholders from `facts`; nullopt when one is missing. Newlines become
/// spaces (record continuation lines).
std::optional<std::string> fill_template(std::string_view tmpl,
                                         const std::vector<std::pair<std::string, std::string>>& facts);

/// The TensorRT release(s) a plan serialization number stands for ("8.6"), or "" when unknown.
std::string_view release_for_serialization(int number);

/// Compares dotted versions numerically: <0, 0, >0.
int compare_versions(std::string_view a, std::string_view b);

/// "8601" -> "8.6.1", "100800" -> "10.8.0" (the [TensorRT vNNNN] tag of trtexec banners).
std::string version_from_tag(std::string_view code);

}  // namespace trtdoctor::log
