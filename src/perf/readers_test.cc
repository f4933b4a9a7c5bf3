#include <cmath>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "perf/json_readers.h"
#include "perf/log_reader.h"
#include "perf/run_loader.h"
#include "perf/stream_stat.h"
#include "support/testing.h"

namespace trtdoctor::perf {
namespace {

const char* k_prefix = "[07/07/2026-02:11:43] [I] ";

/// A log made of lines, each given the trtexec "[date] [I] " prefix.
std::string log_of(std::initializer_list<const char*> lines) {
    std::string out;
    for (const char* l : lines) {
        if (std::string_view(l).rfind("&&&&", 0) == 0) out += std::string(l) + "\n";
        else out += std::string(k_prefix) + l + "\n";
    }
    return out;
}

TEST(PerfLogReader, ReadsThe85SummaryWithThreePercentiles) {
    auto runs = read_log_text(log_of({
        "=== Performance summary ===",
        "Throughput: 52765.3 qps",
        "Latency: min = 0.0175781 ms, max = 0.0403442 ms, mean = 0.0179435 ms, median = 0.0179443 ms, "
        "percentile(90%) = 0.0181274 ms, percentile(95%) = 0.0181885 ms, percentile(99%) = 0.0183105 ms",
        "GPU Compute Time: min = 0.01 ms, max = 0.04 ms, mean = 0.02 ms, median = 0.019 ms, "
        "percentile(90%) = 0.021 ms, percentile(95%) = 0.022 ms, percentile(99%) = 0.03 ms",
        "Enqueue Time: min = 0.001 ms, max = 0.002 ms, mean = 0.0015 ms, median = 0.0014 ms, "
        "percentile(90%) = 0.0016 ms, percentile(95%) = 0.0017 ms, percentile(99%) = 0.0019 ms",
        "Total Host Walltime: 3.00004 s",
        "Total GPU Compute Time: 2.84043 s",
    }));
    ASSERT_EQ(runs.size(), 1u);
    ASSERT_TRUE(runs[0].summary);
    const auto& s = *runs[0].summary;
    EXPECT_DOUBLE_EQ(*s.throughput_qps, 52765.3);
    EXPECT_DOUBLE_EQ(*s.latency.p90, 0.0181274);
    EXPECT_DOUBLE_EQ(*s.latency.p99, 0.0183105);
    EXPECT_DOUBLE_EQ(*s.gpu_compute.median, 0.019);
    EXPECT_DOUBLE_EQ(*s.enqueue.mean, 0.0015);
    EXPECT_DOUBLE_EQ(*s.host_walltime_s, 3.00004);
    EXPECT_DOUBLE_EQ(*s.gpu_compute_total_s, 2.84043);
    EXPECT_EQ(s.line, 1u);
}

TEST(PerfLogReader, ReadsThe82SummaryWithOnlyTheNinetyNinthPercentileAndEndToEnd) {
    auto runs = read_log_text(log_of({
        "=== Performance summary ===",
        "Latency: min = 0.157104 ms, max = 0.455322 ms, mean = 0.160566 ms, median = 0.160156 ms, percentile(99%) = 0.165894 ms",
        "End-to-End Host Latency: min = 0.165344 ms, max = 0.590454 ms, mean = 0.287156 ms, median = 0.290894 ms, percentile(99%) = 0.300659 ms",
    }));
    ASSERT_EQ(runs.size(), 1u);
    const auto& s = *runs[0].summary;
    EXPECT_FALSE(s.latency.p90);
    EXPECT_DOUBLE_EQ(*s.latency.p99, 0.165894);
    EXPECT_DOUBLE_EQ(*s.end_to_end.mean, 0.287156);
}

TEST(PerfLogReader, ReadsTheTensorRT7SummaryForm) {
    auto runs = read_log_text(log_of({
        "Host Latency",
        "min: 3.05505 ms (end to end 3.06653 ms)",
        "mean: 3.1141 ms (end to end 3.12513 ms)",
        "median: 3.09796 ms (end to end 3.10852 ms)",
        "percentile: 3.4563 ms at 99% (end to end 3.47168 ms at 99%)",
        "throughput: 318.785 qps",
        "walltime: 3.00516 s",
        "Enqueue Time",
        "median: 3.05493 ms",
        "GPU Compute",
        "mean: 3.05402 ms",
        "percentile: 3.41711 ms at 99%",
        "total compute time: 2.92575 s",
    }));
    ASSERT_EQ(runs.size(), 1u);
    const auto& s = *runs[0].summary;
    EXPECT_EQ(s.source, "log (TensorRT 7 form)");
    EXPECT_DOUBLE_EQ(*s.latency.mean, 3.1141);
    EXPECT_DOUBLE_EQ(*s.end_to_end.p99, 3.47168);
    EXPECT_DOUBLE_EQ(*s.enqueue.median, 3.05493);
    EXPECT_DOUBLE_EQ(*s.gpu_compute.p99, 3.41711);
    EXPECT_DOUBLE_EQ(*s.throughput_qps, 318.785);
    EXPECT_DOUBLE_EQ(*s.gpu_compute_total_s, 2.92575);
}

TEST(PerfLogReader, ReadsTheProfileTableInItsThreeLayouts) {
    auto v82 = read_log_text(log_of({"=== Profile (781 iterations ) ===",
                                      "        Layer   Time (ms)   Avg. Time (ms)   Time %",
                                      "  Conv_15 + Relu_16       83.17     0.1065     4.1",
                                      "  Reformatting CopyNode for Input Tensor 0 to Conv 1     30.57   0.0391   1.5",
                                      "  Total   2015.23   2.5803   100.0"}));
    ASSERT_TRUE(v82.at(0).profile);
    EXPECT_EQ(v82[0].profile->source, "dumpProfile (8.2 layout)");
    EXPECT_EQ(*v82[0].profile->iterations, 781u);
    ASSERT_EQ(v82[0].profile->layers.size(), 2u);
    EXPECT_EQ(v82[0].profile->layers[1].name, "Reformatting CopyNode for Input Tensor 0 to Conv 1");
    EXPECT_DOUBLE_EQ(v82[0].profile->layers[0].avg_ms, 0.1065);
    EXPECT_DOUBLE_EQ(*v82[0].profile->total_avg_ms, 2.5803);

    auto v85 = read_log_text(log_of({"=== Profile (43345 iterations ) ===",
                                      "  Layer   Time (ms)   Avg. Time (ms)   Median Time (ms)   Time %",
                                      "  Pooling66      221.68     0.0051     0.0050     13.1",
                                      "  Total   1696.33   0.0391   0.0393   100.0"}));
    ASSERT_TRUE(v85.at(0).profile);
    EXPECT_EQ(v85[0].profile->source, "dumpProfile (8.5 layout)");
    EXPECT_DOUBLE_EQ(*v85[0].profile->layers[0].median_ms, 0.0050);
    EXPECT_DOUBLE_EQ(v85[0].profile->layers[0].percent, 13.1);

    auto v10 = read_log_text(log_of({"=== Profile (18362 iterations ) ===",
                                      "   Time(ms)     Avg.(ms)   Median(ms)   Time(%)   Layer",
                                      "      101.96       0.0056       0.0044       6.7   Reformatting CopyNode for Input Tensor 0 to {ForeignNode[a...b]}",
                                      "     1529.13       0.0833       0.0804     100.0   Total"}));
    ASSERT_TRUE(v10.at(0).profile);
    EXPECT_EQ(v10[0].profile->source, "dumpProfile (10.x layout)");
    EXPECT_EQ(v10[0].profile->layers.at(0).name, "Reformatting CopyNode for Input Tensor 0 to {ForeignNode[a...b]}");
    EXPECT_DOUBLE_EQ(*v10[0].profile->total_avg_ms, 0.0833);
}

TEST(PerfLogReader, BuildsTheMemoryTimelineWithPeaks) {
    auto runs = read_log_text(log_of({
        "[TRT] [MemUsageChange] Init CUDA: CPU +425, GPU +0, now: CPU 437, GPU 690 (MiB)",
        "[TRT] [MemUsageChange] Init cuBLAS/cuBLASLt: CPU +815, GPU +352, now: CPU 1500, GPU 1114 (MiB)",
        "[TRT] [MemUsageChange] TensorRT-managed allocation in IExecutionContext creation: CPU +0, GPU +2, now: CPU 0, GPU 8 (MiB)",
        "[TRT] Loaded engine size: 13 MiB",
        "[TRT] Total Activation Memory: 125440 bytes",
        "[TRT] Total Device Persistent Memory: 12675584",
    }));
    ASSERT_EQ(runs.size(), 1u);
    const auto& m = runs[0].memory;
    ASSERT_EQ(m.timeline.size(), 3u);
    EXPECT_EQ(m.timeline[1].what, "Init cuBLAS/cuBLASLt");
    EXPECT_EQ(m.timeline[1].gpu_delta_mib, 352);
    EXPECT_EQ(*m.peak_gpu_mib, 1114);
    EXPECT_EQ(*m.peak_cpu_mib, 1500);
    EXPECT_EQ(*m.engine_size_mib, 13);
    EXPECT_EQ(*m.activation_bytes, 125440u);
    EXPECT_EQ(*m.device_persistent_bytes, 12675584u);
}

TEST(PerfLogReader, TextWithoutAnyTrtexecStructureYieldsNoRun) {
    EXPECT_TRUE(read_log_text("hello\nworld\n[I] RUNNING | Command: polygraphy run\n").empty());
}

// --- JSON exports -------------------------------------------------------------------------

TEST(PerfJson, ReadsAnExportProfileWithAndWithoutMedian) {
    auto p = parse_profile_json(R"([
  { "count" : 10 }
, { "name" : "Conv_0 + Relu_1", "timeMs" : 1.5, "averageMs" : 0.15, "medianMs" : 0.14, "percentage" : 75 }
, { "name" : "pool", "timeMs" : 0.5, "averageMs" : 0.05, "percentage" : 25 }
])", "p.json");
    ASSERT_TRUE(p) << p.error().to_string();
    ASSERT_EQ(p->size(), 1u);
    EXPECT_EQ(*(*p)[0].iterations, 10u);
    ASSERT_EQ((*p)[0].layers.size(), 2u);
    EXPECT_DOUBLE_EQ(*(*p)[0].layers[0].median_ms, 0.14);
    EXPECT_FALSE((*p)[0].layers[1].median_ms);
}

TEST(PerfJson, ReadsArraysBackToBackAsSeparateSegments) {
    auto p = parse_profile_json("[{\"count\":1},{\"name\":\"a\",\"averageMs\":1}]\n[{\"count\":2},{\"name\":\"a\",\"averageMs\":2}]\n", "j.json");
    ASSERT_TRUE(p);
    ASSERT_EQ(p->size(), 2u);
    EXPECT_DOUBLE_EQ((*p)[1].layers[0].avg_ms, 2.0);
}

TEST(PerfJson, TruncatedProfileNamesTheFileAndTheByteOffset) {
    const std::string text = "[{\"count\":1},{\"name\":\"a\",\"averageMs\":1";
    auto p = parse_profile_json(text, "cut.json");
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().input, "cut.json");
    EXPECT_EQ(*p.error().offset, text.size());
    EXPECT_NE(p.error().message.find("truncated"), std::string::npos);
}

TEST(PerfJson, BrokenValueInsideAProfileGivesItsOffset) {
    const std::string text = "[{\"count\":1},{\"name\":\"a\",\"averageMs\":tru}]";
    auto p = parse_profile_json(text, "bad.json");
    ASSERT_FALSE(p);
    ASSERT_TRUE(p.error().offset);
    EXPECT_GE(*p.error().offset, text.find("tru") - 1);
    EXPECT_LE(*p.error().offset, text.find("tru") + 3);
}

TEST(PerfJson, ReadsDetailedLayerInfoPrecisionAndTactic) {
    auto li = parse_layer_info_json(R"({"Layers": [{"Name": "conv1", "LayerType": "CaskConvolution",
        "Outputs": [{"Name": "y", "Format/Datatype": "Channel major FP16 format where channel % 8 == 0"}],
        "TacticName": "sm80_xmma_fprop_implicit_gemm"}, {"Name": "fc", "LayerType": "CaskGemmMatrixMultiply",
        "Outputs": [{"Name": "z", "Format/Datatype": "Row major linear FP32"}]}], "Bindings": ["x"]})", "li.json");
    ASSERT_TRUE(li) << li.error().to_string();
    EXPECT_TRUE(li->detailed);
    ASSERT_EQ(li->layers.size(), 2u);
    EXPECT_EQ(li->layers[0].precision, "FP16");
    EXPECT_EQ(li->layers[0].tactic, "sm80_xmma_fprop_implicit_gemm");
    EXPECT_EQ(li->layers[1].precision, "FP32");
}

TEST(PerfJson, ReadsNamesOnlyLayerInfo) {
    auto li = parse_layer_info_json(R"({"Layers": ["a + b", "c"], "Bindings": ["x"]})", "n.json");
    ASSERT_TRUE(li);
    EXPECT_FALSE(li->detailed);
    EXPECT_EQ(li->layers.at(1).name, "c");
}

/// --exportTimes text for `n` records with compute time 1 + (i % 10) / 10 ms.
std::string synthetic_times(int n, bool trt7 = false) {
    std::string s = "[\n";
    double t = 0;
    for (int i = 0; i < n; ++i) {
        double compute = 1.0 + (i % 10) / 10.0;
        s += i ? ", " : "  ";
        if (trt7) {
            s += "{ \"startEnqMs\" : " + std::to_string(t) + ", \"endEnqMs\" : " + std::to_string(t + 0.1) +
                 ", \"inMs\" : 0.2, \"computeMs\" : " + std::to_string(compute) + ", \"outMs\" : 0.1, \"latencyMs\" : " +
                 std::to_string(compute + 0.3) + ", \"endOutMs\" : " + std::to_string(t + compute + 0.4) +
                 ", \"endToEndMs\" : " + std::to_string(compute + 0.35) + " }\n";
        } else {
            s += "{ \"startEnqMs\" : " + std::to_string(t) + ", \"endEnqMs\" : " + std::to_string(t + 0.1) +
                 ", \"h2dMs\" : 0.2, \"computeMs\" : " + std::to_string(compute) + ", \"d2hMs\" : 0.1, \"latencyMs\" : " +
                 std::to_string(compute + 0.3) + ", \"endD2hMs\" : " + std::to_string(t + compute + 0.4) + " }\n";
        }
        t += compute + 0.5;
    }
    return s + "]\n";
}

TEST(PerfJson, ExportTimesStatisticsMatchTheRecords) {
    auto r = parse_times_json(synthetic_times(1000), "t.json");
    ASSERT_TRUE(r) << r.error().to_string();
    ASSERT_EQ(r->segments.size(), 1u);
    const auto& s = r->segments[0];
    EXPECT_EQ(s.records, 1000u);
    EXPECT_NEAR(*s.summary.gpu_compute.mean, 1.45, 1e-9);
    EXPECT_DOUBLE_EQ(*s.summary.gpu_compute.min, 1.0);
    EXPECT_DOUBLE_EQ(*s.summary.gpu_compute.max, 1.9);
    EXPECT_DOUBLE_EQ(*s.summary.gpu_compute.p99, 1.9);
    EXPECT_NEAR(*s.summary.enqueue.mean, 0.1, 1e-6);
    EXPECT_NEAR(*s.summary.h2d.mean, 0.2, 1e-12);
    EXPECT_NEAR(*s.summary.gpu_compute_total_s, 1.45, 1e-9);
    EXPECT_FALSE(s.trt7_schema);
}

TEST(PerfJson, ExportTimesReadInSmallWindowsEqualsOneWindow) {
    const auto text = synthetic_times(3000);
    auto big = parse_times_json(text, "t.json", 64u << 20);
    auto small = parse_times_json(text, "t.json", 4096);
    ASSERT_TRUE(big && small);
    EXPECT_EQ(big->segments[0].records, small->segments[0].records);
    EXPECT_DOUBLE_EQ(*big->segments[0].summary.gpu_compute.median, *small->segments[0].summary.gpu_compute.median);
    EXPECT_NEAR(*big->segments[0].summary.latency.mean, *small->segments[0].summary.latency.mean, 1e-12);
}

TEST(PerfJson, ExportTimesOfTensorRT7AreRecognised) {
    auto r = parse_times_json(synthetic_times(20, true) + synthetic_times(10, true), "old.json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->segments.size(), 2u);
    EXPECT_TRUE(r->segments[0].trt7_schema);
    EXPECT_EQ(r->segments[0].records, 20u);
    EXPECT_EQ(r->segments[1].records, 10u);
    EXPECT_NEAR(*r->segments[0].summary.end_to_end.min, 1.35, 1e-9);
}

TEST(PerfJson, TruncatedExportTimesIsAnErrorAtTheEndOfInput) {
    auto text = synthetic_times(100);
    text.resize(text.size() / 2);
    auto r = parse_times_json(text, "cut.json", 4096);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().input, "cut.json");
    EXPECT_EQ(*r.error().offset, text.size());
    EXPECT_NE(r.error().message.find("truncated"), std::string::npos);
}

TEST(PerfJson, ExportTimesWithANonObjectElementIsRefused) {
    auto r = parse_times_json("[ 1, 2 ]", "n.json");
    ASSERT_FALSE(r);
    EXPECT_EQ(*r.error().offset, 2u);
}

TEST(PerfJson, BadNumberInExportTimesGivesItsOffset) {
    std::string text = "[{\"latencyMs\": 1.0}, {\"latencyMs\": 1.x}]";
    auto r = parse_times_json(text, "x.json");
    ASSERT_FALSE(r);
    ASSERT_TRUE(r.error().offset);
    EXPECT_NEAR(static_cast<double>(*r.error().offset), static_cast<double>(text.find("1.x")), 3.0);
}

TEST(PerfJson, InvalidUtf8InExportTimesIsAnErrorNotACrash) {
    // Found by the fuzzer: the on-demand parser has no document to locate the error in.
    std::string text = "[\n  { \"computeMs\" : 1, \"l\x9c\x9c\x9catencyMs\" : 1 }\n]\n";
    auto r = parse_times_json(text, "u.json");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().input, "u.json");
    EXPECT_NE(r.error().message.find("UTF-8"), std::string::npos) << r.error().message;
}

TEST(PerfJson, SniffsEachKindFromItsFirstBytes) {
    EXPECT_EQ(sniff_kind("[\n  { \"count\" : 3 }"), FileKind::profile_json);
    EXPECT_EQ(sniff_kind("[\n  { \"startEnqMs\" : 1"), FileKind::times_json);
    EXPECT_EQ(sniff_kind("{\"Layers\": [\"a\"]"), FileKind::layer_info_json);
    EXPECT_EQ(sniff_kind("[07/07/2026-02:11:43] [I] x"), FileKind::log);
    EXPECT_EQ(sniff_kind("{\"model_options\": {}}"), FileKind::other_json);
}

TEST(PerfStreamStat, HistogramPercentilesStayWithinATenthOfAPercent) {
    StreamStat exact(1u << 20), hist(16);
    for (int i = 1; i <= 100000; ++i) {
        double v = 0.5 + (i % 997) * 0.001;
        exact.add(v);
        hist.add(v);
    }
    EXPECT_TRUE(exact.exact());
    EXPECT_FALSE(hist.exact());
    for (double p : {50.0, 90.0, 95.0, 99.0}) {
        EXPECT_NEAR(hist.percentile(p), exact.percentile(p), exact.percentile(p) * 0.001) << p;
    }
    EXPECT_DOUBLE_EQ(hist.to_stat().mean.value(), exact.to_stat().mean.value());
}

// --- Real fixtures ------------------------------------------------------------------------

TEST(PerfFixtures, EveryTrtexecLogWithASummaryOrProfileParses) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    struct Expect {
        const char* file;
        bool summary, profile;
        std::size_t runs;
    };
    const Expect cases[] = {
        {"tensorrt_insight_trtexec_8510_orin_mnist_best_verbose_dumpprofile.log", true, true, 1},
        {"lidarai_centerpoint_rpn_centerhead_fp16_trt8203_a100_verbose_dumpprofile.log", true, true, 1},
        {"hackcn_trtexec_101601_h100_loadengine_dumpprofile_exporttimes.log", false, true, 1},
        {"hackcn_trtexec_8203_gtx1070_build_fp32_dynamic_verbose.log", true, false, 1},
        {"jetson_trtexec_trt7x_caffe_resnet50_int8_batch_sweep.log", true, false, 0},
        {"hackcn_trtexec_101601_h100_loadengine_cudagraph_spinwait_verbose.log", true, false, 1},
    };
    for (const auto& c : cases) {
        auto runs = read_log_file((shared / "fixtures/logs" / c.file).string());
        ASSERT_TRUE(runs) << c.file;
        ASSERT_FALSE(runs->empty()) << c.file;
        if (c.runs) {
            EXPECT_EQ(runs->size(), c.runs) << c.file;
        }
        const auto& r = runs->back();
        EXPECT_EQ(r.summary.has_value(), c.summary) << c.file;
        EXPECT_EQ(r.profile.has_value(), c.profile) << c.file;
        if (r.summary && r.summary->source == "log") {
            EXPECT_TRUE(r.summary->gpu_compute.median) << c.file;
            EXPECT_TRUE(r.summary->throughput_qps) << c.file;
        }
        if (r.profile) {
            EXPECT_GT(r.profile->layers.size(), 3u) << c.file;
        }
    }
}

TEST(PerfFixtures, EveryTrtexecLogYieldsAtLeastOneRunWithItsConditions) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    std::size_t seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(shared / "fixtures/logs")) {
        const auto name = entry.path().filename().string();
        if (name.find("trtexec") == std::string::npos) continue;
        auto runs = read_log_file(entry.path().string());
        ASSERT_TRUE(runs) << name;
        EXPECT_FALSE(runs->empty()) << name;
        if (!runs->empty() && name.find("trt7x") == std::string::npos) {
            EXPECT_FALSE(runs->back().conditions.trt_version.empty()) << name;
        }
        ++seen;
    }
    EXPECT_GE(seen, 20u);
}

TEST(PerfFixtures, ProfileTableTotalAgreesWithTheSumOfItsRows) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    for (const char* f : {"lidarai_centerpoint_rpn_centerhead_fp16_trt8203_a100_verbose_dumpprofile.log",
                          "tensorrt_insight_trtexec_8510_orin_mnist_best_verbose_dumpprofile.log",
                          "hackcn_trtexec_101601_h100_loadengine_dumpprofile_exporttimes.log"}) {
        auto runs = read_log_file((shared / "fixtures/logs" / f).string());
        ASSERT_TRUE(runs && runs->back().profile) << f;
        const auto& p = *runs->back().profile;
        double sum = 0;
        for (const auto& l : p.layers) sum += l.avg_ms;
        ASSERT_TRUE(p.total_avg_ms) << f;
        // Rows are printed with 4 decimals: allow the rounding of every row.
        EXPECT_NEAR(sum, *p.total_avg_ms, 0.00005 * static_cast<double>(p.layers.size()) + 1e-4) << f;
    }
}

TEST(PerfFixtures, TheSevenJetsonRunsAreSeparateNotMerged) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    auto runs = read_log_file((shared / "fixtures/logs/jetson_trtexec_trt7x_caffe_resnet50_int8_batch_sweep.log").string());
    ASSERT_TRUE(runs);
    EXPECT_GE(runs->size(), 2u);
    for (const auto& r : *runs) EXPECT_TRUE(r.summary) << r.first_line;
    auto profiles = read_small_file((shared / "fixtures/profiles/jetson_trtexec_trt7x_googlenet_int8.exportProfile.json").string(), 1u << 26);
    ASSERT_TRUE(profiles);
    auto p = parse_profile_json(*profiles, "googlenet");
    ASSERT_TRUE(p) << p.error().to_string();
    EXPECT_EQ(p->size(), 7u);
    auto times = read_times_file((shared / "fixtures/profiles/jetson_trtexec_trt7x_googlenet_int8.exportTimes.json").string());
    ASSERT_TRUE(times) << times.error().to_string();
    EXPECT_GE(times->segments.size(), 2u);
    EXPECT_TRUE(times->segments[0].trt7_schema);
}

TEST(PerfFixtures, EveryTrtexecJsonExportParses) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    std::size_t seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(shared / "fixtures/profiles")) {
        const auto name = entry.path().filename().string();
        if (entry.path().extension() != ".json" || name.find("metadata") != std::string::npos ||
            name.find("iprofiler") != std::string::npos) {
            continue;
        }
        auto run = load_run({entry.path().string()});
        EXPECT_TRUE(run) << name << ": " << run.error().to_string();
        ++seen;
    }
    EXPECT_GE(seen, 25u);
}

TEST(PerfFixtures, ExportTimesFiguresAgreeWithTheSummaryOfTheSameRun) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    // TREx kept trtexec's printed summary ([min, max, mean, median, p99]) beside the timing export.
    auto times = read_times_file((shared / "fixtures/profiles/trex_pytorch_resnet50_a100_fp16.timing.json").string());
    ASSERT_TRUE(times);
    const auto& s = times->segments.at(0).summary;
    EXPECT_NEAR(*s.gpu_compute.median, 0.862183, 0.862183 * 0.01);
    EXPECT_NEAR(*s.gpu_compute.mean, 0.86277, 0.86277 * 0.01);
    EXPECT_NEAR(*s.throughput_qps, 1155.36, 1155.36 * 0.01);
    EXPECT_NEAR(*s.gpu_compute_total_s, 2.99208, 2.99208 * 0.08);
}

TEST(PerfFixtures, ExportProfileAndLayerInfoJoinByName) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    auto run = load_run({(shared / "fixtures/profiles/trex_tf_resnet50_rtx3090_int8qat.profile.json").string(),
                         (shared / "fixtures/profiles/trex_tf_resnet50_rtx3090_int8qat.graph.json").string()});
    ASSERT_TRUE(run) << run.error().to_string();
    ASSERT_TRUE(run->profile && run->layer_info);
    EXPECT_TRUE(run->layer_info->detailed);
    std::size_t matched = 0;
    for (const auto& l : run->profile->layers) {
        for (const auto& li : run->layer_info->layers) matched += li.name == l.name;
    }
    EXPECT_GT(matched, run->profile->layers.size() / 2);
}

}  // namespace
}  // namespace trtdoctor::perf
