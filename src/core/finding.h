// A finding: one diagnosis of the user's setup, with its evidence and a concrete fix.
// Findings are data; they never signal that trtdoctor itself failed (see error.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trtdoctor {

enum class Severity { info = 0, warning = 1, error = 2 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

/// Where a piece of evidence sits: a file and a byte offset or a line number.
struct Location {
    std::string path;                         ///< file path, "<stdin>", or "" for the machine
    std::optional<std::uint64_t> byte_offset;
    std::optional<std::uint64_t> line;        ///< 1-based
};

/// What was seen, and where.
struct Evidence {
    Location where;
    std::string what;  ///< the bytes (as hex or text) or the log line
};

struct Finding {
    std::string code;      ///< stable project code, e.g. "TD1001"
    std::string name;      ///< taxonomy name, e.g. "ENGINE_TRUNCATED"
    Severity severity = Severity::error;
    std::string summary;      ///< one line, with the facts found
    std::string explanation;  ///< why it matters, a few sentences
    std::string fix;          ///< what to do, using the facts found
    std::vector<Evidence> evidence;
    /// Facts extracted for this finding (e.g. {"engine_version", "8.6.1.6"}), in order.
    std::vector<std::pair<std::string, std::string>> facts;

    Finding& add_evidence(Location where, std::string what) {
        evidence.push_back({std::move(where), std::move(what)});
        return *this;
    }
    Finding& add_fact(std::string key, std::string value) {
        facts.emplace_back(std::move(key), std::move(value));
        return *this;
    }
};

/// The highest severity among `findings`, or nullopt when empty.
std::optional<Severity> worst_severity(const std::vector<Finding>& findings);

}  // namespace trtdoctor
