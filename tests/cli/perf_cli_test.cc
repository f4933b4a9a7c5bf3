// `trtdoctor perf` and `trtdoctor perf compare` end to end: formats, exit codes, the
// regression gate, refused comparisons, bad inputs and the HTML page.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/testing.h"

namespace trtdoctor {
namespace {

using testing::run_trtdoctor;
using testing::TempDir;

/// An --exportProfile with the given (name, ms per inference) rows over 100 iterations.
std::string profile_json(std::initializer_list<std::pair<const char*, double>> rows) {
    std::string s = "[\n  { \"count\" : 100 }\n";
    for (const auto& [name, ms] : rows) {
        s += ", { \"name\" : \"" + std::string(name) + "\", \"timeMs\" : " + std::to_string(ms * 100) +
             ", \"averageMs\" : " + std::to_string(ms) + ", \"medianMs\" : " + std::to_string(ms) +
             ", \"percentage\" : 10 }\n";
    }
    return s + "]\n";
}

/// A short trtexec log: banner, a few options and a performance summary.
std::string log_text(const char* version_tag, const char* gpu, double compute_ms) {
    const std::string p = "[07/07/2026-02:11:40] [I] ";
    const std::string c = std::to_string(compute_ms);
    return std::string("&&&& RUNNING TensorRT.trtexec [TensorRT ") + version_tag + "] # trtexec --loadEngine=m.plan\n" +
           p + "=== Inference Options ===\n" + p + "Inference Streams: 1\n" + p + "CUDA Graph: Disabled\n" + p +
           "=== Device Information ===\n" + p + "Selected Device: " + gpu + "\n" + p +
           "=== Performance summary ===\n" + p + "Throughput: 1000 qps\n" + p + "GPU Compute Time: min = " + c +
           " ms, max = " + c + " ms, mean = " + c + " ms, median = " + c + " ms, percentile(90%) = " + c +
           " ms, percentile(95%) = " + c + " ms, percentile(99%) = " + c + " ms\n" + p +
           "Total Host Walltime: 3 s\n" + p + "Total GPU Compute Time: 2.9 s\n" +
           "&&&& PASSED TensorRT.trtexec [TensorRT " + version_tag + "] # trtexec --loadEngine=m.plan\n";
}

TEST(PerfCli, OneRunListsTheSlowestLayersAndReportsASlowLayer) {
    TempDir dir;
    auto p = dir.write("p.json", profile_json({{"small", 0.1}, {"Conv_big", 0.8}, {"other", 0.2}, {"last", 0.1}}));
    auto r = run_trtdoctor({"perf", p.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;  // warnings do not fail by default
    EXPECT_NE(r.out.find("top 4 layers of 4"), std::string::npos) << r.out;
    EXPECT_LT(r.out.find("Conv_big"), r.out.find("small")) << r.out;
    EXPECT_NE(r.out.find("SLOW_LAYER"), std::string::npos) << r.out;
    auto strict = run_trtdoctor({"perf", "--fail-on", "warning", p.string()});
    EXPECT_EQ(strict.exit_code, 1);
}

TEST(PerfCli, JsonAndSarifOutputsCarryTheFindings) {
    TempDir dir;
    auto p = dir.write("p.json", profile_json({{"a", 0.1}, {"big", 0.9}, {"c", 0.1}}));
    auto j = run_trtdoctor({"perf", "--format", "json", p.string()});
    ASSERT_EQ(j.exit_code, 0) << j.err;
    auto doc = nlohmann::json::parse(j.out);
    EXPECT_EQ(doc["profile"]["top_layers"][0]["name"], "big");
    EXPECT_EQ(doc["findings"][0]["name"], "SLOW_LAYER");
    auto s = run_trtdoctor({"perf", "--format", "sarif", p.string()});
    auto sarif = nlohmann::json::parse(s.out);
    EXPECT_EQ(sarif["version"], "2.1.0");
    EXPECT_EQ(sarif["runs"][0]["results"][0]["ruleId"], "TD5001");
}

TEST(PerfCli, ComparingARunWithItselfPassesTheGate) {
    TempDir dir;
    auto p = dir.write("p.json", profile_json({{"a", 0.1}, {"b", 0.2}}));
    auto r = run_trtdoctor({"perf", "compare", p.string(), p.string()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("no regression"), std::string::npos) << r.out;
}

TEST(PerfCli, AnInjectedSlowdownFailsTheGateAndNamesTheLayer) {
    TempDir dir;
    auto base = dir.write("base.json", profile_json({{"conv1", 0.5}, {"conv2", 0.5}, {"fc", 0.2}}));
    auto now = dir.write("new.json", profile_json({{"conv1", 0.5}, {"conv2", 1.0}, {"fc", 0.2}}));
    auto r = run_trtdoctor({"perf", "compare", "--max-regression", "5", base.string(), now.string()});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("LATENCY_REGRESSION"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("most of it in conv2"), std::string::npos) << r.out;
    auto loose = run_trtdoctor({"perf", "compare", "--max-regression", "50%", base.string(), now.string()});
    EXPECT_EQ(loose.exit_code, 0) << loose.out;
}

TEST(PerfCli, RunsOnDifferentGpusAreRefusedUnlessAllowed) {
    TempDir dir;
    auto base = dir.write("base.log", log_text("v101601", "NVIDIA H100 PCIe", 1.0));
    auto now = dir.write("new.log", log_text("v101601", "NVIDIA A100-PCIE-40GB", 2.0));
    auto r = run_trtdoctor({"perf", "compare", base.string(), now.string()});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("conditions differ: not compared"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("RUN_CONDITIONS_DIFFER"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("LATENCY_REGRESSION"), std::string::npos) << r.out;
    auto allowed = run_trtdoctor({"perf", "compare", "--allow-different-conditions", base.string(), now.string()});
    EXPECT_EQ(allowed.exit_code, 1);
    EXPECT_NE(allowed.out.find("LATENCY_REGRESSION"), std::string::npos) << allowed.out;
}

TEST(PerfCli, LogAndExportsOfOneRunAreJoinedWithCommas) {
    TempDir dir;
    auto log = dir.write("run.log", log_text("v101601", "NVIDIA H100 PCIe", 1.0));
    auto prof = dir.write("run.json", profile_json({{"a", 0.5}, {"b", 0.5}}));
    auto both = log.string() + "," + prof.string();
    auto r = run_trtdoctor({"perf", "compare", both, both});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("GPU compute median (ms)"), std::string::npos) << r.out;
}

TEST(PerfCli, TruncatedJsonIsAnInputErrorWithTheByteOffset) {
    TempDir dir;
    std::string text = profile_json({{"a", 0.5}, {"b", 0.5}});
    text.resize(text.size() - 10);
    auto p = dir.write("cut.json", text);
    auto r = run_trtdoctor({"perf", p.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cut.json"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(std::to_string(text.size())), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
}

TEST(PerfCli, DirectoriesMissingFilesAndBinaryInputAreInputErrors) {
    TempDir dir;
    EXPECT_EQ(run_trtdoctor({"perf", dir.path().string()}).exit_code, 2);
    auto missing = run_trtdoctor({"perf", (dir.path() / "nope.log").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("nope.log"), std::string::npos);
    auto bin = dir.write("b.log", std::string("\x7f" "ELF\0\0\0\x01garbage", 16));
    auto b = run_trtdoctor({"perf", bin.string()});
    EXPECT_EQ(b.exit_code, 2) << b.out;
}

TEST(PerfCli, ALogOnStandardInputIsRead) {
    auto r = run_trtdoctor({"perf", "-"}, log_text("v8510", "Orin", 1.0));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("TensorRT 8.5.10"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Orin"), std::string::npos) << r.out;
}

TEST(PerfCli, BadOptionValuesAreUsageErrors) {
    TempDir dir;
    auto p = dir.write("p.json", profile_json({{"a", 0.5}}));
    EXPECT_EQ(run_trtdoctor({"perf", "--top", "zero", p.string()}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"perf", "compare", "--max-regression", "x", p.string(), p.string()}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"perf", "compare", p.string()}).exit_code, 3);
}

TEST(PerfCli, HtmlPageIsSelfContainedWithCharts) {
    TempDir dir;
    auto base = dir.write("base.json", profile_json({{"conv1", 0.5}, {"conv<2>", 0.5}}));
    auto now = dir.write("new.json", profile_json({{"conv1", 0.5}, {"conv<2>", 0.9}}));
    auto html = dir.path() / "page.html";
    auto r = run_trtdoctor({"perf", "compare", "--html", html.string(), base.string(), now.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    auto page = testing::read_file(html);
    EXPECT_NE(page.find("<svg id=\"layer-growth\""), std::string::npos);
    EXPECT_NE(page.find("<svg id=\"top-layers\""), std::string::npos);
    EXPECT_NE(page.find("conv&lt;2&gt;"), std::string::npos);  // names are escaped
    EXPECT_EQ(page.find("conv<2>"), std::string::npos);
    EXPECT_EQ(page.find("http://"), page.find("http://www.w3.org/2000/svg"));  // no external resource
    EXPECT_EQ(page.find("https://"), std::string::npos);
}

TEST(PerfCli, RealFixtureRunsReadAndCompareWithThemselves) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const auto log = (shared / "fixtures/logs/lidarai_centerpoint_rpn_centerhead_fp16_trt8203_a100_verbose_dumpprofile.log").string();
    auto r = run_trtdoctor({"perf", "--format", "json", log});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["conditions"]["tensorrt_version"], "8.2.3");
    EXPECT_EQ(doc["conditions"]["gpu"], "NVIDIA A100-PCIE-40GB");
    EXPECT_GT(doc["profile"]["layer_count"].get<int>(), 20);
    EXPECT_TRUE(doc["summary"]["gpu_compute_ms"]["median"].is_number());
    auto same = run_trtdoctor({"perf", "compare", log, log});
    EXPECT_EQ(same.exit_code, 0) << same.out;
    EXPECT_NE(same.out.find("no regression"), std::string::npos) << same.out;
    // Different TensorRT versions and GPUs: refused.
    const auto other = (shared / "fixtures/logs/tensorrt_insight_trtexec_8510_orin_mnist_best_verbose_dumpprofile.log").string();
    auto refused = run_trtdoctor({"perf", "compare", log, other});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.out.find("RUN_CONDITIONS_DIFFER"), std::string::npos) << refused.out;
}

TEST(PerfCli, SeveralArraysBackToBackAreReadAsChosenSegments) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const auto f = (shared / "fixtures/profiles/jetson_trtexec_trt7x_googlenet_int8.exportProfile.json").string();
    auto r = run_trtdoctor({"perf", f});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("holds 7 profile arrays back to back; using profile array 7"), std::string::npos) << r.out;
    auto first = run_trtdoctor({"perf", "--segment", "1", f});
    EXPECT_NE(first.out.find("using profile array 1"), std::string::npos) << first.out;
    EXPECT_EQ(run_trtdoctor({"perf", "--segment", "9", f}).exit_code, 2);
}

}  // namespace
}  // namespace trtdoctor
