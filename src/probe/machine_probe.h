// The whole machine probe: driver (bounded in time), libraries, host facts and trtexec.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "probe/driver_api.h"
#include "probe/machine_facts.h"

namespace trtdoctor::probe {

struct ProbeOptions {
    std::chrono::milliseconds driver_deadline{5000};  ///< longest wait on the NVIDIA driver
    std::string trtexec_path;   ///< explicit trtexec, else PATH
    bool find_trtexec = true;   ///< false skips running trtexec --help (fast paths)
    bool nvml_first = false;    ///< skip cuInit when NVML answers (see collect_driver_facts)
    /// The driver seam; null means the real libraries via dlopen.
    std::shared_ptr<DriverApi> driver_api;
};

/// Probes this machine. Never fails: what cannot be probed is recorded in the facts.
MachineFacts probe_machine(const ProbeOptions& options = {});

}  // namespace trtdoctor::probe
