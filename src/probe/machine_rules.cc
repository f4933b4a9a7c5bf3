#include "probe/machine_rules.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "core/catalogue.h"
#include "probe/driver_abi.h"
#include "probe/gpu_probe.h"

namespace trtdoctor::probe {
namespace {

Location machine_location(std::string path = {}) { return Location{std::move(path), {}, {}}; }

std::string major_minor(const std::string& v) {
    const std::size_t a = v.find('.');
    if (a == std::string::npos) return v;
    const std::size_t b = v.find('.', a + 1);
    return v.substr(0, b);
}

std::string major_of(const std::string& v) { return v.substr(0, v.find('.')); }

bool container_hides_gpus(const HostFacts& h) {
    if (!h.nvidia_visible_devices) return false;
    const std::string& v = *h.nvidia_visible_devices;
    return v.empty() || v == "void" || v == "none";
}

std::string gpu_access_fix(const HostFacts& h) {
    if (h.in_container || h.nvidia_visible_devices) {
        return "start the container with GPU access: docker run --gpus all (or --runtime=nvidia "
               "with NVIDIA_VISIBLE_DEVICES=all), or in Kubernetes request nvidia.com/gpu in the "
               "pod's resources; the NVIDIA Container Toolkit must be installed on the host.";
    }
    return "install the NVIDIA driver for this GPU (e.g. apt install nvidia-driver, or the "
           "runfile from nvidia.com) and reboot; check that nvidia-smi works.";
}

void driver_rules(const MachineFacts& m, std::vector<Finding>& out) {
    const DriverFacts& d = m.driver;
    if (d.timed_out) {
        Finding f = make_finding("TD2005");
        f.summary = fmt::format("the NVIDIA driver did not answer within {} ms", d.timeout_ms);
        f.add_fact("timeout_ms", std::to_string(d.timeout_ms));
        f.add_evidence(machine_location("libcuda.so.1"), "cuInit/NVML calls still running at the deadline");
        out.push_back(std::move(f));
        return;
    }
    if (!d.cuda.found) {
        Finding f = make_finding("TD2001");
        f.summary = m.host.device_nodes.empty()
                        ? "no NVIDIA driver: libcuda.so.1 is not found and there is no /dev/nvidia*"
                        : "libcuda.so.1 is not found although /dev/nvidia* exists";
        f.add_evidence(machine_location("libcuda.so.1"), d.cuda.error);
        f.add_fact("dlerror", d.cuda.error);
        f.add_fact("device_nodes", std::to_string(m.host.device_nodes.size()));
        if (!m.host.device_nodes.empty() && (m.host.in_container || m.host.nvidia_visible_devices)) {
            f.fix = "the devices are passed in but the driver's user-space libraries are not: run "
                    "with the NVIDIA container runtime (docker run --gpus all) so libcuda is "
                    "mounted, and make sure NVIDIA_DRIVER_CAPABILITIES includes compute,utility.";
        } else {
            f.fix = gpu_access_fix(m.host);
        }
        out.push_back(std::move(f));
    } else if (!d.cuda.missing_symbols.empty()) {
        Finding f = make_finding("TD2004");
        f.summary = fmt::format("{} is present but does not export {}", d.cuda.path,
                                fmt::join(d.cuda.missing_symbols, ", "));
        f.add_evidence(machine_location(d.cuda.path),
                       fmt::format("missing: {}", fmt::join(d.cuda.missing_symbols, " ")));
        f.add_fact("library", d.cuda.path);
        out.push_back(std::move(f));
    }
    if (d.cu_init && *d.cu_init != abi::CUDA_SUCCESS) {
        const int code = *d.cu_init;
        Finding f = make_finding("TD2002");
        const std::string name = d.cu_init_name.empty() ? "?" : d.cu_init_name;
        f.summary = fmt::format("cuInit failed with {} ({}): {}", code, name, cu_result_meaning(code));
        f.add_evidence(machine_location(d.cuda.path), fmt::format("cuInit(0) = {} {}", code, name));
        f.add_fact("cu_init", std::to_string(code));
        f.add_fact("cu_init_name", name);
        if (!m.driver_version().empty()) f.add_fact("driver_version", m.driver_version());
        if (code == abi::CUDA_ERROR_INSUFFICIENT_DRIVER) {
            f.fix = fmt::format(
                "the kernel driver{} is older than the CUDA this libcuda/application needs: "
                "upgrade the NVIDIA driver, or on data-centre GPUs install the cuda-compat "
                "package of the matching CUDA release.",
                m.driver_version().empty() ? "" : " (" + m.driver_version() + ")");
        } else if (code == abi::CUDA_ERROR_NO_DEVICE) {
            f.fix = m.host.cuda_visible_devices
                        ? fmt::format("CUDA_VISIBLE_DEVICES is '{}': unset it or list a GPU that "
                                      "exists; in a container also check --gpus.",
                                      *m.host.cuda_visible_devices)
                        : gpu_access_fix(m.host);
        } else if (code == abi::CUDA_ERROR_SYSTEM_DRIVER_MISMATCH) {
            f.fix = "libcuda and the kernel module come from different driver releases: reboot "
                    "after a driver upgrade, or remove the stale libcuda copy.";
        } else {
            f.fix = "look at dmesg for NVRM/Xid messages; check that /dev/nvidia-uvm exists "
                    "(modprobe nvidia-uvm), that the user can open /dev/nvidia*, then reload "
                    "the driver or reboot.";
        }
        out.push_back(std::move(f));
    }
    for (const auto& node : m.host.device_nodes) {
        if (node.readable && node.writable) continue;
        if (node.path == "/dev/nvidia-caps" || node.path.find("nvidia-caps") != std::string::npos) continue;
        Finding f = make_finding("TD2003");
        f.summary = fmt::format("{} exists but this user cannot open it read-write ({})", node.path,
                                node.mode);
        f.add_evidence(machine_location(node.path), node.mode);
        f.add_fact("device", node.path);
        out.push_back(std::move(f));
    }
    if (container_hides_gpus(m.host)) {
        Finding f = make_finding("TD2006");
        f.summary = fmt::format("NVIDIA_VISIBLE_DEVICES is '{}': the container runtime exposes no GPU",
                                *m.host.nvidia_visible_devices);
        f.add_evidence(machine_location(), "NVIDIA_VISIBLE_DEVICES=" + *m.host.nvidia_visible_devices);
        out.push_back(std::move(f));
    }
    for (const auto& g : d.gpus) {
        if (g.compute_mode && *g.compute_mode == 2) {
            Finding f = make_finding("TD2007");
            f.summary = fmt::format("GPU {} ({}) is in compute mode Prohibited: no process may "
                                    "create a CUDA context on it", g.index, g.name);
            f.add_evidence(machine_location(), "compute mode 2 (prohibited)");
            f.add_fact("gpu", std::to_string(g.index));
            out.push_back(std::move(f));
        }
    }
}

void library_rules(const MachineFacts& m, std::vector<Finding>& out) {
    std::map<std::string, std::vector<const FoundLibrary*>> by_component;
    for (const auto& lib : m.libraries) by_component[lib.component].push_back(&lib);
    auto nvinfer = by_component.find("libnvinfer");
    if (nvinfer == by_component.end()) {
        Finding f = make_finding("TD2010");
        f.summary = "no TensorRT: the dynamic loader finds no libnvinfer.so";
        f.add_evidence(machine_location("libnvinfer.so"),
                       "not in LD_LIBRARY_PATH, the ld.so cache or the standard directories");
        out.push_back(std::move(f));
        return;
    }
    const FoundLibrary& core = *nvinfer->second.front();
    // Duplicates: the same soname family in several places with different versions.
    std::set<std::string> versions;
    for (const auto* lib : nvinfer->second) versions.insert(lib->version);
    if (nvinfer->second.size() > 1 && versions.size() > 1) {
        Finding f = make_finding("TD2012");
        f.summary = fmt::format("{} TensorRT installations are visible: the loader takes {} ({})",
                                nvinfer->second.size(), core.path, core.version);
        for (const auto* lib : nvinfer->second) {
            f.add_evidence(machine_location(lib->path), fmt::format("{} via {}", lib->version, lib->source));
        }
        out.push_back(std::move(f));
    }
    // Mixed releases: companions that do not match libnvinfer's major.minor.
    for (const char* companion : {"libnvinfer_plugin", "libnvonnxparser", "libnvinfer_lean",
                                  "libnvinfer_dispatch"}) {
        auto it = by_component.find(companion);
        if (it == by_component.end()) continue;
        const FoundLibrary& lib = *it->second.front();
        const bool full = core.version.find('.') != std::string::npos &&
                          lib.version.find('.') != std::string::npos;
        const bool differs = full ? major_minor(lib.version) != major_minor(core.version)
                                  : major_of(lib.version) != major_of(core.version);
        if (!differs || lib.version.empty() || core.version.empty()) continue;
        Finding f = make_finding("TD2011");
        f.summary = fmt::format("mixed TensorRT releases: {} is {} but {} is {}", core.soname,
                                core.version, lib.soname, lib.version);
        f.add_evidence(machine_location(core.path), core.version);
        f.add_evidence(machine_location(lib.path), lib.version);
        f.add_fact("libnvinfer", core.version);
        f.add_fact(companion, lib.version);
        out.push_back(std::move(f));
    }
    // cuBLAS: TensorRT 8.x loads cuBLAS/cuBLASLt for some tactics (optional from 10.0).
    const int trt_major = std::atoi(major_of(core.version).c_str());
    if (trt_major > 0 && trt_major <= 8 && !by_component.count("libcublasLt") &&
        !by_component.count("libcublas")) {
        Finding f = make_finding("TD2020");
        f.summary = fmt::format("TensorRT {} is installed but no cuBLAS/cuBLASLt is found; "
                                "it likely fails when a tactic needs them", core.version);
        f.add_evidence(machine_location(core.path), core.version);
        out.push_back(std::move(f));
    }
    // CUDA runtime and cuBLAS from different CUDA majors.
    auto majors = [&](const char* c) {
        std::set<std::string> s;
        if (auto it = by_component.find(c); it != by_component.end()) {
            for (const auto* lib : it->second) s.insert(major_of(lib->version));
        }
        return s;
    };
    const auto cudart = majors("libcudart"), cublas = majors("libcublas");
    if (!cudart.empty() && !cublas.empty()) {
        bool shared = false;
        for (const auto& v : cudart) shared = shared || cublas.count(v) > 0;
        if (!shared) {
            Finding f = make_finding("TD2021");
            f.summary = fmt::format("the CUDA runtime ({}) and cuBLAS ({}) come from different "
                                    "CUDA major releases", fmt::join(cudart, ", "),
                                    fmt::join(cublas, ", "));
            f.add_evidence(machine_location(by_component["libcudart"].front()->path),
                           by_component["libcudart"].front()->version);
            f.add_evidence(machine_location(by_component["libcublas"].front()->path),
                           by_component["libcublas"].front()->version);
            out.push_back(std::move(f));
        }
    }
}

}  // namespace

bool has_usable_gpu(const MachineFacts& m) {
    if (m.driver.timed_out || m.driver.gpus.empty()) return false;
    if (m.driver.cu_init) return *m.driver.cu_init == 0;
    return m.driver.nvml_init && *m.driver.nvml_init == 0;  // NVML-first fast path
}

std::vector<Finding> machine_findings(const MachineFacts& m) {
    std::vector<Finding> out;
    driver_rules(m, out);
    library_rules(m, out);
    if (m.host.cuda_module_loading && *m.host.cuda_module_loading == "EAGER") {
        Finding f = make_finding("TD2030");
        f.summary = "CUDA_MODULE_LOADING=EAGER: every kernel of TensorRT is loaded at start";
        f.add_evidence(machine_location(), "CUDA_MODULE_LOADING=EAGER");
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace trtdoctor::probe
