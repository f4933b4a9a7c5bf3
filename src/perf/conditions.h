// Run conditions: what must be the same for two runs to be compared fairly (TensorRT
// version, GPU, precision flags, shapes, CUDA graphs, stream count, spin-wait). Taken from
// the trtexec module's reading of the banner, option dumps and device block.
#pragma once

#include <string>
#include <vector>

#include "perf/perf_model.h"
#include "trtexec/trtexec_log.h"

namespace trtdoctor::perf {

/// The conditions of one trtexec run.
RunConditions conditions_from(const trtexec::Run& run);

/// One condition that differs between two runs.
struct ConditionDifference {
    std::string what;  ///< "TensorRT version", "GPU", ...
    std::string base, now;
    std::string note;  ///< why it matters (e.g. defaults changed across major versions)
};

/// The conditions known on both sides that differ. A condition unknown on either side is
/// not a difference (it cannot be judged).
std::vector<ConditionDifference> compare_conditions(const RunConditions& base,
                                                    const RunConditions& now);

}  // namespace trtdoctor::perf
