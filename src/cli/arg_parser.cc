#include "cli/arg_parser.h"

#include <fmt/format.h>

#include <cstdio>

#include "core/text.h"

namespace trtdoctor::cli {

ArgParser::ArgParser(std::string command, std::string usage, std::string description)
    : m_command(std::move(command)),
      m_usage(std::move(usage)),
      m_description(std::move(description)) {
    m_specs.push_back({"help", 'h', "", "show this help and exit"});
}

void ArgParser::flag(std::string name, char short_name, bool* out, std::string help) {
    m_specs.push_back({std::move(name), short_name, "", std::move(help), out});
}

void ArgParser::option(std::string name, char short_name, std::string metavar, std::string* out,
                       std::string help) {
    Spec s{std::move(name), short_name, std::move(metavar), std::move(help)};
    s.value = out;
    m_specs.push_back(std::move(s));
}

void ArgParser::repeated(std::string name, char short_name, std::string metavar,
                         std::vector<std::string>* out, std::string help) {
    Spec s{std::move(name), short_name, std::move(metavar), std::move(help)};
    s.values = out;
    m_specs.push_back(std::move(s));
}

void ArgParser::positionals(std::vector<std::string>* out, std::string metavar,
                            std::size_t min_count, std::size_t max_count) {
    m_positionals = out;
    m_positional_metavar = std::move(metavar);
    m_min_pos = min_count;
    m_max_pos = max_count;
}

ArgParser::Spec* ArgParser::find_long(std::string_view name) {
    for (auto& s : m_specs) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

ArgParser::Spec* ArgParser::find_short(char c) {
    for (auto& s : m_specs) {
        if (c != 0 && s.short_name == c) return &s;
    }
    return nullptr;
}

int ArgParser::usage_error(const std::string& message) const {
    return usage_failure(m_command, message);
}

int usage_failure(std::string_view command, std::string_view message) {
    std::fprintf(stderr, "trtdoctor %.*s: error: %.*s\nTry 'trtdoctor %.*s --help'.\n",
                 static_cast<int>(command.size()), command.data(),
                 static_cast<int>(message.size()), message.data(),
                 static_cast<int>(command.size()), command.data());
    return exit_usage;
}

std::optional<int> ArgParser::parse(std::span<const std::string> args) {
    bool only_positionals = false;
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (only_positionals || arg == "-" || arg.empty() || arg[0] != '-') {
            positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            only_positionals = true;
            continue;
        }
        Spec* spec = nullptr;
        std::optional<std::string> inline_value;
        std::string shown;
        if (arg.rfind("--", 0) == 0) {
            std::string name = arg.substr(2);
            if (const auto eq = name.find('='); eq != std::string::npos) {
                inline_value = name.substr(eq + 1);
                name.resize(eq);
            }
            // --no-color is the common spelling of --color=never.
            if (name == "no-color" && find_long("color") && !inline_value) {
                spec = find_long("color");
                inline_value = "never";
            } else {
                spec = find_long(name);
            }
            shown = "--" + name;
            if (!spec) {
                std::vector<std::string> names;
                for (const auto& s : m_specs) names.push_back("--" + s.name);
                auto near = closest_matches(shown, names, 1);
                return usage_error(fmt::format("unknown option '{}'{}", shown,
                                               near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near[0])));
            }
        } else {
            if (arg.size() != 2) {
                // "-abc": only single short options are supported, with the value separate.
                spec = find_short(arg[1]);
                if (spec && !spec->metavar.empty()) inline_value = arg.substr(2);
                else spec = nullptr;
            } else {
                spec = find_short(arg[1]);
            }
            shown = arg.substr(0, 2);
            if (!spec) return usage_error(fmt::format("unknown option '{}'", arg));
        }
        if (spec->name == "help") {
            std::fputs(help().c_str(), stdout);
            return exit_ok;
        }
        if (spec->metavar.empty()) {
            if (inline_value) return usage_error(fmt::format("{} takes no value", shown));
            *spec->flag = true;
            continue;
        }
        std::string value;
        if (inline_value) {
            value = *inline_value;
        } else {
            if (i + 1 >= args.size()) {
                return usage_error(fmt::format("{} needs a value ({})", shown, spec->metavar));
            }
            value = args[++i];
        }
        if (spec->values) {
            spec->values->push_back(value);
        } else {
            *spec->value = value;
        }
        spec->seen = true;
    }
    if (!m_positionals && !positional.empty()) {
        return usage_error(fmt::format("unexpected argument '{}'", positional.front()));
    }
    if (m_positionals) {
        if (positional.size() < m_min_pos) {
            return usage_error(fmt::format("missing {}", m_positional_metavar));
        }
        if (positional.size() > m_max_pos) {
            return usage_error(fmt::format("too many arguments ('{}')", positional[m_max_pos]));
        }
        *m_positionals = std::move(positional);
    }
    return std::nullopt;
}

std::string ArgParser::help() const {
    std::string out = fmt::format("Usage: trtdoctor {}\n\n{}\n\nOptions:\n", m_usage, m_description);
    for (const auto& s : m_specs) {
        std::string left = s.short_name ? fmt::format("-{}, --{}", s.short_name, s.name)
                                        : fmt::format("    --{}", s.name);
        if (!s.metavar.empty()) left += " " + s.metavar;
        if (left.size() < 28) left.resize(28, ' ');
        else left += "\n" + std::string(30, ' ');
        out += "  " + left + s.help + "\n";
    }
    if (!m_epilog.empty()) out += "\n" + m_epilog + "\n";
    return out;
}

void add_common_options(ArgParser& p, CommonOptions& o) {
    p.option("format", 'f', "FMT", &o.format, "output format: text (default), json, sarif");
    p.option("color", 0, "WHEN", &o.color,
             "colour: auto (default: on a terminal, never with NO_COLOR), always, never");
    p.option("fail-on", 0, "LEVEL", &o.fail_on,
             "exit 1 when a finding reaches LEVEL: error (default), warning, info, never");
}

std::optional<int> resolve_common_options(std::string_view command, CommonOptions& o) {
    auto fmt_value = parse_output_format(o.format);
    if (!fmt_value) {
        return usage_failure(command, fmt::format("--format must be text, json or sarif (got '{}')", o.format));
    }
    auto color = parse_color_mode(o.color);
    if (!color) {
        return usage_failure(command, fmt::format("--color must be auto, always or never (got '{}')", o.color));
    }
    auto fail = parse_fail_on(o.fail_on);
    if (!fail) {
        return usage_failure(
            command, fmt::format("--fail-on must be error, warning, info or never (got '{}')", o.fail_on));
    }
    o.output_format = *fmt_value;
    o.threshold = *fail;
    o.color_stdout = use_color(*color, stdout);
    o.color_stderr = use_color(*color, stderr);
    return std::nullopt;
}

}  // namespace trtdoctor::cli
