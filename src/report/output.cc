#include "report/output.h"

#include <unistd.h>

#include <cstdlib>

namespace trtdoctor {

std::optional<OutputFormat> parse_output_format(std::string_view text) {
    if (text == "text") return OutputFormat::text;
    if (text == "json") return OutputFormat::json;
    if (text == "sarif") return OutputFormat::sarif;
    return std::nullopt;
}

std::optional<ColorMode> parse_color_mode(std::string_view text) {
    if (text == "auto") return ColorMode::automatic;
    if (text == "always") return ColorMode::always;
    if (text == "never") return ColorMode::never;
    return std::nullopt;
}

bool use_color(ColorMode mode, std::FILE* stream) {
    if (mode == ColorMode::always) return true;
    if (mode == ColorMode::never) return false;
    if (std::getenv("NO_COLOR") != nullptr) return false;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") return false;
    return ::isatty(::fileno(stream)) == 1;
}

std::optional<FailOn> parse_fail_on(std::string_view text) {
    if (text == "info") return FailOn::info;
    if (text == "warning") return FailOn::warning;
    if (text == "error") return FailOn::error;
    if (text == "never") return FailOn::never;
    return std::nullopt;
}

bool reaches(Severity severity, FailOn threshold) {
    switch (threshold) {
        case FailOn::never: return false;
        case FailOn::info: return true;
        case FailOn::warning: return severity >= Severity::warning;
        case FailOn::error: return severity >= Severity::error;
    }
    return false;
}

int exit_code_for(std::span<const Finding> findings, FailOn threshold, bool had_input_error) {
    if (had_input_error) return exit_input_error;
    for (const auto& f : findings) {
        if (reaches(f.severity, threshold)) return exit_findings;
    }
    return exit_ok;
}

std::string Style::wrap(std::string_view code, std::string_view s) const {
    if (!m_on) return std::string(s);
    std::string out = "\x1b[";
    out += code;
    out += 'm';
    out += s;
    out += "\x1b[0m";
    return out;
}

std::string Style::severity(Severity sev) const {
    switch (sev) {
        case Severity::error: return red("error");
        case Severity::warning: return yellow("warning");
        case Severity::info: return cyan("info");
    }
    return "error";
}

}  // namespace trtdoctor
