// Spellings of the plan vocabulary (JSON values and text output).
#include <fmt/format.h>

#include "plan/plan_file.h"

namespace trtdoctor::plan {

std::string_view to_string(FileKind kind) {
    switch (kind) {
        case FileKind::plan: return "plan";
        case FileKind::wrapped_plan: return "wrapped_plan";
        case FileKind::timing_cache: return "timing_cache";
        case FileKind::git_lfs_pointer: return "git_lfs_pointer";
        case FileKind::onnx: return "onnx";
        case FileKind::empty: return "empty";
        case FileKind::text: return "text";
        case FileKind::unknown: return "unknown";
    }
    return "unknown";
}

std::string_view to_string(Generation g) {
    switch (g) {
        case Generation::g1: return "G1";
        case Generation::g2: return "G2";
        case Generation::g3: return "G3";
    }
    return "?";
}

std::string TrtVersion::to_string() const {
    return fmt::format("{}.{}.{}.{}", major, minor, patch, build);
}

std::string BuilderGpu::compute_capability() const {
    return fmt::format("{}.{}", cc_major, cc_minor);
}

}  // namespace trtdoctor::plan
