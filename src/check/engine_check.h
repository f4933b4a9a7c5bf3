// Will this engine load here? Plan facts (plan::InspectResult) against machine facts
// (probe::MachineFacts): a verdict per engine and per GPU, every reason a Finding (TD3xxx, or
// the plan's own TD1xxx findings) with evidence and a fix. A pure function: the tests drive
// it with synthetic plans and scripted machines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "plan/plan_file.h"
#include "probe/machine_facts.h"

namespace trtdoctor::check {

/// TensorRT-RTX's getEngineValidity() answers, for every TensorRT plan.
enum class Verdict { valid = 0, suboptimal = 1, invalid = 2 };
std::string_view to_string(Verdict v);

/// error → invalid, warning → suboptimal, info or nothing → valid.
Verdict verdict_of(const std::vector<Finding>& findings);

struct CheckOptions {
    std::optional<int> device;                  ///< only this CUDA ordinal (--device)
    std::optional<std::string> expected_sha256;  ///< --sha256, lower-case hex
};

struct GpuVerdict {
    int gpu = 0;
    std::string name;
    Verdict verdict = Verdict::valid;
    std::vector<std::string> reasons;  ///< codes of the findings behind the verdict
};

struct EngineCheck {
    std::string path;
    Verdict verdict = Verdict::valid;  ///< the best GPU's verdict (where it can load), with file findings
    std::vector<GpuVerdict> gpus;
    std::vector<Finding> findings;
};

EngineCheck check_engine(const plan::InspectResult& plan, const probe::MachineFacts& machine,
                         const CheckOptions& options = {});

}  // namespace trtdoctor::check
