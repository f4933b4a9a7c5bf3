// One run judged: the top layers with share and cumulative share, time per layer type,
// reformat/copy cost, layers left in FP32, tactics without tensor cores, and the findings
// (SLOW_LAYER, ENQUEUE_BOUND, TRANSFER_BOUND, UNSTABLE_TIMING, REFORMAT_OVERHEAD,
// PRECISION_NOT_APPLIED, NO_TENSOR_CORES, LAYER_FALLBACK).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "perf/run_loader.h"

namespace trtdoctor::perf {

struct AnalysisOptions {
    std::size_t top_n = 10;
    double slow_layer_share = 0.30;       ///< one layer at or above this share: SLOW_LAYER
    double reformat_share = 0.10;         ///< reformat layers at or above: REFORMAT_OVERHEAD
    double unstable_cv_percent = 5.0;     ///< CV at or above: UNSTABLE_TIMING
    double enqueue_ratio = 0.8;           ///< enqueue mean / compute mean at or above ...
    double gpu_busy_saturated = 0.9;      ///< ... unless total compute / walltime reaches this
};

struct LayerRow {
    std::string name;
    std::string type;       ///< from layer info, else guessed from the name
    std::string precision;  ///< from detailed layer info, else empty
    double avg_ms = 0;
    double share = 0;       ///< of the summed per-iteration layer time (0..1)
    double cumulative = 0;  ///< share of this and all slower layers
};

struct TypeRow {
    std::string type;
    std::size_t count = 0;
    double avg_ms = 0;
    double share = 0;
};

struct RunAnalysis {
    std::vector<LayerRow> layers;      ///< all layers, slowest first
    std::vector<TypeRow> by_type;      ///< slowest type first
    double total_layer_ms = 0;         ///< summed per-iteration layer time
    std::size_t reformat_count = 0;
    double reformat_ms = 0;
    std::vector<LayerRow> fp32_layers;       ///< compute layers in FP32 with FP16/INT8 asked
    std::vector<LayerRow> no_tensor_core_layers;
    std::optional<double> gpu_busy;          ///< total GPU compute / host walltime
    std::optional<double> enqueue_over_compute;
    std::optional<double> transfer_over_compute;
    std::optional<double> cv_percent;
    std::vector<Finding> findings;
};

/// "Reformat", "Convolution", "MatMul", "Myelin", ... from a layer name (no layer info).
std::string guess_layer_type(const std::string& name);
/// True for reformat/copy layers inserted by TensorRT.
bool is_reformat(const std::string& name, const std::string& type);

RunAnalysis analyse_run(const RunData& run, const AnalysisOptions& options = {});

}  // namespace trtdoctor::perf
