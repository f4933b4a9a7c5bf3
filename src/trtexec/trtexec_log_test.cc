#include "trtexec/trtexec_log.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/testing.h"

namespace trtdoctor::trtexec {
namespace {

// A synthetic build log in the shape trtexec 10.x prints (timestamps, [I] prefixes, blocks).
std::string build_log(std::string_view closing) {
    std::string s =
        "&&&& RUNNING TensorRT.trtexec [TensorRT v100200] [b26] # trtexec --onnx=net.onnx "
        "--fp16 --plugins=./libmy.so --saveEngine=net.engine\n"
        "[01/02/2025-10:00:00] [I] === Model Options ===\n"
        "[01/02/2025-10:00:00] [I] Format: ONNX\n"
        "[01/02/2025-10:00:00] [I] Model: models/net.onnx\n"
        "[01/02/2025-10:00:00] [I] === Build Options ===\n"
        "[01/02/2025-10:00:00] [I] Memory Pools: workspace: 2048 MiB, dlaSRAM: default\n"
        "[01/02/2025-10:00:00] [I] Precision: FP32+FP16\n"
        "[01/02/2025-10:00:00] [I] Version Compatible: Disabled\n"
        "[01/02/2025-10:00:00] [I] Hardware Compatibility Level: None\n"
        "[01/02/2025-10:00:00] [I] timingCacheMode: global\n"
        "[01/02/2025-10:00:00] [I] timingCacheFile: net.cache\n"
        "[01/02/2025-10:00:00] [I] Save engine: net.engine\n"
        "[01/02/2025-10:00:00] [I] Load engine: \n"
        "[01/02/2025-10:00:00] [I] Input build shape (profile 0): images=1x3x640x640+4x3x640x640+8x3x640x640\n"
        "[01/02/2025-10:00:00] [I] Input build shape (profile 1): images=16x3x640x640+16x3x640x640+32x3x640x640\n"
        "[01/02/2025-10:00:00] [I] === System Options ===\n"
        "[01/02/2025-10:00:00] [I] Loaded static plugins: ./libmy.so\n"
        "[01/02/2025-10:00:00] [I] === Inference Options ===\n"
        "[01/02/2025-10:00:00] [I] Input inference shape : images=4x3x640x640\n"
        "[01/02/2025-10:00:00] [I] === Device Information ===\n"
        "[01/02/2025-10:00:00] [I] Selected Device: NVIDIA A100-SXM4-80GB\n"
        "[01/02/2025-10:00:00] [I] Compute Capability: 8.0\n"
        "[01/02/2025-10:00:00] [I] SMs: 108\n"
        "[01/02/2025-10:00:00] [I] Device Global Memory: 81050 MiB\n"
        "[01/02/2025-10:00:00] [I] \n"
        "[01/02/2025-10:00:00] [I] TensorRT version: 10.3.0\n"
        "[01/02/2025-10:00:01] [I] [TRT] ONNX IR version:  0.0.8\n"
        "[01/02/2025-10:00:01] [I] [TRT] Opset version:    17\n"
        "[01/02/2025-10:00:01] [I] [TRT] Producer name:    pytorch\n"
        "[01/02/2025-10:00:01] [I] [TRT] Producer version: 2.1.0\n"
        "[01/02/2025-10:00:09] [I] [TRT] Engine generation completed in 7.5 seconds.\n"
        "[01/02/2025-10:00:09] [I] Engine built in 8.25 sec.\n";
    s += closing;
    return s;
}

TEST(TrtexecLogTest, ReadsBannerVersionsBlocksAndOutcomeOfABuild) {
    const auto log = parse_log(build_log(
        "&&&& PASSED TensorRT.trtexec [TensorRT v100300] [b26] # trtexec --onnx=net.onnx\n"));
    ASSERT_EQ(log.runs.size(), 1u);
    const trtexec::Run& r = log.runs[0];
    EXPECT_EQ(r.outcome, Outcome::passed);
    ASSERT_TRUE(r.banner_version);
    EXPECT_EQ(r.banner_version->to_string(), "10.2.0");  // the TensorRT version line wins
    EXPECT_EQ(r.build_tag, "b26");
    EXPECT_EQ(r.version->to_string(), "10.3.0");
    EXPECT_EQ(r.block("Device Information")->get("TensorRT version"), std::nullopt);
    EXPECT_EQ(r.model_path, "models/net.onnx");
    EXPECT_EQ(r.model_format, "ONNX");
    EXPECT_EQ(r.precision, "FP32+FP16");
    EXPECT_EQ(r.workspace, "2048 MiB");
    EXPECT_EQ(r.version_compatible, "Disabled");
    EXPECT_EQ(r.hardware_compatibility, "None");
    EXPECT_EQ(r.timing_cache_file, "net.cache");
    EXPECT_EQ(r.save_engine, "net.engine");
    ASSERT_EQ(r.build_shapes.size(), 2u);
    EXPECT_EQ(r.build_shapes[1].input, "images");
    EXPECT_EQ(r.build_shapes[1].profile, 1);
    EXPECT_EQ(r.build_shapes[1].max.to_string(), "32x3x640x640");
    ASSERT_EQ(r.inference_shapes.size(), 1u);
    EXPECT_EQ(r.inference_shapes[0].dims.to_string(), "4x3x640x640");
    EXPECT_EQ(r.plugins, std::vector<std::string>{"./libmy.so"});
    EXPECT_EQ(r.device.name, "NVIDIA A100-SXM4-80GB");
    EXPECT_EQ(r.device.compute_capability, "8.0");
    EXPECT_EQ(r.device.sm_count, 108);
    EXPECT_EQ(r.device.global_memory_mib, 81050u);
    ASSERT_TRUE(r.parsed_model);
    EXPECT_EQ(r.parsed_model->opset, "17");
    EXPECT_EQ(r.parsed_model->producer, "pytorch 2.1.0");
    ASSERT_TRUE(r.build_seconds);
    EXPECT_DOUBLE_EQ(*r.build_seconds, 8.25);
    EXPECT_TRUE(r.is_build());
    ASSERT_NE(r.block("Device Information"), nullptr);
    EXPECT_EQ(r.block("Device Information")->get("SMs").value_or(""), "108");
}

TEST(TrtexecLogTest, LogWithoutClosingLineHasUnknownOutcome) {
    const auto log = parse_log(build_log(""));
    ASSERT_EQ(log.runs.size(), 1u);
    EXPECT_EQ(log.runs[0].outcome, Outcome::unknown);
}

TEST(TrtexecLogTest, FailedSentinelIsFailed) {
    const auto log = parse_log(build_log("&&&& FAILED TensorRT.trtexec [TensorRT v100300] # x\n"));
    ASSERT_EQ(log.runs.size(), 1u);
    EXPECT_EQ(log.runs[0].outcome, Outcome::failed);
}

TEST(TrtexecLogTest, EachBannerOpensANewRun) {
    const std::string text =
        "&&&& RUNNING TensorRT.trtexec # /usr/src/tensorrt/bin/trtexec --deploy=a.prototxt\n"
        "[01/01/2020-00:00:00] [I] === Model Options ===\n"
        "[01/01/2020-00:00:00] [I] Prototxt: a.prototxt\n"
        "&&&& PASSED TensorRT.trtexec # /usr/src/tensorrt/bin/trtexec --deploy=a.prototxt\n"
        "&&&& RUNNING TensorRT.trtexec [TensorRT v8203] # trtexec --loadEngine=b.plan\n"
        "&&&& PASSED TensorRT.trtexec [TensorRT v8203] # trtexec --loadEngine=b.plan\n";
    const auto log = parse_log(text);
    ASSERT_EQ(log.runs.size(), 2u);
    EXPECT_FALSE(log.runs[0].banner_version);  // TensorRT 7 banners carry no version
    EXPECT_EQ(log.runs[0].model_path, "a.prototxt");
    EXPECT_EQ(log.runs[1].version->to_string(), "8.2.3");
    EXPECT_FALSE(log.runs[1].is_build());
}

TEST(TrtexecLogTest, TrtForwardedLinesDoNotEnterOptionBlocks) {
    const std::string text =
        "[01/01/2020-00:00:00] [I] === Device Information ===\n"
        "[01/01/2020-00:00:00] [I] Selected Device: Orin\n"
        "[01/01/2020-00:00:00] [V] [TRT] Registered plugin creator - ::Clip_TRT version 1\n"
        "[01/01/2020-00:00:00] [I] SMs: 999\n";
    const auto log = parse_log(text);
    ASSERT_EQ(log.runs.size(), 1u);
    EXPECT_EQ(log.runs[0].device.name, "Orin");
    EXPECT_FALSE(log.runs[0].device.sm_count);  // the block ended at the [V] [TRT] line
}

TEST(TrtexecLogTest, TextWithoutTrtexecStructureHasNoRuns) {
    EXPECT_TRUE(parse_log("hello\nworld: 1\n=== Options ===\n").runs.empty());
    EXPECT_TRUE(parse_log("").runs.empty());
}

TEST(TrtexecLogTest, BannerVersionSchemes) {
    EXPECT_EQ(parse_banner_version("8510")->to_string(), "8.5.10");
    EXPECT_EQ(parse_banner_version("101601")->to_string(), "10.16.1");
    EXPECT_FALSE(parse_banner_version("85"));
    EXPECT_FALSE(parse_banner_version("abcd"));
    EXPECT_EQ(parse_dotted_version("8.6")->to_string(), "8.6.0");
    EXPECT_FALSE(parse_dotted_version("8"));
}

TEST(TrtexecLogTest, StripsTimestampSeverityAndTrtTag) {
    char sev = 0;
    EXPECT_EQ(strip_prefix("[01/01/2020-00:00:00] [W] [TRT] hello\r", &sev), "hello");
    EXPECT_EQ(sev, 'W');
    EXPECT_EQ(strip_prefix("[01/01/2020-00:00:00] [TRT] [V] py logger", &sev), "py logger");
    EXPECT_EQ(sev, 'V');
    EXPECT_EQ(strip_prefix("no prefix", &sev), "no prefix");
    EXPECT_EQ(sev, 0);
}

TEST(TrtexecLogTest, ReadingADirectoryIsAToolError) {
    testing::TempDir dir;
    auto r = read_log(dir.path().string());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::is_directory);
}

TEST(TrtexecLogTest, BinaryInputIsRefused) {
    testing::TempDir dir;
    auto p = dir.write("x.log", std::string("ab\0cd", 5));
    auto r = read_log(p.string());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::binary_input);
}

TEST(TrtexecLogRealTest, EveryRealTrtexecBuildLogYieldsVersionDeviceAndOutcome) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const auto dir = shared / "fixtures" / "logs";
    const auto h100 = read_log((dir / "hackcn_trtexec_101601_h100_build_dynamic_timingcache_verbose.log").string());
    ASSERT_TRUE(h100) << h100.error().to_string();
    ASSERT_EQ(h100->runs.size(), 1u);
    const trtexec::Run& r = h100->runs[0];
    EXPECT_EQ(r.version->to_string(), "10.16.1");
    EXPECT_EQ(r.outcome, Outcome::passed);
    EXPECT_EQ(r.device.name, "NVIDIA H100 PCIe");
    EXPECT_EQ(r.device.compute_capability, "9.0");
    EXPECT_EQ(r.precision, "FP32+FP16");
    EXPECT_EQ(r.timing_cache_file, "model-trained.TimingCache");
    ASSERT_EQ(r.build_shapes.size(), 1u);
    EXPECT_EQ(r.build_shapes[0].input, "x");
    EXPECT_EQ(r.build_shapes[0].max.to_string(), "16x1x28x28");
    EXPECT_TRUE(r.build_seconds);

    const auto failed = read_log((dir / "hackcn_trtexec_8203_gtx1070_build_fp16_FAILED_no_error_line.log").string());
    ASSERT_TRUE(failed);
    ASSERT_FALSE(failed->runs.empty());
    EXPECT_EQ(failed->runs.back().outcome, Outcome::failed);
    EXPECT_EQ(failed->runs.back().build_shapes.at(0).input, "x:0");

    const auto jetson = read_log((dir / "jetson_trtexec_trt7x_caffe_googlenet_int8_batch_sweep.log").string());
    ASSERT_TRUE(jetson);
    EXPECT_EQ(jetson->runs.size(), 7u);

    const auto plugin = read_log((dir / "hackcn_trtexec_101601_h100_plugin_addscalar.log").string());
    ASSERT_TRUE(plugin);
    ASSERT_FALSE(plugin->runs.empty());
    EXPECT_EQ(plugin->runs[0].plugins, std::vector<std::string>{"./AddScalarPlugin.so"});
}

TEST(TrtexecLogTest, HugeLineIsSkippedAndTheBlocksAroundItStillRead) {
    std::string text = build_log("&&&& PASSED TensorRT.trtexec # x\n");
    text.insert(text.find("[01/02/2025-10:00:00] [I] === Build"), std::string(8u << 20, 'a') + "\n");
    const auto log = parse_log(text);
    ASSERT_EQ(log.runs.size(), 1u);
    EXPECT_EQ(log.runs[0].precision, "FP32+FP16");
}

TEST(TrtexecLogRealTest, EveryRealTrtexecLogHasRunsWithAnOutcomeOrAVersion) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    std::size_t logs = 0;
    for (const auto& e : std::filesystem::directory_iterator(shared / "fixtures" / "logs")) {
        const std::string name = e.path().filename().string();
        if (name.find("trtexec") == std::string::npos) continue;
        ++logs;
        auto log = read_log(e.path().string());
        ASSERT_TRUE(log) << name;
        ASSERT_FALSE(log->runs.empty()) << name;
        for (const auto& r : log->runs) {
            EXPECT_TRUE(r.version || r.outcome != Outcome::unknown || !r.blocks.empty()) << name;
            if (r.version && r.version->major >= 8 && r.block("Device Information")) {
                EXPECT_FALSE(r.device.name.empty()) << name;
                EXPECT_FALSE(r.device.compute_capability.empty()) << name;
            }
        }
    }
    EXPECT_GE(logs, 20u);
}

}  // namespace
}  // namespace trtdoctor::trtexec
