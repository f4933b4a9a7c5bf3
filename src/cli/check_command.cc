// `trtdoctor check` (being built; see the check module).
#include <cstdio>

#include "cli/commands.h"
#include "report/output.h"

namespace trtdoctor::cli {

int run_check(CommandArgs) {
    std::fputs("trtdoctor check: not available in this build yet\n", stderr);
    return exit_usage;
}

}  // namespace trtdoctor::cli
