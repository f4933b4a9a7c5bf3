#include "plan/gpu_family.h"

#include <fmt/format.h>

namespace trtdoctor::plan {

std::string gpu_family(const BuilderGpu& g) {
    const int cc = g.cc_major * 10 + g.cc_minor;
    const bool igpu = g.integrated.value_or(false);
    if (igpu) {
        switch (cc) {
            case 53: return "Jetson Nano / TX1";
            case 62: return "Jetson TX2";
            case 72: return "Jetson Xavier (NX / AGX)";
            case 87: return "Jetson Orin";
            case 101:
            case 110: return "Jetson Thor";
            case 121: return "DGX Spark (GB10)";
            default: break;
        }
    }
    switch (cc) {
        case 50:
        case 52: return "Maxwell (GTX 9xx / M-series)";
        case 60: return "Pascal (P100)";
        case 61: return "Pascal (GTX 10xx / P4 / P40)";
        case 70: return "Volta (V100)";
        case 75: return "Turing (RTX 20xx / GTX 16xx / T4)";
        case 80: return "Ampere (A100 / A30)";
        case 86: return "Ampere (RTX 30xx / A10 / A40 / RTX A-series)";
        case 89: return "Ada (RTX 40xx / L4 / L40)";
        case 90: return "Hopper (H100 / H200 / GH200)";
        case 100: return "Blackwell (B200 / GB200)";
        case 103: return "Blackwell Ultra (B300 / GB300)";
        case 120: return "Blackwell (RTX 50xx / RTX PRO 6000)";
        default: return {};
    }
}

std::string compatibility_note(const InspectResult& r) {
    if (!r.trt_version && !r.builder_gpu) return {};
    const std::string version = r.trt_version ? r.trt_version->to_string() : "the same release";
    const std::string gpu = r.builder_gpu
        ? fmt::format("a GPU of compute capability {}{}", r.builder_gpu->compute_capability(),
                      r.builder_gpu->integrated.value_or(false) ? " (integrated, Jetson-class)" : "")
        : "the same GPU model";
    const bool new_layout = r.generation == Generation::g3;
    if (!new_layout) {
        return fmt::format(
            "loads only with TensorRT {} on {}: releases before 8.6 have no version or hardware "
            "compatibility mode", version, gpu);
    }
    return fmt::format(
        "loads with TensorRT {} on {}, unless it was built version-compatible (then later "
        "releases of the same major with setEngineHostCodeAllowed) or hardware-compatible "
        "(then other Ampere+ GPUs); the header does not record either option", version, gpu);
}

}  // namespace trtdoctor::plan
