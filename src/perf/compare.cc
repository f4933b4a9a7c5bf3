#include "perf/compare.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "core/catalogue.h"

namespace trtdoctor::perf {
namespace {

/// Layer name -> per-iteration ms; repeated names get "#2", "#3" suffixes in order.
std::vector<std::pair<std::string, double>> keyed_layers(const Profile& p) {
    std::map<std::string, int> seen;
    std::vector<std::pair<std::string, double>> out;
    for (const auto& l : p.layers) {
        int n = ++seen[l.name];
        out.emplace_back(n == 1 ? l.name : l.name + "#" + std::to_string(n), l.avg_ms);
    }
    return out;
}

double profile_total(const Profile& p) {
    double t = 0;
    for (const auto& l : p.layers) t += l.avg_ms;
    return t;
}

void add_metric(Comparison& c, const std::string& name, const std::optional<double>& a,
                const std::optional<double>& b, bool higher_is_better = false) {
    if (!a || !b || *a <= 0) return;
    c.metrics.push_back({name, *a, *b, *b / *a - 1.0, higher_is_better});
}

}  // namespace

std::string_view to_string(LayerStatus status) {
    switch (status) {
    case LayerStatus::same: return "same";
    case LayerStatus::slower: return "slower";
    case LayerStatus::faster: return "faster";
    case LayerStatus::added: return "new";
    case LayerStatus::removed: return "removed";
    }
    return "same";
}

Comparison compare_runs(const RunData& base, const RunData& now, const CompareOptions& options) {
    Comparison c;
    c.condition_differences = compare_conditions(base.conditions, now.conditions);
    if (!c.condition_differences.empty()) {
        auto f = make_finding("TD5011");
        std::string list;
        for (const auto& d : c.condition_differences) list += (list.empty() ? "" : ", ") + d.what;
        f.summary = "the runs differ in " + list +
                    (options.allow_different_conditions ? " (compared anyway: --allow-different-conditions)"
                                                        : "; not compared (--allow-different-conditions to compare anyway)");
        for (const auto& d : c.condition_differences) {
            f.add_evidence({now.log_path, {}, {}}, fmt::format("{}: '{}' -> '{}'{}", d.what, d.base, d.now,
                                                             d.note.empty() ? "" : " (" + d.note + ")"));
            f.add_fact(d.what, d.base + " -> " + d.now);
        }
        if (options.allow_different_conditions) f.severity = Severity::warning;
        c.findings.push_back(std::move(f));
        if (!options.allow_different_conditions) {
            c.refused = true;
            return c;
        }
    }

    // Metrics.
    if (base.summary && now.summary) {
        const Summary &a = *base.summary, &b = *now.summary;
        add_metric(c, "throughput (qps)", a.throughput_qps, b.throughput_qps, true);
        add_metric(c, "latency median (ms)", a.latency.median, b.latency.median);
        add_metric(c, "latency p99 (ms)", a.latency.p99, b.latency.p99);
        add_metric(c, "GPU compute mean (ms)", a.gpu_compute.mean, b.gpu_compute.mean);
        add_metric(c, "GPU compute median (ms)", a.gpu_compute.median, b.gpu_compute.median);
        add_metric(c, "GPU compute p90 (ms)", a.gpu_compute.p90, b.gpu_compute.p90);
        add_metric(c, "GPU compute p95 (ms)", a.gpu_compute.p95, b.gpu_compute.p95);
        add_metric(c, "GPU compute p99 (ms)", a.gpu_compute.p99, b.gpu_compute.p99);
        add_metric(c, "enqueue mean (ms)", a.enqueue.mean, b.enqueue.mean);
        add_metric(c, "H2D mean (ms)", a.h2d.mean, b.h2d.mean);
        add_metric(c, "D2H mean (ms)", a.d2h.mean, b.d2h.mean);
    }
    if (base.profile && now.profile) {
        add_metric(c, "layer total per inference (ms)", profile_total(*base.profile), profile_total(*now.profile));
    }

    // Layers matched by name.
    if (base.profile && now.profile) {
        auto a = keyed_layers(*base.profile);
        auto b = keyed_layers(*now.profile);
        std::map<std::string, double> in_a(a.begin(), a.end());
        std::map<std::string, double> in_b(b.begin(), b.end());
        for (const auto& [name, t] : a) {
            LayerDelta d;
            d.name = name;
            d.base_ms = t;
            if (auto it = in_b.find(name); it != in_b.end()) {
                d.now_ms = it->second;
                d.delta_ms = it->second - t;
                double noise = std::max(options.layer_noise * t, 0.0005);
                d.status = d.delta_ms > noise ? LayerStatus::slower
                           : d.delta_ms < -noise ? LayerStatus::faster
                                                 : LayerStatus::same;
            } else {
                d.delta_ms = -t;
                d.status = LayerStatus::removed;
            }
            c.layers.push_back(std::move(d));
        }
        for (const auto& [name, t] : b) {
            if (in_a.count(name)) continue;
            LayerDelta d;
            d.name = name;
            d.now_ms = t;
            d.delta_ms = t;
            d.status = LayerStatus::added;
            c.layers.push_back(std::move(d));
        }
        std::stable_sort(c.layers.begin(), c.layers.end(), [](const LayerDelta& x, const LayerDelta& y) {
            return std::fabs(x.delta_ms) > std::fabs(y.delta_ms);
        });
    }

    // The gate: GPU compute median, else latency median, else the profile total.
    for (const char* gate : {"GPU compute median (ms)", "latency median (ms)", "layer total per inference (ms)",
                             "GPU compute mean (ms)", "throughput (qps)"}) {
        auto it = std::find_if(c.metrics.begin(), c.metrics.end(), [&](const MetricDelta& m) { return m.metric == gate; });
        if (it == c.metrics.end()) continue;
        c.gate_metric = it->metric;
        c.gate_change = it->higher_is_better ? (it->now > 0 ? it->base / it->now - 1.0 : 0.0) : it->change;
        break;
    }

    // Responsible layers: the largest growths, until they explain 80% of the total growth.
    double growth = 0;
    for (const auto& d : c.layers) {
        if (d.status == LayerStatus::slower || d.status == LayerStatus::added) growth += d.delta_ms;
    }
    if (growth > 0) {
        double explained = 0;
        for (const auto& d : c.layers) {
            if (d.status != LayerStatus::slower && d.status != LayerStatus::added) continue;
            c.responsible.push_back(d.name);
            explained += d.delta_ms;
            if (explained >= 0.8 * growth || c.responsible.size() >= 5) break;
        }
    }

    if (c.gate_change && *c.gate_change > options.max_regression) {
        auto f = make_finding("TD5010");
        const auto& m = *std::find_if(c.metrics.begin(), c.metrics.end(),
                                      [&](const MetricDelta& x) { return x.metric == c.gate_metric; });
        f.summary = fmt::format("{} went from {:.4g} to {:.4g} (+{:.1f}%, allowed {:.1f}%)", c.gate_metric, m.base,
                                m.now, *c.gate_change * 100, options.max_regression * 100);
        if (!c.responsible.empty()) {
            f.summary += "; most of it in " + c.responsible.front();
            if (c.responsible.size() > 1) f.summary += fmt::format(" and {} more layer(s)", c.responsible.size() - 1);
        }
        std::string where = now.profile_path.empty() ? now.log_path : now.profile_path;
        for (const auto& name : c.responsible) {
            auto it = std::find_if(c.layers.begin(), c.layers.end(), [&](const LayerDelta& d) { return d.name == name; });
            f.add_evidence({where, {}, {}},
                           fmt::format("{}: {} -> {:.4g} ms ({})", name,
                                       it->base_ms ? fmt::format("{:.4g} ms", *it->base_ms) : std::string("absent"),
                                       it->now_ms.value_or(0), to_string(it->status)));
        }
        f.add_fact("metric", c.gate_metric);
        f.add_fact("change_percent", fmt::format("{:.2f}", *c.gate_change * 100));
        for (const auto& name : c.responsible) f.add_fact("layer", name);
        c.findings.push_back(std::move(f));
    }

    // Memory.
    auto mem = [&](const char* what, auto a, auto b) {
        if (!a || !b) return;
        double x = static_cast<double>(*a), y = static_cast<double>(*b);
        c.memory.push_back({what, x, y});
    };
    mem("engine size (MiB)", base.memory.engine_size_mib, now.memory.engine_size_mib);
    mem("activation memory (bytes)", base.memory.activation_bytes, now.memory.activation_bytes);
    mem("device persistent memory (bytes)", base.memory.device_persistent_bytes, now.memory.device_persistent_bytes);
    mem("execution context memory (MiB)", base.memory.context_memory_mib, now.memory.context_memory_mib);
    mem("peak GPU memory in the timeline (MiB)", base.memory.peak_gpu_mib, now.memory.peak_gpu_mib);
    std::vector<const MemoryDelta*> grown;
    for (const auto& m : c.memory) {
        const bool bytes = m.what.find("bytes") != std::string::npos;
        const double min_abs = bytes ? 1048576.0 : 1.0;
        if (m.base > 0 && m.now / m.base - 1.0 > options.max_memory_growth && m.now - m.base >= min_abs) grown.push_back(&m);
    }
    if (!grown.empty()) {
        auto f = make_finding("TD5012");
        std::string list;
        for (const auto* m : grown) {
            list += (list.empty() ? "" : ", ") + fmt::format("{} +{:.1f}%", m->what, (m->now / m->base - 1) * 100);
            f.add_evidence({now.log_path, {}, {}}, fmt::format("{}: {:.6g} -> {:.6g}", m->what, m->base, m->now));
        }
        f.summary = "memory grew beyond " + fmt::format("{:.0f}%", options.max_memory_growth * 100) + ": " + list;
        c.findings.push_back(std::move(f));
    }
    return c;
}

}  // namespace trtdoctor::perf
