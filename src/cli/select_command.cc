// `trtdoctor select` (being built; see the manifest module).
#include <cstdio>

#include "cli/commands.h"
#include "report/output.h"

namespace trtdoctor::cli {

int run_select(CommandArgs) {
    std::fputs("trtdoctor select: not available in this build yet\n", stderr);
    return exit_usage;
}

}  // namespace trtdoctor::cli
