// What every command shares about output: the format, colour, the --fail-on threshold and
// the documented exit codes.
#pragma once

#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/finding.h"

namespace trtdoctor {

enum class OutputFormat { text, json, sarif };
std::optional<OutputFormat> parse_output_format(std::string_view text);

enum class ColorMode { automatic, always, never };
std::optional<ColorMode> parse_color_mode(std::string_view text);
/// Colour is used when asked for, or on a terminal when NO_COLOR is unset (any value disables).
bool use_color(ColorMode mode, std::FILE* stream);

/// The exit codes, shared by every command (documented in docs/exit-codes.md).
enum ExitCode : int {
    exit_ok = 0,          ///< nothing at or above --fail-on
    exit_findings = 1,    ///< findings at or above --fail-on
    exit_input_error = 2, ///< an input could not be processed (takes precedence over 1)
    exit_usage = 3,       ///< the command line is wrong
};

enum class FailOn { info, warning, error, never };
std::optional<FailOn> parse_fail_on(std::string_view text);

/// True if `severity` reaches the threshold.
bool reaches(Severity severity, FailOn threshold);

/// The exit code for a run: 2 if any input failed, else 1 if a finding reaches the threshold.
int exit_code_for(std::span<const Finding> findings, FailOn threshold, bool had_input_error);

/// ANSI styling that collapses to nothing when colour is off.
class Style {
public:
    explicit Style(bool enabled) : m_on(enabled) {}
    std::string bold(std::string_view s) const { return wrap("1", s); }
    std::string dim(std::string_view s) const { return wrap("2", s); }
    std::string red(std::string_view s) const { return wrap("1;31", s); }
    std::string yellow(std::string_view s) const { return wrap("1;33", s); }
    std::string green(std::string_view s) const { return wrap("1;32", s); }
    std::string cyan(std::string_view s) const { return wrap("36", s); }
    std::string severity(Severity sev) const;
    bool enabled() const { return m_on; }

private:
    std::string wrap(std::string_view code, std::string_view s) const;
    bool m_on;
};

}  // namespace trtdoctor
