// The machine as TensorRT sees it: plain data gathered by the probes, read by the rules and
// the writers. Every probe that could not run leaves its reason here instead of a value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trtdoctor::probe {

/// How a driver library could be opened.
struct LibraryLoad {
    bool found = false;            ///< dlopen succeeded
    std::string path;              ///< the file the loader picked, when known
    std::string error;             ///< dlerror() text when it failed
    std::vector<std::string> missing_symbols;  ///< present but broken: entry points not exported
};

struct GpuProcess {
    std::uint32_t pid = 0;
    std::string name;                       ///< /proc/PID/comm when readable
    std::optional<std::uint64_t> used_bytes;
};

/// One GPU, from the CUDA driver API and NVML (either may be missing).
struct GpuFacts {
    int index = 0;                  ///< CUDA ordinal
    std::string name;
    std::string uuid;               ///< NVML only
    int cc_major = 0, cc_minor = 0;
    std::optional<int> sm_count;
    std::optional<std::uint64_t> total_bytes;
    std::optional<std::uint64_t> free_bytes;  ///< NVML only
    std::optional<bool> integrated;
    std::optional<bool> mig_enabled;          ///< NVML: current MIG mode
    std::optional<int> compute_mode;          ///< NVML: 0 default, 1 exclusive thread, 2 prohibited, 3 exclusive process
    std::optional<std::uint64_t> ecc_uncorrected;  ///< NVML: volatile uncorrected ECC errors
    std::vector<GpuProcess> processes;        ///< NVML: compute processes holding memory
    std::string compute_capability() const;   ///< "9.0"
};

/// What the driver libraries said.
struct DriverFacts {
    LibraryLoad cuda;                 ///< libcuda.so.1
    std::optional<int> cu_init;       ///< cuInit(0) result; empty when libcuda did not load
    std::string cu_init_name;         ///< cuGetErrorName of it, e.g. "CUDA_ERROR_NO_DEVICE"
    std::optional<int> cuda_driver_version;  ///< cuDriverGetVersion, e.g. 12040
    LibraryLoad nvml;                 ///< libnvidia-ml.so.1
    std::optional<int> nvml_init;     ///< nvmlInit_v2 result
    std::string driver_version;       ///< NVML, e.g. "550.54.15"
    std::vector<GpuFacts> gpus;
    bool timed_out = false;           ///< the driver did not answer within the deadline
    std::uint32_t timeout_ms = 0;
    std::vector<std::string> notes;   ///< probes that failed, with their reason
};

/// A library the dynamic loader would find.
struct FoundLibrary {
    std::string component;  ///< "libnvinfer", "libcudnn", ...
    std::string soname;     ///< "libnvinfer.so.8"
    std::string path;       ///< where it is
    std::string version;    ///< from the real file name ("8.6.1"), else the soname major ("8")
    std::string source;     ///< "LD_LIBRARY_PATH", "ld.so.cache", "standard directory"
};

struct DeviceNode {
    std::string path;       ///< "/dev/nvidia0"
    bool readable = false;
    bool writable = false;
    std::string mode;       ///< "crw-rw-rw-"
};

/// File system and environment facts.
struct HostFacts {
    std::string proc_driver_version;  ///< first line of /proc/driver/nvidia/version
    std::string proc_driver_number;   ///< the version number in it, e.g. "550.54.15"
    std::string tegra_release;        ///< first line of /etc/nv_tegra_release (Jetson)
    std::vector<DeviceNode> device_nodes;
    std::optional<std::string> nvidia_visible_devices;
    std::optional<std::string> nvidia_driver_capabilities;
    std::optional<std::string> cuda_visible_devices;
    std::optional<std::string> cuda_module_loading;
    bool in_container = false;        ///< /.dockerenv, /run/.containerenv or KUBERNETES_SERVICE_HOST
};

struct TrtexecFacts {
    std::string path;       ///< empty when not on PATH
    std::string version;    ///< "8.6.1" from the "[TensorRT v8601]" banner
    std::string problem;    ///< why the version could not be read (timeout, exit status)
};

struct MachineFacts {
    DriverFacts driver;
    HostFacts host;
    std::vector<FoundLibrary> libraries;
    std::vector<std::string> library_notes;  ///< e.g. "ldconfig -p could not run: ..."
    TrtexecFacts trtexec;

    /// The TensorRT version the loader would pick (libnvinfer), empty when none.
    std::string tensorrt_version() const;
    /// The driver version from NVML, else /proc.
    std::string driver_version() const;
};

}  // namespace trtdoctor::probe
