// Turns driver answers into DriverFacts, and bounds how long that may take: a stuck driver
// (a hung GPU, a kernel module mid-reload) becomes the fact "timed out", never a hang.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

#include "probe/driver_api.h"
#include "probe/machine_facts.h"

namespace trtdoctor::probe {

/// Asks `api` everything env reports: libcuda, cuInit, every device, then NVML. With
/// `nvml_first`, NVML is asked first and, when it answers with GPUs, the CUDA driver API is not
/// initialised at all: cuInit costs 100-300 ms on large GPUs, NVML a few ms. SM count and the
/// integrated flag are then unknown (NVML does not report them; Jetsons have no NVML).
DriverFacts collect_driver_facts(DriverApi& api, bool nvml_first = false);

/// Runs collect_driver_facts on a worker thread and waits at most `deadline`. On timeout the
/// worker is left behind (it owns the api) and the facts say timed_out.
DriverFacts collect_driver_facts_bounded(std::shared_ptr<DriverApi> api,
                                         std::chrono::milliseconds deadline,
                                         bool nvml_first = false);

/// A readable meaning for a cuInit result ("no CUDA-capable device is detected").
std::string cu_result_meaning(int code);

}  // namespace trtdoctor::probe
