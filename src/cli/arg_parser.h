// A small command-line parser: --long, -s, --opt=value, --opt value, repeatable options,
// positionals, "--" and "-" (stdin). Generates --help; wrong use is exit code 3 with a
// "did you mean".
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "report/output.h"

namespace trtdoctor::cli {

class ArgParser {
public:
    ArgParser(std::string command, std::string usage, std::string description);

    void flag(std::string name, char short_name, bool* out, std::string help);
    void option(std::string name, char short_name, std::string metavar, std::string* out,
                std::string help);
    void repeated(std::string name, char short_name, std::string metavar,
                  std::vector<std::string>* out, std::string help);
    void positionals(std::vector<std::string>* out, std::string metavar, std::size_t min_count,
                     std::size_t max_count = SIZE_MAX);
    /// Extra text at the end of --help (examples, exit codes).
    void epilog(std::string text) { m_epilog = std::move(text); }

    /// nullopt: parsed, go on. A value: stop and exit with it (0 after --help, 3 on misuse;
    /// the message is already on stderr).
    std::optional<int> parse(std::span<const std::string> args);
    std::string help() const;

private:
    struct Spec {
        std::string name;
        char short_name;
        std::string metavar;  // empty for flags
        std::string help;
        bool* flag = nullptr;
        std::string* value = nullptr;
        std::vector<std::string>* values = nullptr;
        bool seen = false;
    };
    Spec* find_long(std::string_view name);
    Spec* find_short(char c);
    int usage_error(const std::string& message) const;

    std::string m_command, m_usage, m_description, m_epilog;
    std::vector<Spec> m_specs;
    std::vector<std::string>* m_positionals = nullptr;
    std::string m_positional_metavar;
    std::size_t m_min_pos = 0, m_max_pos = 0;
};

/// The options every reporting command takes.
struct CommonOptions {
    std::string format = "text";
    std::string color = "auto";
    std::string fail_on = "error";

    OutputFormat output_format = OutputFormat::text;
    FailOn threshold = FailOn::error;
    bool color_stdout = false;
    bool color_stderr = false;
};

/// Registers --format, --color, --fail-on.
void add_common_options(ArgParser& p, CommonOptions& o);
/// Validates them after parse(); a usage error message and nullopt-free exit code on failure.
std::optional<int> resolve_common_options(std::string_view command, CommonOptions& o);

/// Prints "trtdoctor CMD: error: MESSAGE" and a hint; returns exit_usage.
int usage_failure(std::string_view command, std::string_view message);

}  // namespace trtdoctor::cli
