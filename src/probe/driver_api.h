// The seam between the probe and the NVIDIA driver libraries. DlopenDriverApi talks to the real
// libcuda/libnvidia-ml; FakeDriverApi replays a scripted machine so every rule can be tested
// without a GPU. Calls return the library's own status codes (CUresult, nvmlReturn_t).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "probe/machine_facts.h"

namespace trtdoctor::probe {

/// What NVML reports about one device; each field is empty when its call failed.
struct NvmlDevice {
    std::string name;
    std::string uuid;
    std::optional<int> cc_major, cc_minor;
    std::optional<std::uint64_t> total_bytes, free_bytes;
    std::optional<bool> mig_enabled;
    std::optional<int> compute_mode;
    std::optional<std::uint64_t> ecc_uncorrected;
    std::vector<GpuProcess> processes;  ///< names left empty; the probe fills them from /proc
};

class DriverApi {
public:
    virtual ~DriverApi() = default;

    // CUDA driver API. Loading happens once, on the first call of cuda_library().
    virtual LibraryLoad cuda_library() = 0;
    virtual int cu_init() = 0;
    virtual std::string cu_error_name(int code) = 0;
    virtual int cu_driver_version(int* version) = 0;
    virtual int cu_device_count(int* count) = 0;
    /// cuDeviceGet + cuDeviceGetAttribute.
    virtual int cu_device_attribute(int ordinal, int attribute, int* value) = 0;
    virtual int cu_device_name(int ordinal, std::string* name) = 0;
    virtual int cu_device_total_mem(int ordinal, std::uint64_t* bytes) = 0;

    // NVML.
    virtual LibraryLoad nvml_library() = 0;
    virtual int nvml_init() = 0;
    virtual int nvml_driver_version(std::string* version) = 0;
    virtual int nvml_device_count(unsigned* count) = 0;
    /// Fills what it can of `out` for the device at NVML index `index`.
    virtual int nvml_device(unsigned index, NvmlDevice* out) = 0;
};

/// The real libraries, opened with dlopen on first use and closed never (drivers dislike it).
std::unique_ptr<DriverApi> make_dlopen_driver_api();

/// Same, but with explicit library names (tests point these at missing or broken files).
std::unique_ptr<DriverApi> make_dlopen_driver_api(std::string cuda_library,
                                                  std::string nvml_library);

}  // namespace trtdoctor::probe
