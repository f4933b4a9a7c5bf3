// The command table: one row per subcommand (name, one-line summary, entry point).
// Each command lives in its own <name>_command.cc and owns its option parsing.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace trtdoctor::cli {

using CommandArgs = std::span<const std::string>;

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(CommandArgs args);
};

std::span<const Command> all_commands();

int run_inspect(CommandArgs args);
int run_check(CommandArgs args);
int run_env(CommandArgs args);
int run_logs(CommandArgs args);
int run_manifest(CommandArgs args);
int run_name(CommandArgs args);
int run_select(CommandArgs args);
int run_perf(CommandArgs args);
int run_rules(CommandArgs args);
int run_explain(CommandArgs args);

}  // namespace trtdoctor::cli
