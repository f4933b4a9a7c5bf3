// Findings about the machine alone (TD2xxx), from facts: what keeps any engine from loading
// here, or makes loading worse. Pure function of the facts, so every rule is unit-tested with
// the scripted driver.
#pragma once

#include <vector>

#include "core/finding.h"
#include "probe/machine_facts.h"

namespace trtdoctor::probe {

std::vector<Finding> machine_findings(const MachineFacts& machine);

/// True when the facts show at least one GPU that CUDA can use.
bool has_usable_gpu(const MachineFacts& machine);

}  // namespace trtdoctor::probe
