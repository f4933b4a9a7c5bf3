// The canonical engine file name: <model>_trt<major.minor>_<gpu>_<precision>.engine, built
// from the manifest when there is one and from the plan header otherwise.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/error.h"
#include "plan/plan_file.h"

namespace trtdoctor::manifest {

/// A short GPU family for file names: "NVIDIA A100-PCIE-40GB" → "a100", "Tesla T4" → "t4",
/// "Orin" → "orin", "NVIDIA GeForce RTX 3090" → "rtx3090", "NVIDIA RTX 6000 Ada Generation"
/// → "rtx6000ada". Falls back to "sm<cc digits>" (e.g. "sm89") when the name is empty or
/// yields nothing usable; empty when neither is known.
std::string gpu_short_name(std::string_view gpu_name, std::string_view compute_capability);

/// Precision word for file names from trtexec precision flags ("fp32", "fp16", "int8", ...):
/// the lowest precision enabled wins ("int8" over "fp16" over "fp32"); "best" on the command line.
std::string precision_word(const nlohmann::json& build);

struct NameParts {
    std::string model, trt, gpu, precision;
    std::string file_name() const;  ///< "<model>_trt<trt>_<gpu>_<precision>.engine"
};

struct NameOverrides {
    std::string model;
    std::string precision;
    std::string gpu;
};

/// The parts of the canonical name for the engine at `engine_path`. `manifest` may be null.
/// ToolError (unsupported) naming what is missing when a part cannot be known.
Expected<NameParts> canonical_name(const plan::InspectResult& engine, const std::string& engine_path,
                                   const nlohmann::json* manifest, const NameOverrides& overrides);

}  // namespace trtdoctor::manifest
