#include "core/finding.h"

namespace trtdoctor {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "info") return Severity::info;
    if (text == "warning") return Severity::warning;
    if (text == "error") return Severity::error;
    return std::nullopt;
}

std::optional<Severity> worst_severity(const std::vector<Finding>& findings) {
    std::optional<Severity> worst;
    for (const auto& f : findings) {
        if (!worst || f.severity > *worst) worst = f.severity;
    }
    return worst;
}

}  // namespace trtdoctor
