// JSON documents for `trtdoctor perf` and `trtdoctor perf compare` (schema in docs/perf.md).
#include "perf/perf_report.h"
#include "report/finding_writer.h"

namespace trtdoctor::perf {
namespace {

void stat_json(JsonWriter& w, const Stat& s) {
    w.begin_object();
    w.field("min", s.min).field("mean", s.mean).field("median", s.median);
    w.field("p90", s.p90).field("p95", s.p95).field("p99", s.p99).field("max", s.max);
    if (s.count) w.field("count", static_cast<std::uint64_t>(s.count));
    w.end_object();
}

void summary_json(JsonWriter& w, const std::optional<Summary>& s) {
    if (!s) {
        w.null();
        return;
    }
    w.begin_object();
    w.field("source", s->source);
    w.field("throughput_qps", s->throughput_qps);
    w.key("latency_ms"); stat_json(w, s->latency);
    w.key("end_to_end_ms"); stat_json(w, s->end_to_end);
    w.key("gpu_compute_ms"); stat_json(w, s->gpu_compute);
    w.key("enqueue_ms"); stat_json(w, s->enqueue);
    w.key("h2d_ms"); stat_json(w, s->h2d);
    w.key("d2h_ms"); stat_json(w, s->d2h);
    w.field("host_walltime_s", s->host_walltime_s);
    w.field("gpu_compute_total_s", s->gpu_compute_total_s);
    w.field("cv_percent", s->cv_percent);
    w.end_object();
}

void conditions_json(JsonWriter& w, const RunConditions& c) {
    w.begin_object();
    w.field("tensorrt_version", c.trt_version).field("gpu", c.gpu).field("compute_capability", c.compute_capability);
    w.field("precision", c.precision).field("shapes", c.shapes).field("batch", c.batch);
    w.field("cuda_graph", c.cuda_graph).field("streams", c.streams).field("spin_wait", c.spin_wait);
    w.field("command", c.command);
    w.end_object();
}

void memory_json(JsonWriter& w, const MemoryFacts& m) {
    w.begin_object();
    w.field("engine_size_mib", m.engine_size_mib);
    w.field("activation_bytes", m.activation_bytes);
    w.field("host_persistent_bytes", m.host_persistent_bytes);
    w.field("device_persistent_bytes", m.device_persistent_bytes);
    w.field("scratch_bytes", m.scratch_bytes);
    w.field("context_memory_mib", m.context_memory_mib);
    w.field("peak_cpu_mib", m.peak_cpu_mib).field("peak_gpu_mib", m.peak_gpu_mib);
    w.key("timeline").begin_array();
    for (const auto& e : m.timeline) {
        w.begin_object();
        w.field("what", e.what).field("cpu_delta_mib", e.cpu_delta_mib).field("gpu_delta_mib", e.gpu_delta_mib);
        w.field("cpu_now_mib", e.cpu_now_mib).field("gpu_now_mib", e.gpu_now_mib).field("line", e.line);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

void run_facts_json(JsonWriter& w, const RunData& run) {
    w.key("files").begin_array();
    for (const auto& f : run.files) w.value(f);
    w.end_array();
    w.key("notes").begin_array();
    for (const auto& n : run.notes) w.value(n);
    w.end_array();
    w.key("conditions"); conditions_json(w, run.conditions);
    w.key("summary"); summary_json(w, run.summary);
    w.key("export_times_summary"); summary_json(w, run.times_summary);
    w.key("memory"); memory_json(w, run.memory);
}

void findings_json(JsonWriter& w, const std::vector<Finding>& findings) {
    w.key("findings").begin_array();
    for (const auto& f : findings) write_finding_json(w, f);
    w.end_array();
}

}  // namespace

void run_json(JsonWriter& w, const RunData& run, const RunAnalysis& a, std::size_t top_n) {
    w.begin_object();
    w.field("command", "perf");
    run_facts_json(w, run);
    w.key("profile").begin_object();
    w.field("source", run.profile ? run.profile->source : std::string());
    w.field("layer_count", static_cast<std::uint64_t>(a.layers.size()));
    w.field("total_ms", a.total_layer_ms);
    w.key("top_layers").begin_array();
    for (std::size_t i = 0; i < a.layers.size() && i < top_n; ++i) {
        const auto& r = a.layers[i];
        w.begin_object().field("name", r.name).field("type", r.type).field("precision", r.precision);
        w.field("avg_ms", r.avg_ms).field("share", r.share).field("cumulative", r.cumulative).end_object();
    }
    w.end_array();
    w.key("by_type").begin_array();
    for (const auto& t : a.by_type) {
        w.begin_object().field("type", t.type).field("count", static_cast<std::uint64_t>(t.count));
        w.field("avg_ms", t.avg_ms).field("share", t.share).end_object();
    }
    w.end_array();
    w.field("reformat_layers", static_cast<std::uint64_t>(a.reformat_count));
    w.field("reformat_ms", a.reformat_ms);
    w.end_object();
    w.field("gpu_busy_fraction", a.gpu_busy);
    w.field("enqueue_over_compute", a.enqueue_over_compute);
    w.field("transfer_over_compute", a.transfer_over_compute);
    findings_json(w, a.findings);
    w.end_object();
}

void compare_json(JsonWriter& w, const RunData& base, const RunData& now, const Comparison& c, std::size_t top_n) {
    w.begin_object();
    w.field("command", "perf compare");
    w.key("base").begin_object(); run_facts_json(w, base); w.end_object();
    w.key("new").begin_object(); run_facts_json(w, now); w.end_object();
    w.field("refused", c.refused);
    w.key("condition_differences").begin_array();
    for (const auto& d : c.condition_differences) {
        w.begin_object().field("what", d.what).field("base", d.base).field("new", d.now).field("note", d.note).end_object();
    }
    w.end_array();
    w.key("metrics").begin_array();
    for (const auto& m : c.metrics) {
        w.begin_object().field("metric", m.metric).field("base", m.base).field("new", m.now);
        w.field("change", m.change).field("higher_is_better", m.higher_is_better).end_object();
    }
    w.end_array();
    w.field("gate_metric", c.gate_metric);
    w.field("gate_change", c.gate_change);
    w.key("responsible_layers").begin_array();
    for (const auto& r : c.responsible) w.value(r);
    w.end_array();
    w.key("layers").begin_array();
    std::size_t shown = 0;
    for (const auto& l : c.layers) {
        if (l.status == LayerStatus::same) continue;
        if (shown++ >= top_n) break;
        w.begin_object().field("name", l.name).field("status", to_string(l.status));
        w.field("base_ms", l.base_ms).field("new_ms", l.now_ms).field("delta_ms", l.delta_ms).end_object();
    }
    w.end_array();
    w.key("memory").begin_array();
    for (const auto& m : c.memory) w.begin_object().field("what", m.what).field("base", m.base).field("new", m.now).end_object();
    w.end_array();
    findings_json(w, c.findings);
    w.end_object();
}

}  // namespace trtdoctor::perf
