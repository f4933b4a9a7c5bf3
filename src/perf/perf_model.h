// The facts of one trtexec run as trtdoctor reads them: the performance summary, the
// per-layer profile, layer information, memory figures and the run conditions. Plain data,
// filled by the readers (log_reader.h, json_readers.h) and consumed by the analysis.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trtdoctor::perf {

/// One latency-like metric as trtexec summarises it (milliseconds).
struct Stat {
    std::optional<double> min, max, mean, median, p90, p95, p99;
    std::optional<double> stddev;  ///< known when computed from --exportTimes
    std::uint64_t count = 0;       ///< samples behind the figures (0 when unknown)
};

/// The performance summary of one run, from the log or computed from --exportTimes.
struct Summary {
    std::string source;  ///< "log (TensorRT 7 form)", "log", "exportTimes"
    std::optional<double> throughput_qps;
    Stat latency;      ///< host latency (H2D + compute + D2H)
    Stat end_to_end;   ///< TensorRT 7/8.0/8.2 end-to-end host latency
    Stat enqueue;
    Stat h2d;
    Stat gpu_compute;
    Stat d2h;
    std::optional<double> host_walltime_s;
    std::optional<double> gpu_compute_total_s;
    std::optional<double> cv_percent;  ///< coefficient of variation of GPU compute time
    std::optional<std::uint64_t> line;  ///< 1-based line of the summary header in the log
};

/// One row of --dumpProfile / --exportProfile.
struct LayerTime {
    std::string name;
    double total_ms = 0;   ///< summed over all profiled iterations
    double avg_ms = 0;     ///< per iteration
    std::optional<double> median_ms;
    double percent = 0;    ///< share of the total as printed by trtexec
};

/// A per-layer profile.
struct Profile {
    std::string source;  ///< "dumpProfile (8.2 layout)", "exportProfile", ...
    std::optional<std::uint64_t> iterations;
    std::vector<LayerTime> layers;  ///< execution order, the Total row excluded
    std::optional<double> total_avg_ms;  ///< the Total row's per-iteration time, if printed
};

/// One engine layer from --exportLayerInfo (detailed or names only).
struct LayerInfo {
    std::string name;
    std::string type;       ///< LayerType; empty with names-only verbosity
    std::string precision;  ///< FP32, FP16, INT8, ... from the first output's Format/Datatype
    std::string tactic;     ///< TacticName when present
};

struct LayerInfoSet {
    bool detailed = false;
    std::vector<LayerInfo> layers;
};

/// A [MemUsageChange] line.
struct MemoryEvent {
    std::string what;  ///< "Init CUDA", "TensorRT-managed allocation in building engine", ...
    std::int64_t cpu_delta_mib = 0, gpu_delta_mib = 0;
    std::int64_t cpu_now_mib = 0, gpu_now_mib = 0;
    std::uint64_t line = 0;
};

struct MemoryFacts {
    std::vector<MemoryEvent> timeline;
    std::optional<std::int64_t> peak_cpu_mib, peak_gpu_mib;  ///< max "now" over the timeline
    std::optional<std::int64_t> allocator_peak_cpu_mib, allocator_peak_gpu_mib;  ///< [MemUsageStats]
    std::optional<std::int64_t> engine_size_mib;
    std::optional<std::uint64_t> activation_bytes, host_persistent_bytes,
        device_persistent_bytes, scratch_bytes;
    std::optional<double> context_memory_mib;  ///< "Created execution context with device memory size"
    bool empty() const;
};

/// What must match for two runs to be comparable.
struct RunConditions {
    std::string trt_version;  ///< "10.16.1"; empty when the log does not say (TensorRT 7)
    std::string gpu;          ///< Selected Device
    std::string compute_capability;
    std::string precision;    ///< "FP32+FP16", or flags from the command line
    std::string shapes;       ///< inference shapes
    std::string batch;        ///< Batch / Max batch
    std::string cuda_graph;   ///< "Enabled"/"Disabled"
    std::string streams;      ///< Inference Streams / Streams
    std::string spin_wait;
    std::string command;      ///< the trtexec command line from the banner
    bool empty() const;
};

/// A line of the log that is evidence for a finding.
struct LogEvidence {
    std::uint64_t line = 0;
    std::string text;
};

/// One trtexec run read from a log (a log may hold several, each opened by "&&&& RUNNING").
struct LogRun {
    std::uint64_t first_line = 0;
    RunConditions conditions;
    std::optional<Summary> summary;
    std::optional<Profile> profile;
    MemoryFacts memory;
    std::vector<LogEvidence> fallbacks;        ///< layers placed outside TensorRT's GPU path
    std::vector<LogEvidence> enqueue_warnings; ///< trtexec's own "bound by Enqueue Time" advice
    std::optional<std::string> outcome;        ///< "PASSED", "FAILED", or empty when cut short
};

}  // namespace trtdoctor::perf
