#include "probe/machine_facts.h"

#include <fmt/format.h>

namespace trtdoctor::probe {

std::string GpuFacts::compute_capability() const { return fmt::format("{}.{}", cc_major, cc_minor); }

std::string MachineFacts::tensorrt_version() const {
    for (const auto& lib : libraries) {
        if (lib.component == "libnvinfer") return lib.version;
    }
    return {};
}

std::string MachineFacts::driver_version() const {
    if (!driver.driver_version.empty()) return driver.driver_version;
    return host.proc_driver_number;
}

}  // namespace trtdoctor::probe
