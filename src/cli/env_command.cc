// `trtdoctor env` (being built; see the env module).
#include <cstdio>

#include "cli/commands.h"
#include "report/output.h"

namespace trtdoctor::cli {

int run_env(CommandArgs) {
    std::fputs("trtdoctor env: not available in this build yet\n", stderr);
    return exit_usage;
}

}  // namespace trtdoctor::cli
