// `trtdoctor manifest`, `name` and `select` end to end: manifests created from real engines
// and real trtexec logs, verified, tampered with, signed; names; variant selection over
// folders built at test time; bad inputs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "manifest/onnx_writer.h"
#include "plan/plan_builder.h"
#include "support/testing.h"

namespace trtdoctor {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using plan::PlanBuilder;
using testing::run_trtdoctor;
using testing::TempDir;

std::string synthetic_log(std::string_view version, std::string_view cc) {
    return std::string("&&&& RUNNING TensorRT.trtexec # trtexec --onnx=det.onnx --int8 --saveEngine=det.engine --staticPlugins=libnms.so\n"
                       "[01/01/2025-00:00:00] [I] === Model Options ===\n"
                       "[01/01/2025-00:00:00] [I] Model: det.onnx\n"
                       "[01/01/2025-00:00:00] [I] === Build Options ===\n"
                       "[01/01/2025-00:00:00] [I] Precision: FP32+INT8\n"
                       "[01/01/2025-00:00:00] [I] Input build shape (profile 0): images=1x3x64x64+2x3x64x64+4x3x64x64\n"
                       "[01/01/2025-00:00:00] [I] === Device Information ===\n"
                       "[01/01/2025-00:00:00] [I] Selected Device: NVIDIA A100-SXM4-80GB\n"
                       "[01/01/2025-00:00:00] [I] Compute Capability: ") +
           std::string(cc) + "\n[01/01/2025-00:00:00] [I] TensorRT version: " + std::string(version) +
           "\n[01/01/2025-00:00:03] [I] Engine built in 3.2 sec.\n&&&& PASSED TensorRT.trtexec # trtexec\n";
}

/// An engine with its build log and model in a fresh folder.
struct Build {
    TempDir dir;
    std::string engine, log, onnx;
    Build() {
        engine = dir.write("det.engine", PlanBuilder().version(10, 3, 0, 26).cc(8, 0).build()).string();
        log = dir.write("build.log", synthetic_log("10.3.0", "8.0")).string();
        manifest::onnx_writer::Model m;
        m.inputs = {{"images", {{0, "batch"}, {3, ""}, {64, ""}, {64, ""}}}};
        m.outputs = {{"scores", {{0, "batch"}, {10, ""}}}};
        m.nodes = {{"", "Conv"}};
        onnx = dir.write("det.onnx", m.bytes()).string();
    }
    std::string manifest() const { return engine + ".manifest.json"; }
};

TEST(ManifestCliTest, CreateFromEngineLogAndModelThenVerify) {
    Build b;
    auto c = run_trtdoctor({"manifest", "create", b.engine, "--build-log", b.log, "--onnx", b.onnx});
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(c.out, b.manifest() + "\n");
    const json m = json::parse(testing::read_file(b.manifest()));
    EXPECT_EQ(m["engine"]["trt_version"], "10.3.0.26");
    EXPECT_EQ(m["build"]["precision_flags"], json({"fp32", "int8"}));
    EXPECT_EQ(m["build"]["plugins"], json({"libnms.so"}));
    EXPECT_EQ(m["model"]["inputs"][0]["shape"], json({"batch", 3, 64, 64}));
    EXPECT_EQ(m["model"]["opset"], 17);
    auto v = run_trtdoctor({"manifest", "verify", b.engine});
    EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
    EXPECT_NE(v.out.find("matches"), std::string::npos);
}

TEST(ManifestCliTest, FlippedByteFailsVerifyWithBothHashes) {
    Build b;
    ASSERT_EQ(run_trtdoctor({"manifest", "create", b.engine}).exit_code, 0);
    std::string bytes = testing::read_file(b.engine);
    bytes[bytes.size() / 2] ^= 0x40;
    b.dir.write("det.engine", bytes);
    auto v = run_trtdoctor({"manifest", "verify", "--format", "json", b.engine});
    EXPECT_EQ(v.exit_code, 1);
    const json j = json::parse(v.out);
    EXPECT_EQ(j["verified"], false);
    ASSERT_FALSE(j["findings"].empty());
    EXPECT_EQ(j["findings"][0]["code"], "TD6001");
}

TEST(ManifestCliTest, ChangedFieldIsNamedWithBothValues) {
    Build b;
    ASSERT_EQ(run_trtdoctor({"manifest", "create", b.engine}).exit_code, 0);
    json m = json::parse(testing::read_file(b.manifest()));
    m["engine"]["builder_gpu"]["compute_capability"] = "8.6";
    b.dir.write("det.engine.manifest.json", m.dump());
    auto v = run_trtdoctor({"manifest", "verify", b.engine});
    EXPECT_EQ(v.exit_code, 1);
    EXPECT_NE(v.out.find("builder compute capability: manifest says 8.6, the engine says 8.0"), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("TD6002"), std::string::npos);
}

TEST(ManifestCliTest, SignedManifestVerifiesOnlyWithTheTrustedKey) {
    Build b;
    const std::string keys = (b.dir.path() / "release").string(), other = (b.dir.path() / "other").string();
    ASSERT_EQ(run_trtdoctor({"manifest", "keygen", keys}).exit_code, 0);
    ASSERT_EQ(run_trtdoctor({"manifest", "keygen", other}).exit_code, 0);
    ASSERT_EQ(run_trtdoctor({"manifest", "create", b.engine}).exit_code, 0);
    // Unsigned yet: a trusted key is required.
    auto u = run_trtdoctor({"manifest", "verify", b.engine, "--pubkey", keys + ".pub.pem"});
    EXPECT_EQ(u.exit_code, 1);
    EXPECT_NE(u.out.find("TD6005"), std::string::npos);
    ASSERT_EQ(run_trtdoctor({"manifest", "sign", b.engine, "--key", keys + ".pem"}).exit_code, 0);
    EXPECT_EQ(run_trtdoctor({"manifest", "verify", b.engine, "--pubkey", keys + ".pub.pem"}).exit_code, 0);
    auto wrong = run_trtdoctor({"manifest", "verify", b.engine, "--pubkey", other + ".pub.pem"});
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_NE(wrong.out.find("TD6004"), std::string::npos);
    // A field changed after signing breaks the signature even if it is harmless.
    json m = json::parse(testing::read_file(b.manifest()));
    m["created_at"] = "2000-01-01T00:00:00Z";
    b.dir.write("det.engine.manifest.json", m.dump());
    auto edited = run_trtdoctor({"manifest", "verify", b.engine, "--pubkey", keys + ".pub.pem"});
    EXPECT_EQ(edited.exit_code, 1);
    EXPECT_NE(edited.out.find("changed after signing"), std::string::npos);
}

TEST(ManifestCliTest, BadManifestsAreInputErrors) {
    Build b;
    b.dir.write("det.engine.manifest.json", "{ not json");
    auto nj = run_trtdoctor({"manifest", "verify", b.engine});
    EXPECT_EQ(nj.exit_code, 2);
    EXPECT_NE(nj.err.find("not valid JSON"), std::string::npos);
    EXPECT_NE(nj.err.find("det.engine.manifest.json"), std::string::npos);
    b.dir.write("det.engine.manifest.json",
                R"({"schema":"trtdoctor.engine-manifest","schema_version":2,"engine":{"size":1,"sha256":"x"}})");
    auto future = run_trtdoctor({"manifest", "verify", b.engine});
    EXPECT_EQ(future.exit_code, 2);
    EXPECT_NE(future.err.find("newer"), std::string::npos);
    // A manifest written for another engine.
    const auto other = b.dir.write("other.engine", PlanBuilder().version(8, 6, 1, 6).build()).string();
    ASSERT_EQ(run_trtdoctor({"manifest", "create", other}).exit_code, 0);
    auto wrong = run_trtdoctor({"manifest", "verify", b.engine, "--manifest", other + ".manifest.json"});
    EXPECT_EQ(wrong.exit_code, 1);
    EXPECT_NE(wrong.out.find("TD6003"), std::string::npos);
    EXPECT_NE(wrong.out.find("other.engine"), std::string::npos);
}

TEST(ManifestCliTest, BadEnginesAndLogsAreInputErrors) {
    Build b;
    EXPECT_EQ(run_trtdoctor({"manifest", "create", b.dir.path().string()}).exit_code, 2);
    EXPECT_EQ(run_trtdoctor({"manifest", "create", (b.dir.path() / "missing.engine").string()}).exit_code, 2);
    auto onnx_as_engine = run_trtdoctor({"manifest", "create", b.onnx});
    EXPECT_EQ(onnx_as_engine.exit_code, 2);
    EXPECT_NE(onnx_as_engine.err.find("not a TensorRT plan"), std::string::npos);
    const auto prose = b.dir.write("notes.log", "nothing to see\n").string();
    auto no_run = run_trtdoctor({"manifest", "create", b.engine, "--build-log", prose});
    EXPECT_EQ(no_run.exit_code, 2);
    EXPECT_NE(no_run.err.find("no trtexec run"), std::string::npos);
    EXPECT_EQ(run_trtdoctor({"manifest", "create", b.engine, "--onnx", b.log}).exit_code, 2);
    EXPECT_EQ(run_trtdoctor({"manifest", "frobnicate"}).exit_code, 3);
    // A log of another build: not written unless forced.
    const auto old_log = b.dir.write("old.log", synthetic_log("8.6.1", "8.0")).string();
    auto mismatch = run_trtdoctor({"manifest", "create", b.engine, "--build-log", old_log});
    EXPECT_EQ(mismatch.exit_code, 1);
    EXPECT_NE(mismatch.out.find("TD6006"), std::string::npos);
    EXPECT_FALSE(fs::exists(b.manifest()));
    EXPECT_EQ(run_trtdoctor({"manifest", "create", b.engine, "--build-log", old_log, "--force"}).exit_code, 1);
    EXPECT_TRUE(fs::exists(b.manifest()));
}

TEST(ManifestCliTest, RealEnginesGetManifestsThatVerify) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    TempDir dir;
    std::size_t made = 0;
    for (const auto& e : fs::directory_iterator(shared / "fixtures" / "engines")) {
        const std::string name = e.path().filename().string();
        const auto copy = dir.path() / name;
        fs::copy_file(e.path(), copy);
        auto c = run_trtdoctor({"manifest", "create", copy.string()});
        if (c.exit_code == 2) continue;  // look-alikes (git-lfs pointers, caches) are refused
        ASSERT_EQ(c.exit_code, 0) << name << c.err;
        ++made;
        auto v = run_trtdoctor({"manifest", "verify", copy.string()});
        EXPECT_EQ(v.exit_code, 0) << name << v.out;
    }
    EXPECT_GE(made, 15u);
}

TEST(ManifestCliTest, RealBuildLogFillsTheBuildSection) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    TempDir dir;
    // The H100 log describes a 10.16.1 build on CC 9.0: a synthetic plan of that kind stands
    // in for the engine it wrote (the engine itself is not in the fixtures).
    const auto engine = dir.write("model-trained.trt", PlanBuilder().version(10, 16, 1, 0).cc(9, 0).sms(114).build()).string();
    const auto log = shared / "fixtures" / "logs" / "hackcn_trtexec_101601_h100_build_dynamic_timingcache_verbose.log";
    auto c = run_trtdoctor({"manifest", "create", engine, "--build-log", log.string(), "--format", "json"});
    ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
    const json j = json::parse(c.out);
    const json& b = j["manifest"]["build"];
    EXPECT_EQ(b["device"]["name"], "NVIDIA H100 PCIe");
    EXPECT_EQ(b["trt_version"], "10.16.1");
    EXPECT_EQ(b["precision"], "FP32+FP16");
    EXPECT_EQ(b["timing_cache"]["file"], "model-trained.TimingCache");
    EXPECT_EQ(b["profiles"][0]["inputs"][0]["max"], json({16, 1, 28, 28}));
    EXPECT_EQ(b["outcome"], "passed");
    auto n = run_trtdoctor({"name", engine});
    EXPECT_EQ(n.exit_code, 0) << n.err;
    EXPECT_EQ(n.out, "model-trained_trt10.16_h100_fp16.engine\n");
}

TEST(NameCliTest, RenameMovesEngineAndManifestTogether) {
    Build b;
    ASSERT_EQ(run_trtdoctor({"manifest", "create", b.engine, "--build-log", b.log, "--onnx", b.onnx}).exit_code, 0);
    auto n = run_trtdoctor({"name", b.engine});
    ASSERT_EQ(n.exit_code, 0) << n.err;
    EXPECT_EQ(n.out, "det_trt10.3_a100_int8.engine\n");
    auto r = run_trtdoctor({"name", "--rename", b.engine});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto renamed = b.dir.path() / "det_trt10.3_a100_int8.engine";
    EXPECT_TRUE(fs::exists(renamed));
    EXPECT_TRUE(fs::exists(renamed.string() + ".manifest.json"));
    EXPECT_FALSE(fs::exists(b.engine));
    EXPECT_EQ(run_trtdoctor({"manifest", "verify", renamed.string()}).exit_code, 0);
    EXPECT_EQ(json::parse(testing::read_file(renamed.string() + ".manifest.json"))["engine"]["file"],
              "det_trt10.3_a100_int8.engine");
    // Renaming again is a no-op.
    auto again = run_trtdoctor({"name", "--rename", renamed.string()});
    EXPECT_EQ(again.exit_code, 0);
    EXPECT_NE(again.out.find("already has the canonical name"), std::string::npos);
}

TEST(NameCliTest, HeaderOnlyFallsBackToComputeCapabilityAndNeedsAPrecision) {
    TempDir dir;
    const auto e = dir.write("model.plan", PlanBuilder().version(8, 6, 1, 6).cc(8, 9).build()).string();
    auto n = run_trtdoctor({"name", e});
    EXPECT_EQ(n.exit_code, 2);
    EXPECT_NE(n.err.find("precision"), std::string::npos);
    auto p = run_trtdoctor({"name", e, "--precision", "fp16"});
    EXPECT_EQ(p.exit_code, 0);
    EXPECT_EQ(p.out, "model_trt8.6_sm89_fp16.engine\n");
}

struct Variants {
    TempDir dir;
    Variants() {
        dir.write("det_trt8.6_sm89_fp16.engine", PlanBuilder().version(8, 6, 1, 6).cc(8, 9).build());
        dir.write("det_trt10.3_orin_fp16.engine", PlanBuilder().version(10, 3, 0, 30).cc(8, 7).build());
        dir.write("det_trt10.3_a100_fp16.engine", PlanBuilder().version(10, 3, 0, 26).cc(8, 0).build());
    }
};

TEST(SelectCliTest, PrintsTheValidVariantsPathForAStatedTarget) {
    Variants v;
    auto r = run_trtdoctor({"select", v.dir.path().string(), "--trt", "10.3", "--cc", "8.7"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, (v.dir.path() / "det_trt10.3_orin_fp16.engine").string() + "\n");
    auto e = run_trtdoctor({"select", v.dir.path().string(), "--trt", "10.3", "--cc", "8.0", "--explain"});
    EXPECT_EQ(e.exit_code, 0);
    EXPECT_NE(e.err.find("chosen"), std::string::npos);
    EXPECT_NE(e.err.find("built for compute capability 8.7"), std::string::npos);
}

TEST(SelectCliTest, NoValidVariantExitsOneWithEachReasonAndEmptyStdout) {
    Variants v;
    auto r = run_trtdoctor({"select", v.dir.path().string(), "--trt", "10.5", "--cc", "9.0"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("TD6009"), std::string::npos);
    EXPECT_NE(r.err.find("built by TensorRT 8.6.1.6"), std::string::npos);
    EXPECT_NE(r.err.find("det_trt10.3_a100_fp16.engine"), std::string::npos);
    auto j = run_trtdoctor({"select", v.dir.path().string(), "--trt", "10.5", "--cc", "9.0", "--format", "json"});
    EXPECT_EQ(j.exit_code, 1);
    const json doc = json::parse(j.out);
    EXPECT_TRUE(doc["selected"].is_null());
    EXPECT_EQ(doc["candidates"].size(), 3u);
}

TEST(SelectCliTest, UsageAndMissingInputs) {
    EXPECT_EQ(run_trtdoctor({"select", "/nonexistent", "--trt", "10.3", "--cc", "8.7"}).exit_code, 2);
    EXPECT_EQ(run_trtdoctor({"select", ".", "--trt", "ten", "--cc", "8.7"}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"select", ".", "--trt", "10.3", "--cc", "x"}).exit_code, 3);
    EXPECT_EQ(run_trtdoctor({"select"}).exit_code, 3);
}

}  // namespace
}  // namespace trtdoctor

namespace trtdoctor {
namespace {

// `check` reads the manifest beside the engine: hash, profiles, the builder's name.
std::vector<std::string> codes_of(const nlohmann::json& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f["code"].get<std::string>());
    return out;
}

TEST(CheckWithManifestTest, ShapesOutsideTheRecordedProfileAreFound) {
    Build b;
    ASSERT_EQ(run_trtdoctor({"manifest", "create", b.engine, "--build-log", b.log}).exit_code, 0);
    auto inside = run_trtdoctor({"check", b.engine, "--format", "json", "--shape", "images:2x3x64x64"});
    const auto in_codes = codes_of(json::parse(inside.out)["engines"][0]["findings"]);
    EXPECT_EQ(std::count(in_codes.begin(), in_codes.end(), "TD6007"), 0) << inside.out;
    EXPECT_EQ(inside.out.find("--shape not checked"), std::string::npos);

    auto outside = run_trtdoctor({"check", b.engine, "--format", "json", "--shape", "images:8x3x64x64"});
    const auto out_codes = codes_of(json::parse(outside.out)["engines"][0]["findings"]);
    EXPECT_EQ(std::count(out_codes.begin(), out_codes.end(), "TD6007"), 1) << outside.out;
}

TEST(CheckWithManifestTest, AnEngineChangedAfterItsManifestIsInvalid) {
    Build b;
    ASSERT_EQ(run_trtdoctor({"manifest", "create", b.engine}).exit_code, 0);
    auto intact = run_trtdoctor({"check", b.engine, "--format", "json"});
    const auto intact_codes = codes_of(json::parse(intact.out)["engines"][0]["findings"]);
    EXPECT_EQ(std::count(intact_codes.begin(), intact_codes.end(), "TD6001"), 0) << intact.out;

    std::string bytes = testing::read_file(b.engine);
    bytes[bytes.size() / 2] ^= 0x01;
    b.dir.write("det.engine", bytes);
    auto tampered = run_trtdoctor({"check", b.engine, "--format", "json"});
    const json j = json::parse(tampered.out);
    const auto codes = codes_of(j["engines"][0]["findings"]);
    EXPECT_EQ(std::count(codes.begin(), codes.end(), "TD6001"), 1) << tampered.out;
    EXPECT_EQ(j["engines"][0]["verdict"], "invalid");
    EXPECT_EQ(tampered.exit_code, 1);
}

}  // namespace
}  // namespace trtdoctor
