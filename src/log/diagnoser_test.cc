// The diagnoser on synthetic logs written here: one root cause with its evidence line, a fix
// with the facts, the cascade attributed, benign messages and passed runs kept quiet.
#include "log/diagnoser.h"

#include <gtest/gtest.h>

#include "log/diagnoser_rules.h"
#include "log/log_scan.h"
#include "support/testing.h"

namespace trtdoctor::log {
namespace {

using trtdoctor::testing::TempDir;

LogReport diagnose(const std::string& text) {
    static const Matcher matcher = [] { return std::move(*Matcher::builtin()); }();
    TempDir dir;
    auto path = dir.write("run.log", text);
    auto report = diagnose_log(path.string(), matcher);
    EXPECT_TRUE(report) << report.error().to_string();
    return report ? std::move(*report) : LogReport{};
}

std::string fact_of(const Finding& f, const std::string& key) {
    for (const auto& [k, v] : f.facts) if (k == key) return v;
    return "";
}

bool has_finding(const LogReport& r, const std::string& name) {
    for (const auto& f : r.findings) if (f.name == name) return true;
    return false;
}

TEST(Diagnoser, VersionMismatchNamesBothReleasesTheDirectionAndTheCascade) {
    const auto r = diagnose(
        "[I] [TRT] Loaded engine size: 6 MiB\n"
        "[E] [TRT] 1: [stdArchiveReader.cpp::StdArchiveReader::40] Error Code 1: Serialization (Serialization assertion "
        "stdVersionRead == serializationVersion failed.Version tag does not match. Note: Current Version: 232, "
        "Serialized Engine Version: 236)\n"
        "[E] [TRT] 4: [runtime.cpp::deserializeCudaEngine::50] Error Code 4: Internal Error (Engine deserialization failed.)\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "ENGINE_VERSION_MISMATCH");
    EXPECT_EQ(r.root_cause->code, "TD4001");
    EXPECT_EQ(r.root_cause->severity, Severity::error);
    ASSERT_FALSE(r.root_cause->evidence.empty());
    EXPECT_EQ(r.root_cause->evidence.front().where.line, 2u);
    EXPECT_NE(r.root_cause->fix.find("TensorRT 8.6 (serialization 236)"), std::string::npos) << r.root_cause->fix;
    EXPECT_NE(r.root_cause->fix.find("TensorRT 8.5 (232), older than the plan"), std::string::npos) << r.root_cause->fix;
    EXPECT_EQ(fact_of(*r.root_cause, "cascade_lines"), "3");
    EXPECT_EQ(r.run.outcome, Outcome::failed);
    EXPECT_EQ(r.run.phase, Phase::load);
}

TEST(Diagnoser, NewerRuntimeThanPlanSaysNewer) {
    const auto r = diagnose("Version tag does not match. Note: Current Version: 239, Serialized Engine Version: 236\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_NE(r.root_cause->fix.find("newer than the plan"), std::string::npos) << r.root_cause->fix;
}

TEST(Diagnoser, LibraryVersionZeroMeansATruncatedFileNotAVersionGap) {
    const auto r = diagnose(
        "ERROR: The engine plan file is not compatible with this version of TensorRT, expecting library version "
        "5.1.5 got 0.0.0, please rebuild.\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "ENGINE_TRUNCATED");
}

TEST(Diagnoser, PassedRunGetsNoErrorLevelRootCause) {
    const auto r = diagnose(
        "&&&& RUNNING TensorRT.trtexec [TensorRT v8601] # trtexec --onnx=m.onnx\n"
        "[E] [TRT] 2: [virtualMemoryBuffer.cpp::resizePhysical::145] Error Code 2: OutOfMemory (no further information)\n"
        "[W] [TRT] Skipping tactic 3 due to insufficient memory on requested size of 68719476736 detected for tactic 0x74.\n"
        "[I] Engine built in 35.2 sec.\n"
        "&&&& PASSED TensorRT.trtexec [TensorRT v8601] # trtexec --onnx=m.onnx\n");
    if (r.root_cause) {
        EXPECT_NE(r.root_cause->severity, Severity::error) << r.root_cause->name;
    }
    for (const auto& f : r.findings) EXPECT_NE(f.severity, Severity::error) << f.name;
    EXPECT_EQ(r.run.trt_version, "8.6.1");
    EXPECT_NE(r.run.outcome, Outcome::failed);
}

TEST(Diagnoser, ErrorsTheBuildGotPastAreNotTheFailure) {
    const auto r = diagnose(
        "[E] [TRT] 2: [virtualMemoryBuffer.cpp::resizePhysical::145] Error Code 2: OutOfMemory (no further information)\n"
        "[W] [TRT] Skipping tactic 3 due to insufficient memory on requested size of 68719476736 detected for tactic 0x74.\n"
        "[I] Engine built in 35.2 sec.\n");
    if (r.root_cause) {
        EXPECT_NE(r.root_cause->severity, Severity::error) << r.root_cause->name;
    }
    EXPECT_EQ(r.run.outcome, Outcome::built);
    const auto failed = diagnose(
        "[I] Engine built in 35.2 sec.\n"
        "[E] [TRT] 2: [executionContext.cpp::ExecutionContext::470] Error Code 2: OutOfMemory (no further information)\n");
    ASSERT_TRUE(failed.root_cause);
    EXPECT_EQ(failed.root_cause->name, "GPU_OOM_RUNTIME");
    EXPECT_EQ(failed.root_cause->severity, Severity::error);
}

TEST(Diagnoser, MemoryShortageBeforeNoImplementationIsTheCause) {
    const auto r = diagnose(
        "[W] [TRT] Skipping tactic 0 due to insufficient memory on requested size of 1170309120 detected for tactic 0.\n"
        "[E] [TRT] 10: [optimizer.cpp::computeCosts::2011] Error Code 10: Internal Error (Could not find any "
        "implementation for node {ForeignNode[MatMul_1...Add_9]}.)\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "BUILD_OOM_WORKSPACE");
    EXPECT_EQ(r.root_cause->severity, Severity::error);
    EXPECT_NE(r.root_cause->fix.find("1170309120"), std::string::npos);
    EXPECT_TRUE(has_finding(r, "NO_IMPLEMENTATION"));
}

TEST(Diagnoser, NoImplementationWithoutMemoryShortageStaysNoImplementation) {
    const auto r = diagnose(
        "[E] [TRT] 10: [optimizer.cpp::computeCosts::2011] Error Code 10: Internal Error (Could not find any "
        "implementation for node conv1.)\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "NO_IMPLEMENTATION");
}

TEST(Diagnoser, MissingPluginNamedLikeAnOnnxOpIsAnUnsupportedOp) {
    const auto op = diagnose("[E] [TRT] INVALID_ARGUMENT: getPluginCreator could not find plugin ScatterND version 1\n");
    ASSERT_TRUE(op.root_cause);
    EXPECT_EQ(op.root_cause->name, "ONNX_UNSUPPORTED_OP");
    const auto plugin = diagnose("[E] [TRT] INVALID_ARGUMENT: getPluginCreator could not find plugin EfficientNMS_TRT version 1\n");
    ASSERT_TRUE(plugin.root_cause);
    EXPECT_EQ(plugin.root_cause->name, "PLUGIN_NOT_REGISTERED");
    EXPECT_NE(plugin.root_cause->fix.find("EfficientNMS_TRT"), std::string::npos);
}

TEST(Diagnoser, ParserFallbackForAPluginOpIsAMissingPlugin) {
    const auto r = diagnose(
        "[I] [TRT] ModelImporter.cpp:135: No importer registered for op: EfficientNMS_TRT. Attempting to import as plugin.\n"
        "[E] [TRT] INVALID_ARGUMENT: getPluginCreator could not find plugin EfficientNMS_TRT version 1\n"
        "[E] Failed to parse onnx file\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "PLUGIN_NOT_REGISTERED");
}

TEST(Diagnoser, BenignMessagesAloneGiveNoRootCause) {
    const auto r = diagnose(
        "[W] [TRT] CUDA lazy loading is not enabled. Enabling it can significantly reduce device memory usage.\n"
        "[W] [TRT] onnx2trt_utils.cpp:220: Your ONNX model has been generated with INT64 weights, while TensorRT does "
        "not natively support INT64. Attempting to cast down to INT32.\n");
    EXPECT_FALSE(r.root_cause);
    EXPECT_TRUE(has_finding(r, "LAZY_LOADING_DISABLED"));
    EXPECT_TRUE(has_finding(r, "INT64_CAST"));
}

TEST(Diagnoser, GpuAllocationFailureIsABuildProblemWhileBuilding) {
    const auto build = diagnose(
        "[W] [TRT] Requested amount of GPU memory (17179869184 bytes) could not be allocated. There may not be enough free memory for allocation to succeed.\n"
        "[W] [TRT] Skipping tactic 8 due to insufficient memory on requested size of 17179869184 detected for tactic 0x3c.\n");
    ASSERT_TRUE(build.root_cause);
    EXPECT_EQ(build.root_cause->name, "BUILD_OOM_WORKSPACE");
    const auto run = diagnose(
        "[I] [TRT] Loaded engine size: 44 MiB\n"
        "[W] [TRT] Requested amount of GPU memory (17920000000 bytes) could not be allocated. There may not be enough free memory for allocation to succeed.\n"
        "[E] [TRT] 2: [executionContext.cpp::ExecutionContext::470] Error Code 2: OutOfMemory (no further information)\n");
    ASSERT_TRUE(run.root_cause);
    EXPECT_EQ(run.root_cause->name, "GPU_OOM_RUNTIME");
    EXPECT_NE(run.root_cause->fix.find("17920000000"), std::string::npos);
}

TEST(Diagnoser, DependencyMinorDifferenceWarnsMajorDifferenceIsAnError) {
    const auto minor = diagnose("[W] [TRT] TensorRT was linked against cuDNN 8.9.0 but loaded cuDNN 8.7.0\n");
    ASSERT_TRUE(minor.root_cause);
    EXPECT_EQ(minor.root_cause->severity, Severity::warning);
    const auto major = diagnose("[W] [TRT] TensorRT was linked against cuBLAS/cuBLAS LT 10.2.2 but loaded cuBLAS/cuBLAS LT 11.3.1\n");
    ASSERT_TRUE(major.root_cause);
    EXPECT_EQ(major.root_cause->name, "DEPENDENCY_VERSION_MISMATCH");
    EXPECT_EQ(major.root_cause->severity, Severity::error);
}

TEST(Diagnoser, OneDominantLayerIsASlowLayerEvenTimingsAreNot) {
    std::string slow, even;
    for (int i = 0; i < 8; ++i) {
        slow += "[TRT]  layer conv" + std::to_string(i) + " - 1.25 ms\n";
        even += "[TRT]  layer conv" + std::to_string(i) + " - 1.25 ms\n";
    }
    slow += "[TRT]  layer upscore - 3986.66 ms\n[TRT]  layer network time - 4000.0 ms\n";
    const auto r = diagnose(slow);
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "SLOW_LAYER");
    EXPECT_NE(r.root_cause->summary.find("upscore"), std::string::npos) << r.root_cause->summary;
    const auto quiet = diagnose(even);
    EXPECT_FALSE(quiet.root_cause);
    EXPECT_FALSE(has_finding(quiet, "SLOW_LAYER"));
}

TEST(Diagnoser, FirstRunDeepStreamOpenErrorIsNeverAnError) {
    const auto r = diagnose("ERROR: Deserialize engine failed because file path: /m/model_b1_gpu0_fp16.engine open error\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "ENGINE_FILE_NOT_FOUND");
    EXPECT_EQ(r.root_cause->severity, Severity::warning);
}

TEST(Diagnoser, OnlyALongBuildIsSlow) {
    const auto slow = diagnose("[I] Engine built in 2451.3 sec.\n&&&& PASSED TensorRT.trtexec [TensorRT v100800]\n");
    ASSERT_TRUE(slow.root_cause);
    EXPECT_EQ(slow.root_cause->name, "BUILD_SLOW");
    EXPECT_NE(slow.root_cause->fix.find("2451.3"), std::string::npos);
    EXPECT_EQ(slow.run.trt_version, "10.8.0");
    const auto quick = diagnose("[I] Engine built in 35.2 sec.\n");
    EXPECT_FALSE(quick.root_cause);
    EXPECT_EQ(quick.run.outcome, Outcome::built);
}

TEST(Diagnoser, DeepStreamThatBuiltTheMissingEngineHasNoRootCause) {
    const auto r = diagnose(
        "ERROR: Deserialize engine failed because file path: /m/model_b1_gpu0_fp16.engine open error\n"
        "0:00:31.1 1 0x1 INFO nvinfer gstnvinfer.cpp:646:gst_nvinfer_logger: NvDsInferContext[UID 1]: Info from "
        "NvDsInferContextImpl::buildModel() [UID = 1]: serialize cuda engine to file: /m/model_b1_gpu0_fp16.engine successfully\n");
    EXPECT_FALSE(r.root_cause);
    EXPECT_TRUE(has_finding(r, "ENGINE_FILE_NOT_FOUND"));
    EXPECT_EQ(r.run.outcome, Outcome::built);
}

TEST(Diagnoser, QuietLogHasNoFindings) {
    const auto r = diagnose("[I] [TRT] Loaded engine size: 44 MiB\n[I] Throughput: 1203.5 qps\n");
    EXPECT_FALSE(r.root_cause);
    EXPECT_TRUE(r.findings.empty());
    EXPECT_EQ(r.run.outcome, Outcome::ran);
    EXPECT_EQ(r.lines, 2u);
}

TEST(Diagnoser, MemoryStaysBoundedWhateverTheNumberOfHits) {
    const Diagnosis* rule = Catalogue::builtin().by_code("TD4020");
    ASSERT_NE(rule, nullptr);
    Diagnoser d("big.log");
    for (std::uint64_t line = 1; line <= 200000; ++line) {
        d.hit(RuleHit{rule, line, Level::warning, Origin::tensorrt,
                      "[W] [TRT] Skipping tactic 0 due to insufficient memory on requested size of 1024 detected for tactic 0. #" +
                          std::to_string(line),
                      {{"bytes", "1024"}}});
        d.marker(MarkerHit{line % 2 ? "phase_build" : "phase_run", line, Level::info, Origin::tensorrt, "x", {}});
    }
    const LogReport r = d.finish(200000, 0);
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "BUILD_OOM_WORKSPACE");
    EXPECT_LE(r.root_cause->evidence.size(), 3u);
    EXPECT_EQ(r.root_cause->evidence.back().where.line, 200000u);
    EXPECT_EQ(fact_of(*r.root_cause, "occurrences"), "200000");
}

TEST(DiagnoserRules, TemplatesNeedEveryFactAndVersionsCompareNumerically) {
    EXPECT_EQ(fill_template("rebuild with {v}\nnow", {{"v", "8.6"}}), "rebuild with 8.6 now");
    EXPECT_FALSE(fill_template("rebuild with {v} and {w}", {{"v", "8.6"}}));
    EXPECT_LT(compare_versions("8.5.2", "8.10"), 0);
    EXPECT_EQ(compare_versions("10.0", "10.0.0"), 0);
    EXPECT_EQ(version_from_tag("8601"), "8.6.1");
    EXPECT_EQ(version_from_tag("100800"), "10.8.0");
    EXPECT_EQ(release_for_serialization(236), "8.6");
    EXPECT_EQ(release_for_serialization(1), "");
}

TEST(Diagnoser, AFailedSentinelWithNoCauseIsSaidNotSilenced) {
    const auto r = diagnose(
        "[05/07/2022-06:13:10] [I] Start parsing network model\n"
        "[05/07/2022-06:13:10] [I] Finish parsing network model\n"
        "&&&& FAILED TensorRT.trtexec [TensorRT v8203] # trtexec --onnx=model.onnx --fp16\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "RUN_FAILED_UNEXPLAINED");
    EXPECT_EQ(r.root_cause->severity, Severity::warning);
    EXPECT_EQ(r.root_cause->evidence.front().where.line, 3u);
    EXPECT_EQ(r.run.outcome, Outcome::failed);
}

TEST(Diagnoser, AFailedSentinelAfterAKnownCauseAddsNothing) {
    const auto r = diagnose(
        "[E] [TRT] 1: [stdArchiveReader.cpp::StdArchiveReader::40] Error Code 1: Serialization (Serialization assertion "
        "stdVersionRead == serializationVersion failed.Version tag does not match. Note: Current Version: 232, "
        "Serialized Engine Version: 236)\n"
        "&&&& FAILED TensorRT.trtexec [TensorRT v8502] # trtexec --loadEngine=model.plan\n");
    ASSERT_TRUE(r.root_cause);
    EXPECT_EQ(r.root_cause->name, "ENGINE_VERSION_MISMATCH");
    EXPECT_FALSE(has_finding(r, "RUN_FAILED_UNEXPLAINED"));
}

}  // namespace
}  // namespace trtdoctor::log
