// `trtdoctor inspect` end to end: output formats, exit codes, bad inputs, stdin, the header-only
// read budget on a large sparse plan, and the real fixtures named for what they are.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "plan/plan_builder.h"
#include "support/testing.h"

namespace trtdoctor {
namespace {

using plan::PlanBuilder;
using testing::run_trtdoctor;
using testing::TempDir;

TEST(InspectCliTest, JsonCarriesTheDocumentedFieldsForAHealthyPlan) {
    TempDir dir;
    const auto path = dir.write("a.plan", PlanBuilder().version(8, 6, 1, 6).cc(8, 9).sms(46).build());
    auto r = run_trtdoctor({"inspect", "--format", "json", path.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["files"].size(), 1u);
    const auto& f = j["files"][0];
    EXPECT_EQ(f["path"], path.string());
    EXPECT_EQ(f["kind"], "plan");
    EXPECT_EQ(f["trt_version"], "8.6.1.6");
    EXPECT_EQ(f["serialization_version"], 236);
    EXPECT_EQ(f["builder_gpu"]["compute_capability"], "8.9");
    EXPECT_EQ(f["builder_gpu"]["sm_count"], 46);
    EXPECT_EQ(f["builder_gpu"]["integrated"], false);
    EXPECT_EQ(f["size"], std::filesystem::file_size(path));
    EXPECT_EQ(f["sha256"].get<std::string>().size(), 64u);
    EXPECT_TRUE(f["findings"].empty());
    EXPECT_TRUE(j["errors"].empty());
}

TEST(InspectCliTest, TextSummaryShowsVersionGpuSectionsAndHashes) {
    TempDir dir;
    const auto path = dir.write("o.engine", PlanBuilder().version(10, 3, 0, 30).cc(8, 7).sms(8).integrated(true).build());
    auto r = run_trtdoctor({"inspect", path.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const char* s : {"plan (G3 layout), TensorRT 10.3.0.30", "239 (TensorRT 10.3-10.9)",
                          "compute capability 8.7, 8 SMs", "Jetson Orin", "NGNE @56", "sha256", "md5"}) {
        EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
    }
}

TEST(InspectCliTest, TruncatedPlanIsAFindingWithExitOneAndTheNumbers) {
    TempDir dir;
    const auto path = dir.write("t.plan", PlanBuilder().version(8, 5, 2, 2).body_size(4000).truncate(1000).build());
    auto r = run_trtdoctor({"inspect", path.string()});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("the copy is 1000 bytes short [TD1011 ENGINE_TRUNCATED]"), std::string::npos) << r.out;
    // --fail-on never: the same finding, exit 0.
    EXPECT_EQ(run_trtdoctor({"inspect", "--fail-on", "never", path.string()}).exit_code, 0);
}

TEST(InspectCliTest, WrappedPlanIsAWarningThatPassesTheDefaultThreshold) {
    TempDir dir;
    const auto path = dir.write("y.engine", plan::ultralytics_wrap("{\"task\": \"detect\"}", PlanBuilder().build()));
    auto r = run_trtdoctor({"inspect", "--format", "json", path.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["files"][0]["kind"], "wrapped_plan");
    EXPECT_EQ(j["files"][0]["trt_version"], "8.6.1.6");
    EXPECT_EQ(j["files"][0]["findings"][0]["name"], "ENGINE_WRAPPED");
    EXPECT_EQ(run_trtdoctor({"inspect", "--fail-on", "warning", path.string()}).exit_code, 1);
}

TEST(InspectCliTest, EmptyFileIsAFindingNotAToolError) {
    TempDir dir;
    const auto path = dir.write("e.engine", "");
    auto r = run_trtdoctor({"inspect", "--format", "json", path.string()});
    EXPECT_EQ(r.exit_code, 1);
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["files"][0]["kind"], "empty");
    EXPECT_EQ(j["files"][0]["findings"][0]["name"], "ENGINE_TRUNCATED");
    EXPECT_TRUE(j["errors"].empty());
}

TEST(InspectCliTest, UnreadableInputsAreToolErrorsAndTheRunContinues) {
    TempDir dir;
    const auto good = dir.write("good.plan", PlanBuilder().build());
    const auto loop = dir.path() / "loop";
    std::filesystem::create_symlink(loop, loop);
    const auto noperm = dir.write("noperm.plan", "x");
    ::chmod(noperm.c_str(), 0);
    const bool root = ::geteuid() == 0;  // root reads anything: that case cannot be exercised
    auto r = run_trtdoctor({"inspect", "--format", "json", (dir.path() / "missing").string(),
                            dir.path().string(), loop.string(), noperm.string(), good.string()});
    EXPECT_EQ(r.exit_code, 2);
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["files"].size(), root ? 2u : 1u);
    EXPECT_EQ(j["files"][root ? 1 : 0]["kind"], "plan");
    ASSERT_EQ(j["errors"].size(), root ? 3u : 4u);
    EXPECT_EQ(j["errors"][0]["code"], "not_found");
    EXPECT_EQ(j["errors"][1]["code"], "is_directory");
    EXPECT_EQ(j["errors"][2]["code"], "symlink_loop");
    if (!root) EXPECT_EQ(j["errors"][3]["code"], "permission_denied");
    // Text mode names each input on stderr.
    auto t = run_trtdoctor({"inspect", (dir.path() / "missing").string(), good.string()});
    EXPECT_EQ(t.exit_code, 2);
    EXPECT_NE(t.err.find((dir.path() / "missing").string()), std::string::npos) << t.err;
    EXPECT_NE(t.out.find("TensorRT 8.6.1.6"), std::string::npos);
}

TEST(InspectCliTest, ReadsStandardInput) {
    auto r = run_trtdoctor({"inspect", "--format", "json", "-"}, PlanBuilder().version(10, 0, 1, 6).build());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["files"][0]["path"], "<stdin>");
    EXPECT_EQ(j["files"][0]["trt_version"], "10.0.1.6");
}

TEST(InspectCliTest, NoHashReadsAtMost64KiBOfALargeSparsePlan) {
    TempDir dir;
    const auto path = (dir.path() / "big.plan").string();
    PlanBuilder b;
    b.body_size(256ull << 20);  // 256 MiB hole: costs no disk
    ASSERT_TRUE(b.image().write_to(path));
    auto r = run_trtdoctor({"inspect", "--no-hash", "--format", "json", path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    const auto& f = j["files"][0];
    EXPECT_GT(f["size"].get<std::uint64_t>(), 256ull << 20);
    EXPECT_LE(f["bytes_read"].get<std::uint64_t>(), 65536u);
    EXPECT_TRUE(f["sha256"].is_null());
    EXPECT_TRUE(f["findings"].empty());
}

TEST(InspectCliTest, SarifListsFindingsWithTheirRules) {
    TempDir dir;
    const auto path = dir.write("l.engine", plan::git_lfs_pointer("sha256:abcd", 99));
    auto r = run_trtdoctor({"inspect", "--format", "sarif", path.string()});
    EXPECT_EQ(r.exit_code, 1);
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["runs"][0]["results"][0]["ruleId"], "TD1003");
}

TEST(InspectCliTest, RealFixturesAreNamedForWhatTheyAre) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const auto dir = shared / "fixtures" / "engines";
    auto r = run_trtdoctor({"inspect", "--no-hash", "--format", "json",
                            (dir / "sergeev917_jetson-nano-jetpack4.6-repro_model.engine").string(),
                            (dir / "smile2game_nvidia-game_sd_clip_fp16.TimingCache").string(),
                            (dir / "tuan1011nguyen_ModelDetectSBD_MDT_model.trt").string()});
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["files"].size(), 3u);
    EXPECT_EQ(j["files"][0]["kind"], "git_lfs_pointer");
    EXPECT_EQ(j["files"][0]["git_lfs"]["size"], 34709711);
    EXPECT_EQ(j["files"][1]["kind"], "timing_cache");
    EXPECT_EQ(j["files"][2]["trt_version"], "10.6.0.26");
    EXPECT_EQ(j["files"][2]["sections"].size(), 2u);
}

}  // namespace
}  // namespace trtdoctor
