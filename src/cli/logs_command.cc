// `trtdoctor logs` (being built; see the logs module).
#include <cstdio>

#include "cli/commands.h"
#include "report/output.h"

namespace trtdoctor::cli {

int run_logs(CommandArgs) {
    std::fputs("trtdoctor logs: not available in this build yet\n", stderr);
    return exit_usage;
}

}  // namespace trtdoctor::cli
