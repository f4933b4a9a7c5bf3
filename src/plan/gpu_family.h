// A best-effort GPU family name from the builder GPU record (compute capability, SM count,
// integrated flag). The plan stores numbers only, never the product name.
#pragma once

#include <string>

#include "plan/plan_file.h"

namespace trtdoctor::plan {

/// E.g. "Jetson Orin" for CC 8.7 integrated, "Ada (RTX 40xx / L4 / L40)" for CC 8.9; empty
/// when the capability is not one trtdoctor knows.
std::string gpu_family(const BuilderGpu& gpu);

/// What can be said about where and with which TensorRT the plan loads.
std::string compatibility_note(const InspectResult& r);

}  // namespace trtdoctor::plan
