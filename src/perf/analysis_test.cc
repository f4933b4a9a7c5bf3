#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "perf/analysis.h"
#include "perf/compare.h"
#include "perf/json_readers.h"
#include "support/testing.h"

namespace trtdoctor::perf {
namespace {

/// A run whose profile has the given (name, ms) rows.
RunData run_with_layers(std::initializer_list<std::pair<const char*, double>> rows) {
    RunData run;
    run.profile_path = "p.json";
    Profile p;
    p.source = "exportProfile";
    for (const auto& [name, ms] : rows) p.layers.push_back({name, ms * 100, ms, std::nullopt, 0});
    run.profile = p;
    return run;
}

Summary summary(double compute, double enqueue, double walltime_s, double compute_total_s) {
    Summary s;
    s.source = "log";
    s.gpu_compute.mean = compute;
    s.gpu_compute.median = compute;
    s.gpu_compute.p99 = compute * 1.05;
    s.enqueue.mean = enqueue;
    s.h2d.mean = 0.01;
    s.d2h.mean = 0.01;
    s.host_walltime_s = walltime_s;
    s.gpu_compute_total_s = compute_total_s;
    return s;
}

bool has_code(const std::vector<Finding>& fs, const char* code) {
    return std::any_of(fs.begin(), fs.end(), [&](const Finding& f) { return f.code == code; });
}

TEST(PerfAnalysis, LayersAreRankedWithShareAndCumulativeShare) {
    auto a = analyse_run(run_with_layers({{"a", 1.0}, {"b", 3.0}, {"c", 1.0}}));
    ASSERT_EQ(a.layers.size(), 3u);
    EXPECT_EQ(a.layers[0].name, "b");
    EXPECT_DOUBLE_EQ(a.layers[0].share, 0.6);
    EXPECT_DOUBLE_EQ(a.layers[1].cumulative, 0.8);
    EXPECT_DOUBLE_EQ(a.total_layer_ms, 5.0);
}

TEST(PerfAnalysis, ALayerWithFortyPercentIsASlowLayer) {
    auto a = analyse_run(run_with_layers({{"Conv_big", 4.0}, {"b", 2.0}, {"c", 2.0}, {"d", 2.0}}));
    ASSERT_TRUE(has_code(a.findings, "TD5001"));
    EXPECT_EQ(a.findings[0].name, "SLOW_LAYER");
    EXPECT_NE(a.findings[0].summary.find("Conv_big"), std::string::npos);
}

TEST(PerfAnalysis, ALayerWithAQuarterOfTheTimeStaysSilent) {
    auto a = analyse_run(run_with_layers({{"a", 2.5}, {"b", 2.5}, {"c", 2.5}, {"d", 2.5}}));
    EXPECT_FALSE(has_code(a.findings, "TD5001"));
}

TEST(PerfAnalysis, ReformatLayersAboveTenPercentAreReported) {
    auto a = analyse_run(run_with_layers({{"Reformatting CopyNode for Input Tensor 0 to conv", 1.5},
                                          {"conv", 3.0}, {"pool", 3.0}, {"fc", 3.0}}));
    EXPECT_EQ(a.reformat_count, 1u);
    EXPECT_TRUE(has_code(a.findings, "TD5005"));
    auto quiet = analyse_run(run_with_layers({{"Reformatting CopyNode for Input Tensor 0 to conv", 0.5},
                                              {"conv", 3.0}, {"pool", 3.0}, {"fc", 3.0}}));
    EXPECT_FALSE(has_code(quiet.findings, "TD5005"));
}

TEST(PerfAnalysis, SingleStreamRunWithSlowEnqueueAndIdleGpuIsEnqueueBound) {
    RunData run;
    run.summary = summary(0.10, 0.09, 3.0, 1.5);  // GPU busy 50%
    auto a = analyse_run(run);
    ASSERT_TRUE(has_code(a.findings, "TD5002"));
    EXPECT_NEAR(*a.gpu_busy, 0.5, 1e-12);
}

TEST(PerfAnalysis, MultiStreamRunWithSaturatedGpuIsNotEnqueueBound) {
    RunData run;
    // Four streams: summed GPU compute (9 s) exceeds the host wall time (3 s).
    run.summary = summary(0.10, 0.12, 3.0, 9.0);
    run.conditions.streams = "4";
    auto a = analyse_run(run);
    EXPECT_FALSE(has_code(a.findings, "TD5002"));
}

TEST(PerfAnalysis, TransfersLongerThanComputeAreTransferBound) {
    RunData run;
    run.summary = summary(0.10, 0.01, 3.0, 2.9);
    run.summary->h2d.mean = 0.08;
    run.summary->d2h.mean = 0.04;
    EXPECT_TRUE(has_code(analyse_run(run).findings, "TD5003"));
    run.summary->h2d.mean = 0.04;
    EXPECT_FALSE(has_code(analyse_run(run).findings, "TD5003"));
}

TEST(PerfAnalysis, UnstableComputeTimeGivesTheClockLockingHint) {
    RunData run;
    run.summary = summary(0.10, 0.01, 3.0, 2.9);
    run.summary->cv_percent = 12.0;
    auto a = analyse_run(run);
    auto it = std::find_if(a.findings.begin(), a.findings.end(), [](const Finding& f) { return f.code == "TD5004"; });
    ASSERT_NE(it, a.findings.end());
    EXPECT_NE(it->fix.find("nvidia-smi -lgc"), std::string::npos);
    run.summary->cv_percent = 1.4;  // trtexec warns from 1%: normal noise
    EXPECT_FALSE(has_code(analyse_run(run).findings, "TD5004"));
}

TEST(PerfAnalysis, Fp32ConvolutionsInAnFp16BuildAndSimtTacticsAreReported) {
    RunData run = run_with_layers({{"conv1", 1.0}, {"conv2", 1.0}, {"pool", 1.0}});
    run.conditions.precision = "FP32+FP16";
    run.conditions.compute_capability = "8.6";
    run.layer_info_path = "li.json";
    LayerInfoSet li;
    li.detailed = true;
    li.layers.push_back({"conv1", "CaskConvolution", "FP32", "sm80_xmma_fprop_implicit_gemm_tf32"});
    li.layers.push_back({"conv2", "CaskConvolution", "FP16", "ampere_fp16x2_hcudnn_fp16x2_128x64_relu_small_nn_v1"});
    li.layers.push_back({"pool", "CaskPooling", "FP32", ""});
    run.layer_info = li;
    auto a = analyse_run(run);
    ASSERT_EQ(a.fp32_layers.size(), 1u);
    EXPECT_EQ(a.fp32_layers[0].name, "conv1");
    ASSERT_EQ(a.no_tensor_core_layers.size(), 1u);
    EXPECT_EQ(a.no_tensor_core_layers[0].name, "conv2");
    EXPECT_TRUE(has_code(a.findings, "TD5006"));
    EXPECT_TRUE(has_code(a.findings, "TD5007"));
    run.conditions.precision = "FP32";  // nothing else was asked for
    EXPECT_FALSE(has_code(analyse_run(run).findings, "TD5006"));
}

// --- compare ------------------------------------------------------------------------------

TEST(PerfCompare, ARunComparedWithItselfFindsNothing) {
    auto run = run_with_layers({{"a", 1.0}, {"b", 2.0}});
    run.summary = summary(0.5, 0.01, 3.0, 2.9);
    run.conditions.trt_version = "10.16.1";
    auto c = compare_runs(run, run);
    EXPECT_TRUE(c.findings.empty());
    EXPECT_FALSE(c.refused);
    EXPECT_DOUBLE_EQ(*c.gate_change, 0.0);
}

TEST(PerfCompare, AnInjectedSlowdownOfOneLayerIsFoundAndNamed) {
    auto base = run_with_layers({{"a", 1.0}, {"b", 2.0}, {"c", 1.0}});
    auto now = run_with_layers({{"a", 1.0}, {"b", 3.0}, {"c", 1.0}});
    auto c = compare_runs(base, now, CompareOptions{0.10, 0.10, false, 0.05});
    ASSERT_TRUE(has_code(c.findings, "TD5010"));
    EXPECT_EQ(c.responsible, std::vector<std::string>{"b"});
    EXPECT_NE(c.findings[0].summary.find("b"), std::string::npos);
    EXPECT_NEAR(*c.gate_change, 0.25, 1e-12);
}

TEST(PerfCompare, ASlowdownBelowTheThresholdIsNotARegression) {
    auto base = run_with_layers({{"a", 1.0}, {"b", 2.0}, {"c", 1.0}});
    auto now = run_with_layers({{"a", 1.0}, {"b", 2.3}, {"c", 1.0}});
    auto c = compare_runs(base, now);
    EXPECT_FALSE(has_code(c.findings, "TD5010"));
    EXPECT_EQ(std::count_if(c.layers.begin(), c.layers.end(), [](const LayerDelta& d) { return d.status == LayerStatus::slower; }), 1);
}

TEST(PerfCompare, NewAndRemovedLayersAreMatchedByName) {
    auto c = compare_runs(run_with_layers({{"a", 1.0}, {"old", 1.0}}), run_with_layers({{"a", 1.0}, {"Reformat x", 0.5}}));
    auto find = [&](const char* n) {
        return std::find_if(c.layers.begin(), c.layers.end(), [&](const LayerDelta& d) { return d.name == n; });
    };
    ASSERT_NE(find("old"), c.layers.end());
    EXPECT_EQ(find("old")->status, LayerStatus::removed);
    EXPECT_EQ(find("Reformat x")->status, LayerStatus::added);
    EXPECT_EQ(find("a")->status, LayerStatus::same);
}

TEST(PerfCompare, RunsUnderDifferentConditionsAreRefusedUnlessAllowed) {
    auto base = run_with_layers({{"a", 1.0}});
    auto now = run_with_layers({{"a", 5.0}});
    base.conditions.trt_version = "10.16.1";
    now.conditions.trt_version = "11.1.0";
    base.conditions.streams = "1";
    now.conditions.streams = "1";
    auto c = compare_runs(base, now);
    EXPECT_TRUE(c.refused);
    ASSERT_EQ(c.findings.size(), 1u);
    EXPECT_EQ(c.findings[0].name, "RUN_CONDITIONS_DIFFER");
    EXPECT_NE(c.condition_differences.at(0).note.find("major-version"), std::string::npos);
    auto allowed = compare_runs(base, now, CompareOptions{0.10, 0.10, true, 0.05});
    EXPECT_FALSE(allowed.refused);
    EXPECT_TRUE(has_code(allowed.findings, "TD5010"));
    EXPECT_EQ(allowed.findings[0].severity, Severity::warning);
}

TEST(PerfCompare, AConditionKnownOnOneSideOnlyIsNotADifference) {
    auto base = run_with_layers({{"a", 1.0}});
    auto now = base;
    base.conditions.gpu = "NVIDIA H100 PCIe";
    EXPECT_TRUE(compare_conditions(base.conditions, now.conditions).empty());
}

TEST(PerfCompare, MemoryGrowthBeyondTheLimitIsAMemoryRegression) {
    auto base = run_with_layers({{"a", 1.0}});
    auto now = base;
    base.memory.engine_size_mib = 100;
    now.memory.engine_size_mib = 130;
    EXPECT_TRUE(has_code(compare_runs(base, now).findings, "TD5012"));
    now.memory.engine_size_mib = 105;
    EXPECT_FALSE(has_code(compare_runs(base, now).findings, "TD5012"));
}

TEST(PerfCompare, SlowingOneLayerOfARealProfileIsFoundAndNamed) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    auto text = read_small_file((shared / "fixtures/profiles/trex_tf_resnet50_rtx3090_fp32.profile.json").string(), 1u << 26);
    ASSERT_TRUE(text);
    auto profiles = parse_profile_json(*text, "fp32");
    ASSERT_TRUE(profiles);
    RunData base;
    base.profile = profiles->front();
    RunData now = base;
    // Triple the time of a mid-sized layer (the 5th slowest).
    auto layers = base.profile->layers;
    std::sort(layers.begin(), layers.end(), [](const LayerTime& a, const LayerTime& b) { return a.avg_ms > b.avg_ms; });
    const std::string victim = layers.at(4).name;
    for (auto& l : now.profile->layers) {
        if (l.name == victim) l.avg_ms *= 3;
    }
    auto same = compare_runs(base, base);
    EXPECT_TRUE(same.findings.empty());
    auto c = compare_runs(base, now, CompareOptions{0.02, 0.10, false, 0.05});
    ASSERT_TRUE(has_code(c.findings, "TD5010"));
    ASSERT_FALSE(c.responsible.empty());
    EXPECT_EQ(c.responsible.front(), victim);
}

}  // namespace
}  // namespace trtdoctor::perf
