// Two runs compared: conditions first (refused when they differ, unless allowed), then
// per-metric deltas, per-layer differences matched by name (new, removed, slower, faster),
// memory deltas, and the findings LATENCY_REGRESSION (with the layers responsible),
// RUN_CONDITIONS_DIFFER and MEMORY_REGRESSION.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "perf/conditions.h"
#include "perf/run_loader.h"

namespace trtdoctor::perf {

struct CompareOptions {
    double max_regression = 0.10;      ///< allowed slowdown of the gate metric (0.10 = 10%)
    double max_memory_growth = 0.10;   ///< allowed growth of memory figures
    bool allow_different_conditions = false;
    double layer_noise = 0.05;         ///< layer changes below 5% (or 0.5 us) count as "same"
};

struct MetricDelta {
    std::string metric;   ///< "GPU compute median (ms)", "throughput (qps)", ...
    double base = 0, now = 0;
    double change = 0;    ///< now / base - 1
    bool higher_is_better = false;
};

enum class LayerStatus { same, slower, faster, added, removed };
std::string_view to_string(LayerStatus status);

struct LayerDelta {
    std::string name;
    std::optional<double> base_ms, now_ms;  ///< per iteration
    double delta_ms = 0;                    ///< now - base (missing side = 0)
    LayerStatus status = LayerStatus::same;
};

struct MemoryDelta {
    std::string what;  ///< "engine size (MiB)", ...
    double base = 0, now = 0;
};

struct Comparison {
    std::vector<ConditionDifference> condition_differences;
    bool refused = false;
    std::vector<MetricDelta> metrics;
    std::vector<LayerDelta> layers;        ///< largest |delta| first
    std::vector<MemoryDelta> memory;
    std::string gate_metric;               ///< the metric the regression threshold applies to
    std::optional<double> gate_change;
    std::vector<std::string> responsible;  ///< layers that explain most of the slowdown
    std::vector<Finding> findings;
};

Comparison compare_runs(const RunData& base, const RunData& now, const CompareOptions& options = {});

}  // namespace trtdoctor::perf
