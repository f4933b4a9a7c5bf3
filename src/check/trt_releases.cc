// The TensorRT release table. Each row says where its facts come from:
//  [SM]   the TensorRT support matrix of that release (docs.nvidia.com/deeplearning/tensorrt,
//         "Supported hardware": "compiled to support all NVIDIA hardware with SM x.y or higher"
//         and the CUDA versions each build supports);
//  [CUDA] the CUDA toolkit release notes, "minimum required driver version" table (Linux):
//         CUDA 9.0 >= 384.81, 10.0 >= 410.48, 10.2 >= 440.33, 11.x >= 450.80.02 (minor version
//         compatibility), 12.x >= 525.60.13, 13.x >= 580.65.06;
//  [RN]   release notes of the TensorRT release (new architectures it added);
//  [ENG]  shared/docs/engine-format.md sections 9-11 (version compatibility since 8.6, same major;
//         hardware compatibility since 8.6 for Ampere and later).
// Rows marked certain=false rest partly on inference (noted in the row); findings that use
// them say "likely".
#include "check/trt_releases.h"

#include <array>
#include <cstdlib>

namespace trtdoctor::check {
namespace {

constexpr const char* kSm = "TensorRT support matrix; CUDA release notes (driver minimum)";

// The max_cc column is the newest architecture the release lists; a newer GPU is not supported.
const std::array<ReleaseFacts, 13> kReleases = {{
    // 7.0: CUDA 9.0/10.0/10.2 [SM]; SM 3.0+ [SM, recalled: uncertain]; Turing max [RN].
    {7, 0, 30, 75, "384.81", "9.0, 10.0, 10.2", false, false, false, kSm},
    // 7.1: CUDA 10.2/11.0 [SM]; adds Ampere A100 8.0 [RN]; Jetson 7.2 (Xavier).
    {7, 1, 35, 80, "440.33", "10.2, 11.0", false, false, false, kSm},
    // 7.2: CUDA 10.2/11.0/11.1 [SM]; adds GA10x 8.6 [RN, recalled: uncertain].
    {7, 2, 35, 86, "440.33", "10.2, 11.0, 11.1", false, false, false, kSm},
    // 8.0: Kepler dropped, SM 5.0+ [SM]; CUDA 10.2-11.3.
    {8, 0, 50, 86, "440.33", "10.2, 11.0-11.3", false, false, true, kSm},
    // 8.2: CUDA 10.2, 11.0-11.5 [SM, 8.2.5 matrix]; SM 5.0+.
    {8, 2, 50, 87, "440.33", "10.2, 11.0-11.5", false, false, true, kSm},
    // 8.4: CUDA 10.2, 11.0-11.6 [SM]; Orin 8.7 (JetPack 5.0) [RN].
    {8, 4, 50, 87, "440.33", "10.2, 11.0-11.6", false, false, false, kSm},
    // 8.5: CUDA 10.2, 11.0-11.8 [SM, 8.5.3 matrix]; adds Hopper 9.0 and Ada 8.9 [RN].
    {8, 5, 50, 90, "440.33", "10.2, 11.0-11.8", false, false, false, kSm},
    // 8.6: CUDA 11.0-11.8, 12.0-12.1 [SM, 8.6.1 matrix]; version/hardware compat [ENG].
    {8, 6, 50, 90, "450.80.02", "11.0-11.8, 12.0-12.1", true, true, true, kSm},
    // 9.x (TensorRT-LLM era releases): assumed like 8.6 with CUDA 12 only [inferred].
    {9, 0, 70, 90, "525.60.13", "12.x", true, true, false, "inferred from 8.6 and 10.0"},
    // 10.0: CUDA 11.8 and 12.x [SM, 10.0.1 matrix]; 10.1 matrix: "SM 7.0 or higher" [SM].
    {10, 0, 70, 90, "450.80.02", "11.8, 12.0-12.4", true, true, false, kSm},
    // 10.1-10.7: SM 7.0+ [SM 10.1]; CUDA 11.8/12.x [SM].
    {10, 1, 70, 90, "450.80.02", "11.8, 12.x", true, true, true, kSm},
    // 10.8+: adds Blackwell (10.0, 12.0) [RN]; Volta dropped in later 10.x [RN, recalled:
    // uncertain, kept at 7.0]; CUDA 11.8 builds still listed [SM, uncertain].
    {10, 8, 70, 121, "450.80.02", "11.8, 12.x", true, true, false, kSm},
    // 11.x: CUDA 12.x/13.x; Turing (7.5) minimum [inferred from 11.x release notes: uncertain];
    // version-compatible plans of 11.0 load in later 11.x [ENG].
    {11, 0, 75, 121, "525.60.13", "12.x, 13.x", true, true, false, "TensorRT 11 docs (engine-compatibility); partly inferred"},
}};

}  // namespace

std::optional<ReleaseFacts> release_facts(int major, int minor) {
    const ReleaseFacts* best = nullptr;
    for (const auto& r : kReleases) {
        if (r.major != major || r.minor > minor) continue;
        if (best == nullptr || r.minor > best->minor) best = &r;
    }
    if (best == nullptr) return std::nullopt;
    ReleaseFacts out = *best;
    if (out.minor != minor && !(major == 10 && minor < 8) && !(major == 11) && !(major == 9)) {
        out.certain = false;  // a minor the table has no row for
    }
    out.major = major;
    out.minor = minor;
    return out;
}

int compare_versions(const std::string& a, const std::string& b) {
    auto parts = [](const std::string& v) {
        std::array<long, 4> out{};
        std::size_t i = 0, pos = 0;
        while (i < out.size() && pos < v.size()) {
            char* end = nullptr;
            out[i++] = std::strtol(v.c_str() + pos, &end, 10);
            pos = static_cast<std::size_t>(end - v.c_str());
            if (pos >= v.size() || v[pos] != '.') break;
            ++pos;
        }
        return out;
    };
    const auto pa = parts(a), pb = parts(b);
    for (std::size_t i = 0; i < pa.size(); ++i) {
        if (pa[i] != pb[i]) return pa[i] < pb[i] ? -1 : 1;
    }
    return 0;
}

}  // namespace trtdoctor::check
