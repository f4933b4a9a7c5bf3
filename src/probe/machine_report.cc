#include "probe/machine_report.h"

#include <fmt/format.h>

#include "core/text.h"
#include "probe/gpu_probe.h"

namespace trtdoctor::probe {
namespace {

enum class Mark { ok, warn, bad, info };

std::string mark(const Style& s, Mark m) {
    switch (m) {
        case Mark::ok: return s.green("[✓]");
        case Mark::warn: return s.yellow("[!]");
        case Mark::bad: return s.red("[✗]");
        case Mark::info: return s.dim("[-]");
    }
    return "[?]";
}

const char* compute_mode_name(int m) {
    switch (m) {
        case 0: return "Default";
        case 1: return "Exclusive_Thread";
        case 2: return "Prohibited";
        case 3: return "Exclusive_Process";
        default: return "unknown";
    }
}

}  // namespace

std::string cuda_version_string(int v) { return fmt::format("{}.{}", v / 1000, (v % 1000) / 10); }

std::string format_machine_checklist(const MachineFacts& m, const Style& s) {
    std::string out;
    const DriverFacts& d = m.driver;
    // Driver.
    if (d.timed_out) {
        out += fmt::format("{} NVIDIA driver: did not answer within {} ms\n", mark(s, Mark::bad), d.timeout_ms);
    } else if (!d.cuda.found) {
        out += fmt::format("{} NVIDIA driver: not found (libcuda.so.1: {})\n", mark(s, Mark::bad),
                           d.cuda.error.empty() ? "not loadable" : d.cuda.error);
    } else {
        const bool ok = d.cu_init && *d.cu_init == 0;
        out += fmt::format("{} NVIDIA driver {}{}\n", mark(s, ok ? Mark::ok : Mark::bad),
                           m.driver_version().empty() ? "(version unknown)" : m.driver_version(),
                           d.cuda_driver_version
                               ? fmt::format(" (CUDA {})", cuda_version_string(*d.cuda_driver_version))
                               : "");
        out += fmt::format("    libcuda: {}\n", d.cuda.path);
        if (!d.cuda.missing_symbols.empty()) {
            out += fmt::format("    missing entry points: {}\n", fmt::join(d.cuda.missing_symbols, ", "));
        }
        if (d.cu_init && *d.cu_init != 0) {
            out += fmt::format("    cuInit: {} {} ({})\n", *d.cu_init, d.cu_init_name,
                               cu_result_meaning(*d.cu_init));
        }
    }
    if (!m.host.proc_driver_version.empty()) {
        out += fmt::format("    /proc/driver/nvidia/version: {}\n", m.host.proc_driver_number);
    }
    if (!m.host.tegra_release.empty()) out += fmt::format("    Jetson: {}\n", m.host.tegra_release);
    if (!d.timed_out) {
        if (d.nvml.found) {
            out += fmt::format("    NVML: {}{}\n", d.nvml.path,
                               d.nvml_init && *d.nvml_init != 0
                                   ? fmt::format(" (nvmlInit failed: {})", *d.nvml_init) : "");
        } else {
            out += "    NVML: not found (free memory, processes, MIG and ECC unknown)\n";
        }
    }
    // GPUs.
    if (d.gpus.empty()) {
        out += fmt::format("{} GPUs: none visible\n", mark(s, d.cuda.found ? Mark::bad : Mark::info));
    }
    for (const auto& g : d.gpus) {
        out += fmt::format("{} GPU {}: {} (compute capability {}{})\n", mark(s, Mark::ok), g.index,
                           g.name.empty() ? "?" : g.name, g.compute_capability(),
                           g.integrated.value_or(false) ? ", integrated" : "");
        std::string line = "    ";
        if (g.sm_count) line += fmt::format("{} SMs", *g.sm_count);
        if (g.total_bytes) line += fmt::format(", {} total", human_bytes(*g.total_bytes));
        if (g.free_bytes) line += fmt::format(", {} free", human_bytes(*g.free_bytes));
        out += line + "\n";
        if (!g.uuid.empty()) out += fmt::format("    UUID {}\n", g.uuid);
        std::string modes;
        if (g.mig_enabled) modes += fmt::format("MIG {}", *g.mig_enabled ? "on" : "off");
        if (g.compute_mode) modes += fmt::format("{}compute mode {}", modes.empty() ? "" : ", ", compute_mode_name(*g.compute_mode));
        if (g.ecc_uncorrected) modes += fmt::format("{}uncorrectable ECC errors {}", modes.empty() ? "" : ", ", *g.ecc_uncorrected);
        if (!modes.empty()) out += "    " + modes + "\n";
        for (const auto& p : g.processes) {
            out += fmt::format("    process {} {} {}\n", p.pid, p.name.empty() ? "?" : p.name,
                               p.used_bytes ? fmt::format("{} MiB", *p.used_bytes >> 20) : "");
        }
    }
    // TensorRT.
    std::vector<const FoundLibrary*> trt, deps;
    for (const auto& lib : m.libraries) {
        if (lib.component.rfind("libnv", 0) == 0 && lib.component != "libnvidia-ml") trt.push_back(&lib);
        else if (lib.component != "libcuda" && lib.component != "libnvidia-ml") deps.push_back(&lib);
    }
    const std::string trt_version = m.tensorrt_version();
    out += fmt::format("{} TensorRT{}\n", mark(s, trt_version.empty() ? Mark::warn : Mark::ok),
                       trt_version.empty() ? ": not found by the dynamic loader" : " " + trt_version);
    for (const auto* lib : trt) {
        out += fmt::format("    {} {} ({}, {})\n", lib->soname, lib->version, lib->path, lib->source);
    }
    out += fmt::format("{} CUDA libraries{}\n", mark(s, deps.empty() ? Mark::info : Mark::ok),
                       deps.empty() ? ": no cuDNN, cuBLAS or CUDA runtime found" : "");
    for (const auto* lib : deps) {
        out += fmt::format("    {} {} ({})\n", lib->soname, lib->version, lib->path);
    }
    for (const auto& note : m.library_notes) out += fmt::format("    note: {}\n", note);
    // trtexec.
    if (m.trtexec.path.empty()) {
        out += fmt::format("{} trtexec: not on PATH\n", mark(s, Mark::info));
    } else {
        out += fmt::format("{} trtexec {} ({}){}\n",
                           mark(s, m.trtexec.version.empty() ? Mark::warn : Mark::ok),
                           m.trtexec.version.empty() ? "?" : m.trtexec.version, m.trtexec.path,
                           m.trtexec.problem.empty() ? "" : ": " + m.trtexec.problem);
    }
    // Container and devices.
    const HostFacts& h = m.host;
    out += fmt::format("{} Devices and container{}\n", mark(s, Mark::info),
                       h.in_container ? " (inside a container)" : "");
    if (h.device_nodes.empty()) out += "    /dev/nvidia*: none\n";
    for (const auto& n : h.device_nodes) {
        out += fmt::format("    {} {}{}\n", n.path, n.mode,
                           n.readable && n.writable ? "" : "  (no read-write access for this user)");
    }
    auto env_line = [&](const char* name, const std::optional<std::string>& v) {
        out += fmt::format("    {}={}\n", name, v ? *v : "(unset)");
    };
    env_line("NVIDIA_VISIBLE_DEVICES", h.nvidia_visible_devices);
    env_line("NVIDIA_DRIVER_CAPABILITIES", h.nvidia_driver_capabilities);
    env_line("CUDA_VISIBLE_DEVICES", h.cuda_visible_devices);
    env_line("CUDA_MODULE_LOADING", h.cuda_module_loading);
    for (const auto& note : d.notes) out += fmt::format("    note: {}\n", note);
    return out;
}

void write_machine_json(JsonWriter& w, const MachineFacts& m) {
    const DriverFacts& d = m.driver;
    w.begin_object();
    w.key("driver").begin_object();
    w.field("version", m.driver_version().empty() ? std::optional<std::string>{} : m.driver_version());
    w.field("proc_version", m.host.proc_driver_number.empty() ? std::optional<std::string>{} : m.host.proc_driver_number);
    w.field("cuda_driver_version", d.cuda_driver_version ? std::optional<std::string>(cuda_version_string(*d.cuda_driver_version)) : std::nullopt);
    w.field("libcuda", d.cuda.found ? std::optional<std::string>(d.cuda.path) : std::nullopt);
    w.field("libcuda_error", d.cuda.error.empty() ? std::optional<std::string>{} : d.cuda.error);
    w.key("libcuda_missing_symbols").begin_array();
    for (const auto& sym : d.cuda.missing_symbols) w.value(sym);
    w.end_array();
    w.field("cu_init", d.cu_init);
    w.field("cu_init_name", d.cu_init_name.empty() ? std::optional<std::string>{} : d.cu_init_name);
    w.field("nvml", d.nvml.found ? std::optional<std::string>(d.nvml.path) : std::nullopt);
    w.field("nvml_init", d.nvml_init);
    w.field("timed_out", d.timed_out);
    w.field("jetson", m.host.tegra_release.empty() ? std::optional<std::string>{} : m.host.tegra_release);
    w.key("notes").begin_array();
    for (const auto& n : d.notes) w.value(n);
    w.end_array();
    w.end_object();
    w.key("gpus").begin_array();
    for (const auto& g : d.gpus) {
        w.begin_object();
        w.field("index", g.index);
        w.field("name", g.name);
        w.field("uuid", g.uuid.empty() ? std::optional<std::string>{} : g.uuid);
        w.field("compute_capability", g.compute_capability());
        w.field("sm_count", g.sm_count);
        w.field("total_bytes", g.total_bytes);
        w.field("free_bytes", g.free_bytes);
        w.field("integrated", g.integrated);
        w.field("mig_enabled", g.mig_enabled);
        w.field("compute_mode", g.compute_mode);
        w.field("ecc_uncorrected", g.ecc_uncorrected);
        w.key("processes").begin_array();
        for (const auto& p : g.processes) {
            w.begin_object();
            w.field("pid", static_cast<std::uint64_t>(p.pid));
            w.field("name", p.name);
            w.field("used_bytes", p.used_bytes);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.field("tensorrt_version", m.tensorrt_version().empty() ? std::optional<std::string>{} : m.tensorrt_version());
    w.key("libraries").begin_array();
    for (const auto& lib : m.libraries) {
        w.begin_object();
        w.field("component", lib.component);
        w.field("soname", lib.soname);
        w.field("path", lib.path);
        w.field("version", lib.version);
        w.field("source", lib.source);
        w.end_object();
    }
    w.end_array();
    w.key("library_notes").begin_array();
    for (const auto& n : m.library_notes) w.value(n);
    w.end_array();
    w.key("trtexec").begin_object();
    w.field("path", m.trtexec.path.empty() ? std::optional<std::string>{} : m.trtexec.path);
    w.field("version", m.trtexec.version.empty() ? std::optional<std::string>{} : m.trtexec.version);
    w.field("problem", m.trtexec.problem.empty() ? std::optional<std::string>{} : m.trtexec.problem);
    w.end_object();
    const HostFacts& h = m.host;
    w.key("container").begin_object();
    w.field("in_container", h.in_container);
    w.field("NVIDIA_VISIBLE_DEVICES", h.nvidia_visible_devices);
    w.field("NVIDIA_DRIVER_CAPABILITIES", h.nvidia_driver_capabilities);
    w.field("CUDA_VISIBLE_DEVICES", h.cuda_visible_devices);
    w.field("CUDA_MODULE_LOADING", h.cuda_module_loading);
    w.key("device_nodes").begin_array();
    for (const auto& n : h.device_nodes) {
        w.begin_object();
        w.field("path", n.path);
        w.field("mode", n.mode);
        w.field("readable", n.readable);
        w.field("writable", n.writable);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    w.end_object();
}

}  // namespace trtdoctor::probe
