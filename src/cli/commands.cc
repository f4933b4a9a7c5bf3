#include "cli/commands.h"

namespace trtdoctor::cli {

std::span<const Command> all_commands() {
    static constexpr Command table[] = {
        {"inspect", "read a plan file's header: what it is, which TensorRT and GPU built it", run_inspect},
        {"check", "will this engine load on this machine? valid / suboptimal / invalid, and why", run_check},
        {"env", "this machine as TensorRT sees it: driver, CUDA, GPUs, libraries, container", run_env},
        {"logs", "name the root cause of a TensorRT build or runtime log, with evidence and a fix", run_logs},
        {"manifest", "create, sign and verify an engine's sidecar manifest", run_manifest},
        {"name", "print (or apply) an engine's canonical file name", run_name},
        {"select", "pick the engine variant valid on this machine", run_select},
        {"perf", "read trtexec performance output and profiles; compare two runs", run_perf},
        {"rules", "list every diagnosis trtdoctor knows", run_rules},
        {"explain", "print the page of a diagnosis (by code or name)", run_explain},
    };
    return table;
}

}  // namespace trtdoctor::cli
