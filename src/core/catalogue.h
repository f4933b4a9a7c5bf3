// The catalogue: every diagnosis trtdoctor can report, listed once, with its page.
// Records come from catalogue/*.cat and pages from docs/diagnoses/CODE.md, both compiled
// into the binary. Modules add keys of their own to records (the log rules' Pattern, say);
// the catalogue keeps every field and interprets only the common ones.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded.h"
#include "core/error.h"
#include "core/finding.h"
#include "core/record_format.h"

namespace trtdoctor {

struct Diagnosis {
    std::string code;         ///< "TD1001": letters TD, then 4 digits; the thousands digit is the domain
    std::string name;         ///< taxonomy name
    Severity severity;        ///< default severity; a rule may lower or raise it with reason
    std::string domain;       ///< plan, machine, check, log, perf, manifest
    std::string title;        ///< one-line generic summary
    std::string explanation;  ///< generic explanation
    std::string fix;          ///< generic fix, used when no fact-specific fix applies
    std::string_view page;    ///< the markdown page (empty if missing: a test fails then)
    Record record;            ///< all fields, for module-specific keys
};

class Catalogue {
public:
    /// The catalogue compiled into this binary.
    static const Catalogue& builtin();

    /// Builds a catalogue from record files and pages; duplicate codes or missing fields fail.
    static Expected<Catalogue> load(std::span<const embedded::EmbeddedFile> record_files,
                                    std::span<const embedded::EmbeddedFile> pages);

    std::span<const Diagnosis> all() const { return m_entries; }
    const Diagnosis* by_code(std::string_view code) const;
    std::vector<const Diagnosis*> by_name(std::string_view name) const;
    /// By code (case-insensitive) or by name; empty when neither matches.
    std::vector<const Diagnosis*> lookup(std::string_view code_or_name) const;
    /// Every entry of `domain`, in code order.
    std::vector<const Diagnosis*> in_domain(std::string_view domain) const;

private:
    std::vector<Diagnosis> m_entries;  // sorted by code
};

/// A finding pre-filled from the built-in catalogue entry `code` (name, severity, title as
/// summary, explanation, generic fix). Throws std::out_of_range for an unknown code: that is
/// a programming error, caught by the catalogue tests.
Finding make_finding(std::string_view code);

/// Closest catalogue codes/names to `text`, for "did you mean".
std::vector<std::string> suggest_diagnoses(std::string_view text, std::size_t max = 3);

}  // namespace trtdoctor
