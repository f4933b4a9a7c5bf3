// `trtdoctor perf` (being built; see the perf module).
#include <cstdio>

#include "cli/commands.h"
#include "report/output.h"

namespace trtdoctor::cli {

int run_perf(CommandArgs) {
    std::fputs("trtdoctor perf: not available in this build yet\n", stderr);
    return exit_usage;
}

}  // namespace trtdoctor::cli
