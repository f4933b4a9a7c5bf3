// `trtdoctor manifest` (being built; see the manifest module).
#include <cstdio>

#include "cli/commands.h"
#include "report/output.h"

namespace trtdoctor::cli {

int run_manifest(CommandArgs) {
    std::fputs("trtdoctor manifest: not available in this build yet\n", stderr);
    return exit_usage;
}

}  // namespace trtdoctor::cli
