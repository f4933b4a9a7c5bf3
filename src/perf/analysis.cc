#include "perf/analysis.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "core/catalogue.h"

namespace trtdoctor::perf {
namespace {

bool has(const std::string& s, std::string_view needle) { return s.find(needle) != std::string::npos; }

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool is_compute_type(const std::string& type) {
    auto t = lower(type);
    return has(t, "conv") || has(t, "gemm") || has(t, "matrixmultiply") || has(t, "fullyconnected") ||
           has(t, "deconv");
}

bool asks_reduced_precision(const std::string& precision) {
    auto p = lower(precision);
    return has(p, "fp16") || has(p, "int8") || has(p, "best") || has(p, "fp8") || has(p, "bf16");
}

/// Tactic names of SIMT (non tensor-core) convolution/GEMM kernels.
bool is_simt_tactic(const std::string& tactic) {
    auto t = lower(tactic);
    for (auto tc : {"884", "1688", "16816", "8816", "xmma", "hmma", "imma", "tensorop", "wgmma", "gmma",
                    "_tc_", "tf32"}) {
        if (has(t, tc)) return false;
    }
    for (auto simt : {"sgemm", "scudnn", "hcudnn", "fp16x2", "simt", "hgemm"}) {
        if (has(t, simt)) return true;
    }
    return false;
}

double compute_capability_of(const std::string& cc) {
    try {
        return cc.empty() ? 0.0 : std::stod(cc);
    } catch (...) {
        return 0.0;
    }
}

std::string ms(double v) { return fmt::format("{:.4g} ms", v); }
std::string pct(double share) { return fmt::format("{:.1f}%", share * 100.0); }

Location where_of(const RunData& run, bool from_profile) {
    if (from_profile) return {run.profile_path.empty() ? run.log_path : run.profile_path, {}, {}};
    return {run.log_path.empty() ? run.times_path : run.log_path, {}, {}};
}

}  // namespace

std::string guess_layer_type(const std::string& name) {
    auto n = lower(name);
    if (has(n, "reformatting copynode") || has(n, "reformatter") || has(n, "reformat")) return "Reformat";
    if (has(n, "{foreignnode") || n.rfind("__myl", 0) == 0 || has(n, "_myl")) return "Myelin";
    if (has(n, "conv")) return "Convolution";
    if (has(n, "matmul") || has(n, "gemm") || has(n, "linear") || has(n, "fc")) return "MatMul";
    if (has(n, "pool")) return "Pooling";
    if (has(n, "softmax")) return "SoftMax";
    if (has(n, "shuffle") || has(n, "reshape") || has(n, "transpose")) return "Shuffle";
    if (has(n, "concat")) return "Concatenation";
    if (has(n, "resize") || has(n, "upsample")) return "Resize";
    if (has(n, "pwn(") || has(n, "relu") || has(n, "sigmoid") || has(n, "add") || has(n, "mul")) return "Pointwise";
    if (has(n, "copy") || has(n, "slice")) return "Copy/Slice";
    return "Other";
}

bool is_reformat(const std::string& name, const std::string& type) {
    if (type == "Reformat" || type == "Reformatting") return true;
    auto n = lower(name);
    return has(n, "reformatting copynode") || has(n, "reformatter") || has(n, "reformatted input") ||
           has(n, "reformatted output");
}

RunAnalysis analyse_run(const RunData& run, const AnalysisOptions& options) {
    RunAnalysis a;
    std::unordered_map<std::string, const LayerInfo*> info;
    if (run.layer_info) {
        for (const auto& li : run.layer_info->layers) info.emplace(li.name, &li);
    }

    // Layers, slowest first, with share and cumulative share.
    if (run.profile) {
        for (const auto& lt : run.profile->layers) a.total_layer_ms += lt.avg_ms;
        for (const auto& lt : run.profile->layers) {
            LayerRow row;
            row.name = lt.name;
            row.avg_ms = lt.avg_ms;
            auto it = info.find(lt.name);
            if (it != info.end() && !it->second->type.empty()) {
                row.type = it->second->type;
                row.precision = it->second->precision;
            } else {
                row.type = guess_layer_type(lt.name);
            }
            row.share = a.total_layer_ms > 0 ? lt.avg_ms / a.total_layer_ms : 0;
            a.layers.push_back(std::move(row));
        }
        std::stable_sort(a.layers.begin(), a.layers.end(),
                         [](const LayerRow& x, const LayerRow& y) { return x.avg_ms > y.avg_ms; });
        double cum = 0;
        std::map<std::string, TypeRow> types;
        for (auto& row : a.layers) {
            cum += row.share;
            row.cumulative = cum;
            auto& t = types[row.type];
            t.type = row.type;
            ++t.count;
            t.avg_ms += row.avg_ms;
            t.share += row.share;
            if (is_reformat(row.name, row.type)) {
                ++a.reformat_count;
                a.reformat_ms += row.avg_ms;
            }
        }
        for (auto& [_, t] : types) a.by_type.push_back(t);
        std::stable_sort(a.by_type.begin(), a.by_type.end(),
                         [](const TypeRow& x, const TypeRow& y) { return x.avg_ms > y.avg_ms; });
    }

    // Layers left in FP32, tactics without tensor cores (detailed layer info needed).
    const bool reduced = asks_reduced_precision(run.conditions.precision);
    const double cc = compute_capability_of(run.conditions.compute_capability);
    if (run.layer_info && run.layer_info->detailed) {
        std::unordered_map<std::string, double> time_of;
        for (const auto& row : a.layers) time_of[row.name] = row.avg_ms;
        for (const auto& li : run.layer_info->layers) {
            if (!is_compute_type(li.type)) continue;
            LayerRow row;
            row.name = li.name;
            row.type = li.type;
            row.precision = li.precision;
            if (auto it = time_of.find(li.name); it != time_of.end()) {
                row.avg_ms = it->second;
                row.share = a.total_layer_ms > 0 ? it->second / a.total_layer_ms : 0;
            }
            if (reduced && li.precision == "FP32") a.fp32_layers.push_back(row);
            if (!li.tactic.empty() && is_simt_tactic(li.tactic) && (cc == 0.0 || cc >= 7.0)) {
                row.precision = li.tactic;  // shown as the evidence
                a.no_tensor_core_layers.push_back(row);
            }
        }
    }

    // Findings.
    if (a.layers.size() >= 3 && !a.layers.empty() && a.layers.front().share >= options.slow_layer_share) {
        const auto& top = a.layers.front();
        auto f = make_finding("TD5001");
        f.summary = fmt::format("layer '{}' takes {} of the layer time ({} per inference)", top.name,
                                pct(top.share), ms(top.avg_ms));
        f.add_evidence(where_of(run, true), fmt::format("{}  {}  {}", ms(top.avg_ms), pct(top.share), top.name));
        f.add_fact("layer", top.name).add_fact("share_percent", fmt::format("{:.1f}", top.share * 100));
        f.add_fact("layer_type", top.type);
        a.findings.push_back(std::move(f));
    }
    if (a.total_layer_ms > 0 && a.reformat_count > 0 && a.reformat_ms / a.total_layer_ms >= options.reformat_share) {
        auto f = make_finding("TD5005");
        f.summary = fmt::format("{} reformat/copy layers take {} of the layer time ({} per inference)",
                                a.reformat_count, pct(a.reformat_ms / a.total_layer_ms), ms(a.reformat_ms));
        std::size_t shown = 0;
        for (const auto& row : a.layers) {
            if (!is_reformat(row.name, row.type) || shown++ >= 3) continue;
            f.add_evidence(where_of(run, true), fmt::format("{}  {}  {}", ms(row.avg_ms), pct(row.share), row.name));
        }
        f.add_fact("reformat_layers", std::to_string(a.reformat_count));
        f.add_fact("reformat_share_percent", fmt::format("{:.1f}", a.reformat_ms / a.total_layer_ms * 100));
        a.findings.push_back(std::move(f));
    }
    if (!a.fp32_layers.empty()) {
        auto f = make_finding("TD5006");
        double share = 0;
        for (const auto& row : a.fp32_layers) share += row.share;
        f.summary = fmt::format("{} convolution/GEMM layers stayed FP32 with precision '{}' asked ({} of the layer time)",
                                a.fp32_layers.size(), run.conditions.precision, pct(share));
        for (std::size_t i = 0; i < a.fp32_layers.size() && i < 5; ++i) {
            f.add_evidence({run.layer_info_path, {}, {}}, a.fp32_layers[i].name + " (" + a.fp32_layers[i].type + ", FP32)");
        }
        f.add_fact("fp32_layers", std::to_string(a.fp32_layers.size()));
        a.findings.push_back(std::move(f));
    }
    if (!a.no_tensor_core_layers.empty()) {
        auto f = make_finding("TD5007");
        f.summary = fmt::format("{} convolution/GEMM layers use kernels without tensor cores",
                                a.no_tensor_core_layers.size());
        for (std::size_t i = 0; i < a.no_tensor_core_layers.size() && i < 5; ++i) {
            const auto& row = a.no_tensor_core_layers[i];
            f.add_evidence({run.layer_info_path, {}, {}}, row.name + ": " + row.precision);
        }
        f.add_fact("layers", std::to_string(a.no_tensor_core_layers.size()));
        a.findings.push_back(std::move(f));
    }

    if (run.summary) {
        const Summary& s = *run.summary;
        if (s.gpu_compute_total_s && s.host_walltime_s && *s.host_walltime_s > 0) {
            a.gpu_busy = *s.gpu_compute_total_s / *s.host_walltime_s;
        }
        const auto compute = s.gpu_compute.mean;
        if (compute && *compute > 0 && s.enqueue.mean) a.enqueue_over_compute = *s.enqueue.mean / *compute;
        if (compute && *compute > 0 && s.h2d.mean && s.d2h.mean) {
            a.transfer_over_compute = (*s.h2d.mean + *s.d2h.mean) / *compute;
        }
        a.cv_percent = s.cv_percent;
        if (!a.cv_percent && s.gpu_compute.stddev && compute && *compute > 0) {
            a.cv_percent = *s.gpu_compute.stddev / *compute * 100;
        }
        const bool saturated = a.gpu_busy && *a.gpu_busy >= options.gpu_busy_saturated;
        if (a.enqueue_over_compute && *a.enqueue_over_compute >= options.enqueue_ratio && !saturated) {
            auto f = make_finding("TD5002");
            f.summary = fmt::format("enqueue takes {} per inference against {} of GPU compute{}",
                                    ms(*s.enqueue.mean), ms(*compute),
                                    a.gpu_busy ? fmt::format("; the GPU was busy {} of the wall time", pct(*a.gpu_busy)) : "");
            Location where = where_of(run, false);
            where.line = s.line;
            f.add_evidence(where, fmt::format("Enqueue Time mean = {}, GPU Compute Time mean = {}", ms(*s.enqueue.mean), ms(*compute)));
            if (run.log) {
                for (const auto& w : run.log->enqueue_warnings) f.add_evidence({run.log_path, {}, w.line}, w.text);
            }
            f.add_fact("enqueue_over_compute", fmt::format("{:.2f}", *a.enqueue_over_compute));
            if (a.gpu_busy) f.add_fact("gpu_busy_fraction", fmt::format("{:.2f}", *a.gpu_busy));
            a.findings.push_back(std::move(f));
        }
        if (a.transfer_over_compute && *a.transfer_over_compute >= 1.0) {
            auto f = make_finding("TD5003");
            f.summary = fmt::format("H2D + D2H take {} per inference against {} of GPU compute",
                                    ms(*s.h2d.mean + *s.d2h.mean), ms(*compute));
            Location where = where_of(run, false);
            where.line = s.line;
            f.add_evidence(where, fmt::format("H2D Latency mean = {}, D2H Latency mean = {}", ms(*s.h2d.mean), ms(*s.d2h.mean)));
            f.add_fact("transfer_over_compute", fmt::format("{:.2f}", *a.transfer_over_compute));
            a.findings.push_back(std::move(f));
        }
        const auto& g = s.gpu_compute;
        const bool tail = g.p99 && g.median && *g.median > 0 && *g.p99 > 1.5 * *g.median;
        if ((a.cv_percent && *a.cv_percent >= options.unstable_cv_percent) || tail) {
            auto f = make_finding("TD5004");
            f.summary = a.cv_percent ? fmt::format("GPU compute time varies with a coefficient of variation of {:.1f}%", *a.cv_percent)
                                     : fmt::format("GPU compute 99th percentile {} is {:.1f}x the median {}", ms(*g.p99), *g.p99 / *g.median, ms(*g.median));
            Location where = where_of(run, false);
            where.line = s.line;
            f.add_evidence(where, fmt::format("GPU Compute Time: median = {}, p99 = {}", ms(g.median.value_or(0)), ms(g.p99.value_or(0))));
            if (a.cv_percent) f.add_fact("cv_percent", fmt::format("{:.2f}", *a.cv_percent));
            const std::string& spin = run.conditions.spin_wait;
            f.fix = "lock the GPU clocks (sudo nvidia-smi -lgc BASE,BASE; on Jetson sudo jetson_clocks)" +
                    std::string(spin == "Enabled" ? "" : ", add --useSpinWait") +
                    ", stop other GPU work and measure longer (--duration=10)";
            a.findings.push_back(std::move(f));
        }
    }
    if (run.log && !run.log->fallbacks.empty()) {
        auto f = make_finding("TD5008");
        f.summary = fmt::format("{} log lines report layers falling back", run.log->fallbacks.size());
        for (std::size_t i = 0; i < run.log->fallbacks.size() && i < 5; ++i) {
            f.add_evidence({run.log_path, {}, run.log->fallbacks[i].line}, run.log->fallbacks[i].text);
        }
        a.findings.push_back(std::move(f));
    }
    return a;
}

}  // namespace trtdoctor::perf
