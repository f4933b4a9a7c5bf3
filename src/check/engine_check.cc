#include "check/engine_check.h"

#include <algorithm>

#include <fmt/format.h>

#include "check/trt_releases.h"
#include "core/catalogue.h"
#include "core/text.h"
#include "probe/machine_rules.h"

namespace trtdoctor::check {
namespace {

using probe::GpuFacts;
using probe::MachineFacts;

Location file_at(const plan::InspectResult& p) { return Location{p.path, {}, {}}; }
Location machine_at() { return Location{}; }

int cc10(int major, int minor) { return major * 10 + minor; }

std::string arch_name(int cc) {
    if (cc >= 120) return "Blackwell";
    if (cc >= 100) return "Blackwell";
    if (cc == 90) return "Hopper";
    if (cc == 89) return "Ada";
    if (cc == 87) return "Ampere (Jetson Orin)";
    if (cc >= 80) return "Ampere";
    if (cc == 75) return "Turing";
    if (cc == 72) return "Volta (Jetson Xavier)";
    if (cc >= 70) return "Volta";
    if (cc >= 60) return "Pascal";
    if (cc == 53) return "Maxwell (Jetson Nano)";
    if (cc >= 50) return "Maxwell";
    return "Kepler or older";
}

std::string cc_text(int cc) { return fmt::format("{}.{} ({})", cc / 10, cc % 10, arch_name(cc)); }

/// The version the loader would use, as far as the file name tells ("8.6.1", or "8").
struct Installed {
    std::string text;
    std::vector<int> parts;
};

Installed installed_trt(const MachineFacts& m) {
    Installed out;
    out.text = m.tensorrt_version();
    std::size_t pos = 0;
    while (pos < out.text.size()) {
        out.parts.push_back(std::atoi(out.text.c_str() + pos));
        pos = out.text.find('.', pos);
        if (pos == std::string::npos) break;
        ++pos;
    }
    return out;
}

void version_rules(const plan::InspectResult& p, const MachineFacts& m, std::vector<Finding>& out) {
    const Installed inst = installed_trt(m);
    if (!p.trt_version || inst.parts.empty()) return;
    const plan::TrtVersion& v = *p.trt_version;
    const int plan_parts[3] = {v.major, v.minor, v.patch};
    int cmp = 0;
    for (std::size_t i = 0; i < inst.parts.size() && i < 3 && cmp == 0; ++i) {
        if (plan_parts[i] != inst.parts[i]) cmp = inst.parts[i] < plan_parts[i] ? -1 : 1;
    }
    if (cmp == 0) return;  // as far as the installed file name tells, the same release
    Finding f = make_finding("TD3001");
    const bool same_major = v.major == inst.parts[0];
    const bool vc_possible = same_major && cmp > 0 && (v.major > 8 || (v.major == 8 && v.minor >= 6));
    f.summary = fmt::format("the plan was built by TensorRT {} but this machine loads TensorRT {}{}",
                            v.to_string(), inst.text,
                            vc_possible ? " (loads only if the plan was built version-compatible)" : "");
    f.add_evidence(file_at(p), fmt::format("plan version {}", v.to_string()));
    f.add_evidence(machine_at(), fmt::format("libnvinfer {}", inst.text));
    f.add_fact("plan_trt_version", v.to_string());
    f.add_fact("installed_trt_version", inst.text);
    if (vc_possible) {
        f.fix = fmt::format(
            "rebuild the engine with TensorRT {} on this machine; if it was built with "
            "--versionCompatible (kVERSION_COMPATIBLE), load it with "
            "setEngineHostCodeAllowed(true) and it may run on this newer {}.x runtime.",
            inst.text, v.major);
    } else {
        f.fix = fmt::format("rebuild the engine from the model with TensorRT {} (trtexec --onnx=MODEL "
                            "--saveEngine=FILE), or install TensorRT {} to run it.",
                            inst.text, v.to_string());
    }
    out.push_back(std::move(f));
}

/// Findings for one GPU; all reasons the plan cannot (or should not) run on `g`.
std::vector<Finding> gpu_rules(const plan::InspectResult& p, const MachineFacts& m, const GpuFacts& g) {
    std::vector<Finding> out;
    const std::string where = fmt::format("GPU {} ({})", g.index, g.name);
    const int gpu_cc = cc10(g.cc_major, g.cc_minor);
    std::optional<ReleaseFacts> rel;
    if (p.trt_version) rel = release_facts(p.trt_version->major, p.trt_version->minor);

    if (p.builder_gpu) {
        const plan::BuilderGpu& b = *p.builder_gpu;
        const int plan_cc = cc10(b.cc_major, b.cc_minor);
        const bool plan_igpu = b.integrated.value_or(false);
        const bool gpu_igpu = g.integrated.value_or(false);
        if (b.integrated && g.integrated && plan_igpu != gpu_igpu) {
            Finding f = make_finding("TD3005");
            f.summary = plan_igpu
                            ? fmt::format("the plan was built on an integrated (Jetson) GPU, CC {}, but {} is a discrete GPU", b.compute_capability(), where)
                            : fmt::format("the plan was built on a discrete GPU, CC {}, but {} is an integrated (Jetson) GPU", b.compute_capability(), where);
            f.add_evidence(file_at(p), fmt::format("builder GPU: CC {}, integrated {}", b.compute_capability(), plan_igpu ? "yes" : "no"));
            f.add_evidence(machine_at(), fmt::format("{}: CC {}, integrated {}", where, g.compute_capability(), gpu_igpu ? "yes" : "no"));
            f.add_fact("gpu", std::to_string(g.index));
            out.push_back(std::move(f));
        }
        if (plan_cc != gpu_cc) {
            Finding f = make_finding("TD3003");
            const bool hw_compat_possible = rel && rel->hardware_compatible && plan_cc >= 80 && gpu_cc >= 80;
            f.summary = fmt::format("the plan was built for compute capability {} but {} is {}{}",
                                    cc_text(plan_cc), where, cc_text(gpu_cc),
                                    hw_compat_possible ? " (loads only if built hardware-compatible)" : "");
            f.add_evidence(file_at(p), fmt::format("builder GPU compute capability {}", b.compute_capability()));
            f.add_evidence(machine_at(), fmt::format("{}: compute capability {}", where, g.compute_capability()));
            f.add_fact("plan_cc", b.compute_capability());
            f.add_fact("gpu_cc", g.compute_capability());
            f.add_fact("gpu", std::to_string(g.index));
            f.fix = fmt::format("rebuild the engine on a GPU of compute capability {} (this one: run "
                                "trtexec --onnx=MODEL --saveEngine=FILE here){}.",
                                g.compute_capability(),
                                hw_compat_possible ? ", or build once with --hardwareCompatibilityLevel=ampere+ to run on any Ampere or newer GPU" : "");
            out.push_back(std::move(f));
        } else if (b.sm_count && g.sm_count && static_cast<int>(*b.sm_count) != *g.sm_count) {
            Finding f = make_finding("TD3004");
            f.summary = fmt::format("same compute capability {} but a different GPU model: the plan was "
                                    "tuned on {} SMs, {} has {}", g.compute_capability(), *b.sm_count, where, *g.sm_count);
            f.add_evidence(file_at(p), fmt::format("builder GPU {} SMs", *b.sm_count));
            f.add_evidence(machine_at(), fmt::format("{}: {} SMs", where, *g.sm_count));
            f.add_fact("gpu", std::to_string(g.index));
            out.push_back(std::move(f));
        }
    }
    if (rel && (gpu_cc > rel->max_cc || gpu_cc < rel->min_cc)) {
        Finding f = make_finding("TD3006");
        f.summary = fmt::format("TensorRT {}.{} {} {} GPUs such as {} (compute capability {})",
                                rel->major, rel->minor, rel->certain ? "does not support" : "likely does not support",
                                gpu_cc > rel->max_cc ? "newer" : "older", where, g.compute_capability());
        f.add_evidence(file_at(p), fmt::format("plan version {}", p.trt_version->to_string()));
        f.add_evidence(machine_at(), fmt::format("{}: compute capability {}", where, g.compute_capability()));
        f.add_fact("supported_cc", fmt::format("{}.{} to {}.{}", rel->min_cc / 10, rel->min_cc % 10, rel->max_cc / 10, rel->max_cc % 10));
        f.add_fact("source", rel->source);
        f.add_fact("gpu", std::to_string(g.index));
        out.push_back(std::move(f));
    }
    // Memory: the plan's bytes must fit next to what is already allocated.
    const std::optional<std::uint64_t> room = g.free_bytes ? g.free_bytes : g.total_bytes;
    if (room && p.size > 0) {
        const std::uint64_t need = p.size;
        if (need > *room || need > *room / 10 * 9) {
            Finding f = make_finding("TD3020");
            const bool over = need > *room;
            f.severity = over ? Severity::error : Severity::warning;
            f.summary = fmt::format("the plan is {} but {} has {} {}{}", human_bytes(need), where,
                                    human_bytes(*room), g.free_bytes ? "free" : "in total",
                                    over ? "" : " (under 10% left for activations and context)");
            f.add_evidence(file_at(p), fmt::format("{} bytes", need));
            f.add_evidence(machine_at(), fmt::format("{}: {} bytes {}", where, *room, g.free_bytes ? "free" : "total"));
            f.add_fact("gpu", std::to_string(g.index));
            out.push_back(std::move(f));
        }
    }
    // Driver: the oldest driver any CUDA build of the plan's TensorRT accepts.
    const std::string driver = m.driver_version();
    if (rel && !driver.empty() && compare_versions(driver, rel->min_driver) < 0) {
        Finding f = make_finding("TD3010");
        f.summary = fmt::format("TensorRT {}.{} needs NVIDIA driver {} or newer (CUDA {}); this machine "
                                "has {}", rel->major, rel->minor, rel->min_driver, rel->cuda_builds, driver);
        if (!rel->certain) f.summary += " (likely)";
        f.add_evidence(file_at(p), fmt::format("plan version {}", p.trt_version->to_string()));
        f.add_evidence(machine_at(), fmt::format("driver {}", driver));
        f.add_fact("min_driver", rel->min_driver);
        f.add_fact("driver", driver);
        out.push_back(std::move(f));
    }
    return out;
}

bool is_loadable_kind(plan::FileKind k) { return k == plan::FileKind::plan; }

}  // namespace

std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::valid: return "valid";
        case Verdict::suboptimal: return "suboptimal";
        case Verdict::invalid: return "invalid";
    }
    return "invalid";
}

Verdict verdict_of(const std::vector<Finding>& findings) {
    auto worst = worst_severity(findings);
    if (!worst) return Verdict::valid;
    if (*worst == Severity::error) return Verdict::invalid;
    if (*worst == Severity::warning) return Verdict::suboptimal;
    return Verdict::valid;
}

EngineCheck check_engine(const plan::InspectResult& p, const MachineFacts& m, const CheckOptions& options) {
    EngineCheck out;
    out.path = p.path;
    // File: what inspect found, then the checksum.
    std::vector<Finding> file = p.findings;
    if (options.expected_sha256 && p.sha256 && to_lower(*options.expected_sha256) != *p.sha256) {
        Finding f = make_finding("TD3030");
        f.summary = fmt::format("the file's SHA-256 is {} but {} was expected", *p.sha256, to_lower(*options.expected_sha256));
        f.add_evidence(file_at(p), "sha256 " + *p.sha256);
        f.add_fact("expected_sha256", to_lower(*options.expected_sha256));
        f.add_fact("sha256", *p.sha256);
        file.push_back(std::move(f));
    }
    if (!is_loadable_kind(p.kind) && verdict_of(file) != Verdict::invalid) {
        // Inspect always reports look-alikes; this guards a kind it left without an error.
        Finding f = make_finding("TD3031");
        f.summary = fmt::format("the file is a {}, not a TensorRT plan", plan::to_string(p.kind));
        f.add_evidence(file_at(p), std::string(plan::to_string(p.kind)));
        file.push_back(std::move(f));
    }
    version_rules(p, m, file);

    std::vector<Finding> all = file;
    if (!probe::has_usable_gpu(m)) {
        Finding f = make_finding("TD3011");
        f.summary = m.driver.timed_out ? "the NVIDIA driver did not answer, so no GPU can run this plan"
                    : !m.driver.cuda.found ? "no NVIDIA driver on this machine, so no GPU can run this plan"
                    : m.driver.cu_init && *m.driver.cu_init != 0
                        ? fmt::format("cuInit failed ({}), so no GPU can run this plan", *m.driver.cu_init)
                        : "no GPU is visible, so this plan cannot run here";
        f.add_evidence(machine_at(), f.summary);
        all.push_back(f);
        out.verdict = verdict_of(all);
        out.findings = std::move(all);
        return out;
    }
    std::optional<Verdict> best;
    bool device_found = false;
    for (const auto& g : m.driver.gpus) {
        if (options.device && *options.device != g.index) continue;
        device_found = true;
        std::vector<Finding> gf = is_loadable_kind(p.kind) ? gpu_rules(p, m, g) : std::vector<Finding>{};
        GpuVerdict gv;
        gv.gpu = g.index;
        gv.name = g.name;
        std::vector<Finding> combined = file;
        combined.insert(combined.end(), gf.begin(), gf.end());
        gv.verdict = verdict_of(combined);
        for (const auto& f : combined) {
            if (f.severity != Severity::info) gv.reasons.push_back(f.code);
        }
        if (!best || gv.verdict < *best) best = gv.verdict;
        out.gpus.push_back(std::move(gv));
        all.insert(all.end(), gf.begin(), gf.end());
    }
    if (!device_found) {
        Finding f = make_finding("TD3011");
        f.summary = fmt::format("there is no GPU {} on this machine ({} visible)", options.device.value_or(-1),
                                m.driver.gpus.size());
        f.add_evidence(machine_at(), f.summary);
        all.push_back(f);
        best = Verdict::invalid;
    }
    out.verdict = std::max(best.value_or(Verdict::invalid), verdict_of(file));
    out.findings = std::move(all);
    return out;
}

}  // namespace trtdoctor::check
