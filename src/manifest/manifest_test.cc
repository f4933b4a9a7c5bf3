#include "manifest/manifest.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "manifest/create.h"
#include "manifest/verify.h"
#include "plan/plan_builder.h"
#include "support/testing.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

/// A trtexec build log as TensorRT `version` on a GPU of compute capability `cc` prints it.
std::string build_log(std::string_view version, std::string_view cc, std::string_view closing = "PASSED") {
    return fmt::format(
        "&&&& RUNNING TensorRT.trtexec # trtexec --onnx=det.onnx --fp16 --saveEngine=det.engine\n"
        "[01/01/2025-00:00:00] [I] === Model Options ===\n"
        "[01/01/2025-00:00:00] [I] Model: det.onnx\n"
        "[01/01/2025-00:00:00] [I] === Build Options ===\n"
        "[01/01/2025-00:00:00] [I] Precision: FP32+FP16\n"
        "[01/01/2025-00:00:00] [I] Input build shape (profile 0): images=1x3x640x640+4x3x640x640+8x3x640x640\n"
        "[01/01/2025-00:00:00] [I] === Device Information ===\n"
        "[01/01/2025-00:00:00] [I] Selected Device: NVIDIA GeForce RTX 4070\n"
        "[01/01/2025-00:00:00] [I] Compute Capability: {}\n"
        "[01/01/2025-00:00:00] [I] TensorRT version: {}\n"
        "[01/01/2025-00:00:05] [I] Engine built in 5.5 sec.\n"
        "&&&& {} TensorRT.trtexec # trtexec --onnx=det.onnx\n",
        cc, version, closing);
}

struct Fixture {
    testing::TempDir dir;
    std::string engine;
    plan::InspectResult inspected;

    explicit Fixture(const plan::PlanBuilder& b = plan::PlanBuilder()) {
        engine = dir.write("det.engine", b.build()).string();
        inspected = *plan::inspect_file(engine);
    }
    CreateResult create(const trtexec::Log* log = nullptr) const {
        CreateInputs in;
        in.engine = &inspected;
        in.engine_path = engine;
        in.created_at = "2025-01-01T00:00:00Z";
        if (log) {
            in.build_run = pick_build_run(*log);
            in.log_path = "build.log";
        }
        return *create_manifest(in);
    }
};

TEST(ManifestCreateTest, RecordsHashesHeaderFactsAndTheBuildLog) {
    Fixture fx;
    const auto log = trtexec::parse_log(build_log("8.6.1", "8.9"));
    const auto r = fx.create(&log);
    EXPECT_TRUE(r.findings.empty());
    const json& m = r.manifest;
    EXPECT_EQ(m["schema"], "trtdoctor.engine-manifest");
    EXPECT_EQ(m["schema_version"], 1);
    EXPECT_EQ(m["engine"]["file"], "det.engine");
    EXPECT_EQ(m["engine"]["size"], fx.inspected.size);
    EXPECT_EQ(m["engine"]["sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ(m["engine"]["trt_version"], "8.6.1.6");
    EXPECT_EQ(m["engine"]["builder_gpu"]["compute_capability"], "8.9");
    EXPECT_EQ(m["build"]["precision_flags"], json({"fp32", "fp16"}));
    EXPECT_EQ(m["build"]["profiles"][0]["inputs"][0]["max"], json({8, 3, 640, 640}));
    EXPECT_EQ(m["build"]["device"]["name"], "NVIDIA GeForce RTX 4070");
    EXPECT_EQ(m["build"]["outcome"], "passed");
    EXPECT_DOUBLE_EQ(m["build"]["duration_seconds"].get<double>(), 5.5);
    // The document survives its own serialisation and validation.
    auto back = parse_manifest(serialize_manifest(m), "m.json");
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(*back, m);
}

TEST(ManifestCreateTest, LogOfAnotherVersionOrGpuIsReported) {
    Fixture fx;
    const auto log = trtexec::parse_log(build_log("10.3.0", "8.7"));
    const auto r = fx.create(&log);
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].code, "TD6006");
    EXPECT_NE(r.findings[0].summary.find("10.3.0"), std::string::npos);
    EXPECT_NE(r.findings[1].summary.find("8.7"), std::string::npos);
}

TEST(ManifestCreateTest, FailedBuildLogIsAWarning) {
    Fixture fx;
    const auto log = trtexec::parse_log(build_log("8.6.1", "8.9", "FAILED"));
    const auto r = fx.create(&log);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].code, "TD6006");
    EXPECT_EQ(r.findings[0].severity, Severity::warning);
}

TEST(ManifestCreateTest, NonPlanIsRefused) {
    testing::TempDir dir;
    const auto path = dir.write("model.engine", "version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 3\n").string();
    auto inspected = plan::inspect_file(path);
    ASSERT_TRUE(inspected);
    CreateInputs in;
    in.engine = &*inspected;
    in.engine_path = path;
    auto r = create_manifest(in);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_format);
    EXPECT_NE(r.error().message.find("not a TensorRT plan"), std::string::npos);
}

TEST(ManifestVerifyTest, UntouchedEngineVerifiesClean) {
    Fixture fx;
    EXPECT_TRUE(verify_engine(fx.create().manifest, "m.json", fx.inspected, fx.engine).empty());
}

TEST(ManifestVerifyTest, FlippedByteIsAHashMismatchNamingBothHashes) {
    Fixture fx;
    const json m = fx.create().manifest;
    std::string bytes = testing::read_file(fx.engine);
    bytes[bytes.size() - 100] ^= 0x01;
    fx.dir.write("det.engine", bytes);
    const auto now = *plan::inspect_file(fx.engine);
    const auto fs = verify_engine(m, "m.json", now, fx.engine);
    ASSERT_FALSE(fs.empty());
    EXPECT_EQ(fs[0].code, "TD6001");
    EXPECT_EQ(fs[0].name, "MANIFEST_HASH_MISMATCH");
    ASSERT_FALSE(fs[0].evidence.empty());
    EXPECT_NE(fs[0].evidence[0].what.find(m["engine"]["sha256"].get<std::string>()), std::string::npos);
}

TEST(ManifestVerifyTest, ChangedFieldNamesTheFieldAndBothValues) {
    Fixture fx;
    json m = fx.create().manifest;
    m["engine"]["trt_version"] = "10.3.0.26";
    const auto fs = verify_engine(m, "m.json", fx.inspected, fx.engine);
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].code, "TD6002");
    EXPECT_NE(fs[0].summary.find("TensorRT version"), std::string::npos);
    EXPECT_NE(fs[0].summary.find("10.3.0.26"), std::string::npos);
    EXPECT_NE(fs[0].summary.find("8.6.1.6"), std::string::npos);
}

TEST(ManifestVerifyTest, ManifestOfAnotherEngineIsSaidSoOnce) {
    Fixture a;
    Fixture b(plan::PlanBuilder().version(10, 3, 0, 26).cc(8, 7));
    json m = a.create().manifest;
    m["engine"]["file"] = "other.engine";
    const auto fs = verify_engine(m, "m.json", b.inspected, b.engine);
    ASSERT_EQ(fs.size(), 1u);
    EXPECT_EQ(fs[0].code, "TD6003");
}

TEST(ManifestVerifyTest, OwnSidecarOfARenamedEngineReportsTheHashNotAnotherEngine) {
    Fixture a;
    Fixture b(plan::PlanBuilder().version(10, 3, 0, 26).cc(8, 7));
    json m = a.create().manifest;
    m["engine"]["file"] = "old-name.engine";
    const auto fs = verify_engine(m, b.engine + ".manifest.json", b.inspected, b.engine);
    ASSERT_FALSE(fs.empty());
    EXPECT_EQ(fs[0].code, "TD6001");
}

TEST(ManifestVerifyTest, RenamedEngineWithSameBytesStillVerifies) {
    Fixture fx;
    json m = fx.create().manifest;
    m["engine"]["file"] = "old-name.engine";
    EXPECT_TRUE(verify_engine(m, "m.json", fx.inspected, fx.engine).empty());
}

TEST(ManifestParseTest, NotJsonIsInvalidFormat) {
    auto r = parse_manifest("engine: yes\n", "m.json");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::invalid_format);
    EXPECT_EQ(r.error().input, "m.json");
}

TEST(ManifestParseTest, FutureSchemaVersionIsUnsupported) {
    auto r = parse_manifest(R"({"schema":"trtdoctor.engine-manifest","schema_version":7,"engine":{"size":1,"sha256":"x"}})", "m.json");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::unsupported);
    EXPECT_NE(r.error().message.find("7"), std::string::npos);
}

TEST(ManifestParseTest, OtherJsonDocumentsAreNotManifests) {
    EXPECT_FALSE(parse_manifest(R"({"schema":"something.else","schema_version":1})", "m.json"));
    EXPECT_FALSE(parse_manifest(R"([1,2,3])", "m.json"));
    EXPECT_FALSE(parse_manifest(R"({"schema":"trtdoctor.engine-manifest","schema_version":1})", "m.json"));
    EXPECT_TRUE(parse_manifest(R"({"schema":"trtdoctor.engine-manifest","schema_version":1,"engine":{"size":1,"sha256":"x"}})", "m.json"));
}

TEST(ManifestRealTest, RealEngineAndRealBuildLogMakeAManifest) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const auto engine = (shared / "fixtures" / "engines" / "ybwerneck_inference_TensorRT_model.trt").string();
    auto inspected = plan::inspect_file(engine);
    ASSERT_TRUE(inspected);
    auto log = trtexec::read_log((shared / "fixtures" / "logs" / "hackcn_trtexec_8600_rtx3090_build_fp16_skipinference_verbose_subnormal_int64_warnings.log").string());
    ASSERT_TRUE(log);
    CreateInputs in;
    in.engine = &*inspected;
    in.engine_path = engine;
    in.build_run = pick_build_run(*log);
    in.log_path = "build.log";
    auto r = create_manifest(in);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->manifest["build"]["device"]["name"], "NVIDIA GeForce RTX 3090");
    EXPECT_EQ(r->manifest["build"]["precision"], "FP32+FP16");
    // That log is from 8.6.0 on an RTX 3090 (8.6); the engine is 8.6.1.6 from CC 8.9: both said.
    ASSERT_EQ(r->findings.size(), 2u);
    EXPECT_EQ(r->findings[0].code, "TD6006");
    EXPECT_TRUE(verify_engine(r->manifest, "m.json", *inspected, engine).empty());
}

}  // namespace
}  // namespace trtdoctor::manifest
