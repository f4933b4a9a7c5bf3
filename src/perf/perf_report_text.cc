// Text tables for `trtdoctor perf` and `trtdoctor perf compare`.
#include <fmt/format.h>

#include "perf/perf_report.h"
#include "report/finding_writer.h"

namespace trtdoctor::perf {
namespace {

std::string opt_ms(const std::optional<double>& v) { return v ? fmt::format("{:>9.4g}", *v) : fmt::format("{:>9}", "-"); }

std::string conditions_line(const RunConditions& c) {
    std::string s;
    auto add = [&](const std::string& label, const std::string& v) {
        if (v.empty()) return;
        s += (s.empty() ? "" : " | ") + label + v;
    };
    add("TensorRT ", c.trt_version);
    add("", c.gpu + (c.compute_capability.empty() ? "" : " (cc " + c.compute_capability + ")"));
    add("precision ", c.precision);
    add("shapes ", c.shapes);
    add("streams ", c.streams);
    add("CUDA graph ", c.cuda_graph);
    add("spin-wait ", c.spin_wait);
    return s.empty() ? "(not in the inputs)" : s;
}

std::string stat_row(const char* name, const Stat& s) {
    if (!s.mean && !s.median) return {};
    return fmt::format("  {:<14}{}{}{}{}{}{}{}\n", name, opt_ms(s.min), opt_ms(s.mean), opt_ms(s.median),
                       opt_ms(s.p90), opt_ms(s.p95), opt_ms(s.p99), opt_ms(s.max));
}

std::string summary_block(const Summary& s, const Style& style) {
    std::string out = style.bold(fmt::format("summary ({})", s.source));
    if (s.throughput_qps) out += fmt::format("  throughput {:.6g} qps", *s.throughput_qps);
    out += "\n";
    out += style.dim(fmt::format("  {:<14}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}  (ms)\n", "", "min", "mean", "median",
                                 "p90", "p95", "p99", "max"));
    out += stat_row("latency", s.latency);
    out += stat_row("end to end", s.end_to_end);
    out += stat_row("GPU compute", s.gpu_compute);
    out += stat_row("enqueue", s.enqueue);
    out += stat_row("H2D", s.h2d);
    out += stat_row("D2H", s.d2h);
    std::string tail;
    if (s.host_walltime_s) tail += fmt::format("host walltime {:.4g} s", *s.host_walltime_s);
    if (s.gpu_compute_total_s) tail += fmt::format("{}GPU compute total {:.4g} s", tail.empty() ? "" : "; ", *s.gpu_compute_total_s);
    if (s.host_walltime_s && s.gpu_compute_total_s && *s.host_walltime_s > 0) {
        tail += fmt::format("; GPU busy {:.1f}%", *s.gpu_compute_total_s / *s.host_walltime_s * 100);
    }
    if (s.cv_percent) tail += fmt::format("; CV {:.2f}%", *s.cv_percent);
    if (!tail.empty()) out += "  " + tail + "\n";
    return out;
}

std::string memory_block(const MemoryFacts& m, const Style& style) {
    if (m.empty()) return {};
    std::string out = style.bold("memory") + "\n";
    std::string line;
    auto add = [&](const std::string& s) { line += (line.empty() ? "  " : "; ") + s; };
    if (m.engine_size_mib) add(fmt::format("engine {} MiB", *m.engine_size_mib));
    if (m.activation_bytes) add(fmt::format("activation {}", human_bytes_local(*m.activation_bytes)));
    if (m.device_persistent_bytes) add(fmt::format("device persistent {}", human_bytes_local(*m.device_persistent_bytes)));
    if (m.host_persistent_bytes) add(fmt::format("host persistent {}", human_bytes_local(*m.host_persistent_bytes)));
    if (m.scratch_bytes) add(fmt::format("scratch {}", human_bytes_local(*m.scratch_bytes)));
    if (m.context_memory_mib) add(fmt::format("context {:.4g} MiB", *m.context_memory_mib));
    if (!line.empty()) out += line + "\n";
    if (!m.timeline.empty()) {
        out += fmt::format("  [MemUsageChange] timeline: {} events, peak CPU {} MiB, peak GPU {} MiB", m.timeline.size(),
                           m.peak_cpu_mib.value_or(0), m.peak_gpu_mib.value_or(0));
        if (m.allocator_peak_gpu_mib) out += fmt::format("; allocator peak GPU {} MiB", *m.allocator_peak_gpu_mib);
        out += "\n";
    }
    return out;
}

}  // namespace

std::string human_bytes_local(std::uint64_t b) {
    if (b >= (1ull << 30)) return fmt::format("{:.3g} GiB", static_cast<double>(b) / (1ull << 30));
    if (b >= (1ull << 20)) return fmt::format("{:.3g} MiB", static_cast<double>(b) / (1ull << 20));
    if (b >= 1024) return fmt::format("{:.3g} KiB", static_cast<double>(b) / 1024);
    return fmt::format("{} B", b);
}

std::string run_text(const RunData& run, const RunAnalysis& a, const Style& style, std::size_t top_n) {
    std::string out = style.bold("perf run: ") + run.label + "\n";
    out += "  conditions: " + conditions_line(run.conditions) + "\n";
    for (const auto& n : run.notes) out += "  " + style.dim("note: " + n) + "\n";
    if (run.summary) out += summary_block(*run.summary, style);
    if (run.times_summary && run.summary && run.summary->source != "exportTimes") {
        out += style.dim(fmt::format("  --exportTimes: {} records; GPU compute median {:.4g} ms, mean {:.4g} ms\n",
                                     run.times_records, run.times_summary->gpu_compute.median.value_or(0),
                                     run.times_summary->gpu_compute.mean.value_or(0)));
    }
    if (!a.layers.empty()) {
        out += style.bold(fmt::format("top {} layers of {} ({:.4g} ms per inference, {})",
                                      std::min(top_n, a.layers.size()), a.layers.size(), a.total_layer_ms,
                                      run.profile ? run.profile->source : std::string()))
               + "\n";
        out += style.dim(fmt::format("  {:>3} {:>10} {:>7} {:>7}  {:<14} {}\n", "#", "avg ms", "share", "cum.", "type", "layer"));
        for (std::size_t i = 0; i < a.layers.size() && i < top_n; ++i) {
            const auto& r = a.layers[i];
            out += fmt::format("  {:>3} {:>10.4g} {:>6.1f}% {:>6.1f}%  {:<14} {}\n", i + 1, r.avg_ms, r.share * 100,
                               r.cumulative * 100, r.type.substr(0, 14), r.name);
        }
        out += style.bold("time by layer type") + "\n";
        for (const auto& t : a.by_type) {
            out += fmt::format("  {:<16} {:>4} layers {:>10.4g} ms {:>6.1f}%\n", t.type.substr(0, 16), t.count, t.avg_ms,
                               t.share * 100);
        }
        if (a.reformat_count) {
            out += fmt::format("  reformat/copy layers: {} taking {:.4g} ms ({:.1f}%)\n", a.reformat_count, a.reformat_ms,
                               a.total_layer_ms > 0 ? a.reformat_ms / a.total_layer_ms * 100 : 0.0);
        }
    }
    out += memory_block(run.memory, style);
    if (a.findings.empty()) {
        out += style.green("no findings") + "\n";
    } else {
        out += style.bold("findings") + "\n";
        for (const auto& f : a.findings) out += format_finding_text(f, style);
    }
    return out;
}

std::string compare_text(const RunData& base, const RunData& now, const Comparison& c, const Style& style,
                         std::size_t top_n) {
    std::string out = style.bold("perf compare") + "\n";
    out += "  base: " + base.label + "\n        " + conditions_line(base.conditions) + "\n";
    out += "  new:  " + now.label + "\n        " + conditions_line(now.conditions) + "\n";
    for (const auto& n : base.notes) out += "  " + style.dim("note (base): " + n) + "\n";
    for (const auto& n : now.notes) out += "  " + style.dim("note (new): " + n) + "\n";
    if (!c.condition_differences.empty()) {
        out += style.bold(c.refused ? "conditions differ: not compared" : "conditions differ (compared anyway)") + "\n";
        for (const auto& d : c.condition_differences) {
            out += fmt::format("  {:<18} {} -> {}{}\n", d.what, d.base, d.now, d.note.empty() ? "" : "  (" + d.note + ")");
        }
    }
    if (!c.refused) {
        if (!c.metrics.empty()) {
            out += style.bold("metrics") + style.dim(fmt::format("{:>38}{:>12}  {}", "base", "new", "change")) + "\n";
            for (const auto& m : c.metrics) {
                bool worse = m.higher_is_better ? m.change < 0 : m.change > 0;
                std::string change = fmt::format("{:+.1f}%", m.change * 100);
                if (std::abs(m.change) >= 0.01) change = worse ? style.red(change) : style.green(change);
                out += fmt::format("  {:<31}{:>12.5g}{:>12.5g}  {}{}\n", m.metric, m.base, m.now, change,
                                   m.metric == c.gate_metric ? style.dim("  <- gate") : "");
            }
        }
        if (!c.layers.empty()) {
            std::size_t counts[5] = {0, 0, 0, 0, 0};
            for (const auto& l : c.layers) ++counts[static_cast<int>(l.status)];
            out += style.bold(fmt::format("layers: {} slower, {} faster, {} new, {} removed, {} same", counts[1],
                                          counts[2], counts[3], counts[4], counts[0]))
                   + "\n";
            out += style.dim(fmt::format("  {:<8} {:>10} {:>10} {:>10}  {}\n", "status", "base ms", "new ms", "delta", "layer"));
            std::size_t shown = 0;
            for (const auto& l : c.layers) {
                if (l.status == LayerStatus::same) continue;
                if (shown++ >= top_n) break;
                out += fmt::format("  {:<8} {} {} {:>+10.4g}  {}\n", to_string(l.status), opt_ms(l.base_ms).substr(0) ,
                                   opt_ms(l.now_ms), l.delta_ms, l.name);
            }
        }
        if (!c.memory.empty()) {
            out += style.bold("memory") + "\n";
            for (const auto& m : c.memory) {
                out += fmt::format("  {:<40} {:>14.6g} {:>14.6g}  {:+.1f}%\n", m.what, m.base, m.now,
                                   m.base > 0 ? (m.now / m.base - 1) * 100 : 0.0);
            }
        }
    }
    if (c.findings.empty()) {
        out += style.green(c.gate_change ? fmt::format("no regression: {} {:+.1f}%", c.gate_metric, *c.gate_change * 100)
                                         : std::string("no findings"))
               + "\n";
    } else {
        out += style.bold("findings") + "\n";
        for (const auto& f : c.findings) out += format_finding_text(f, style);
    }
    return out;
}

}  // namespace trtdoctor::perf
