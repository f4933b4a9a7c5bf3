// `trtdoctor inspect` (being built; see the inspect module).
#include <cstdio>

#include "cli/commands.h"
#include "report/output.h"

namespace trtdoctor::cli {

int run_inspect(CommandArgs) {
    std::fputs("trtdoctor inspect: not available in this build yet\n", stderr);
    return exit_usage;
}

}  // namespace trtdoctor::cli
