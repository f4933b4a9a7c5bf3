// trtdoctor: parse the command word, dispatch, map failures to the documented exit codes.
#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/text.h"
#include "core/version.h"
#include "report/output.h"

namespace {

using trtdoctor::cli::all_commands;

void print_usage(std::FILE* out) {
    std::string text =
        "Usage: trtdoctor COMMAND [OPTIONS] [ARGS]\n\n"
        "Find out why a TensorRT engine will not load, build or run, and what to do.\n\n"
        "Commands:\n";
    for (const auto& c : all_commands()) text += fmt::format("  {:<10}{}\n", c.name, c.summary);
    text +=
        "\nOptions:\n"
        "  -h, --help      show this help (or 'trtdoctor COMMAND --help')\n"
        "  -V, --version   print the version\n\n"
        "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
        "2 an input could not be processed, 3 usage error.\n";
    std::fputs(text.c_str(), out);
}

}  // namespace

int main(int argc, char** argv) {
    // A closed pipe (`trtdoctor ... | head`) must end quietly, not kill us mid-write.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_usage(stderr);
        return trtdoctor::exit_usage;
    }
    const std::string& word = args.front();
    if (word == "-h" || word == "--help" || word == "help") {
        if (word == "help" && args.size() > 1) {
            for (const auto& c : all_commands()) {
                if (c.name == args[1]) {
                    std::vector<std::string> help_args{"--help"};
                    return c.run(help_args);
                }
            }
        }
        print_usage(stdout);
        return trtdoctor::exit_ok;
    }
    if (word == "-V" || word == "--version" || word == "version") {
        std::printf("trtdoctor %.*s\n", static_cast<int>(trtdoctor::tool_version().size()),
                    trtdoctor::tool_version().data());
        return trtdoctor::exit_ok;
    }
    for (const auto& c : all_commands()) {
        if (c.name == word) {
            try {
                const int rc = c.run(std::span<const std::string>(args).subspan(1));
                if (std::fflush(stdout) != 0) return trtdoctor::exit_input_error;
                return rc;
            } catch (const std::exception& e) {
                // A bug, not a diagnosis: say so plainly rather than crash.
                std::fprintf(stderr, "trtdoctor %s: internal error: %s\n", word.c_str(), e.what());
                return trtdoctor::exit_input_error;
            }
        }
    }
    std::vector<std::string> names;
    for (const auto& c : all_commands()) names.emplace_back(c.name);
    auto near = trtdoctor::closest_matches(word, names, 1);
    std::fprintf(stderr, "trtdoctor: error: unknown command '%s'%s\nTry 'trtdoctor --help'.\n",
                 word.c_str(),
                 near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near[0]).c_str());
    return trtdoctor::exit_usage;
}
