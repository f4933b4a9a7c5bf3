#include "manifest/select.h"

#include <gtest/gtest.h>

#include "manifest/create.h"
#include "manifest/manifest.h"
#include "plan/plan_builder.h"
#include "support/testing.h"

namespace trtdoctor::manifest {
namespace {

/// A variants folder built at test time: one engine per (TensorRT, GPU) pair, like a fleet's.
struct Variants {
    testing::TempDir dir;
    Variants() {
        dir.write("det_trt8.6_rtx4070_fp16.engine", plan::PlanBuilder().version(8, 6, 1, 6).cc(8, 9).build());
        dir.write("det_trt10.3_orin_fp16.engine", plan::PlanBuilder().version(10, 3, 0, 30).cc(8, 7).integrated(true).build());
        dir.write("det_trt10.3_a100_fp16.engine", plan::PlanBuilder().version(10, 3, 0, 26).cc(8, 0).build());
        dir.write("README.md", "variants\n");
        dir.write("det.onnx.partial", "junk");
    }
    std::string path(const std::string& name) const { return (dir.path() / name).string(); }
};

Target target(std::string_view trt, std::string_view cc) {
    Target t;
    EXPECT_TRUE(parse_trt_target(trt, t));
    EXPECT_TRUE(parse_cc_target(cc, t));
    return t;
}

std::vector<Candidate> judge_dir(const Variants& v, const Target& t) {
    auto paths = expand_candidates({v.dir.path().string()});
    EXPECT_TRUE(paths);
    return judge_all(*paths, t);
}

TEST(SelectTest, PicksTheVariantBuiltForTheTarget) {
    Variants v;
    const auto cs = judge_dir(v, target("10.3", "8.7"));
    ASSERT_EQ(cs.size(), 4u);  // README.md is skipped, the junk file is a (rejected) candidate
    auto best = best_candidate(cs);
    ASSERT_TRUE(best);
    EXPECT_EQ(cs[*best].path, v.path("det_trt10.3_orin_fp16.engine"));
    for (const auto& c : cs) {
        if (c.path == v.path("det_trt10.3_a100_fp16.engine")) {
            EXPECT_FALSE(c.valid);
            ASSERT_FALSE(c.reasons.empty());
            EXPECT_NE(c.reasons[0].find("compute capability 8.0"), std::string::npos);
        }
        if (c.path == v.path("det_trt8.6_rtx4070_fp16.engine")) {
            EXPECT_NE(c.reasons[0].find("TensorRT 8.6.1.6"), std::string::npos);
        }
        if (c.path == v.path("det.onnx.partial")) {
            EXPECT_NE(c.reasons[0].find("not a TensorRT plan"), std::string::npos);
        }
    }
}

TEST(SelectTest, NoVariantFitsAnotherRelease) {
    Variants v;
    const auto cs = judge_dir(v, target("10.5", "8.7"));
    EXPECT_FALSE(best_candidate(cs));
    for (const auto& c : cs) EXPECT_FALSE(c.reasons.empty()) << c.path;
}

TEST(SelectTest, HardwareCompatibleManifestWidensTheGpusAccepted) {
    Variants v;
    const std::string a100 = v.path("det_trt10.3_a100_fp16.engine");
    auto r = plan::inspect_file(a100);
    ASSERT_TRUE(r);
    CreateInputs in;
    in.engine = &*r;
    in.engine_path = a100;
    nlohmann::json m = create_manifest(in)->manifest;
    m["build"] = {{"hardware_compatibility", "Ampere+"}, {"version_compatible", false}};
    v.dir.write("det_trt10.3_a100_fp16.engine.manifest.json", serialize_manifest(m));
    // Remove the exact Orin match so the hardware-compatible plan is the only candidate left.
    std::filesystem::remove(v.path("det_trt10.3_orin_fp16.engine"));
    const auto cs = judge_dir(v, target("10.3", "8.7"));
    auto best = best_candidate(cs);
    ASSERT_TRUE(best);
    EXPECT_EQ(cs[*best].path, a100);
    EXPECT_NE(cs[*best].reasons.at(0).find("hardware-compatible"), std::string::npos);
    // Turing (7.5) is below Ampere: still refused.
    EXPECT_FALSE(best_candidate(judge_dir(v, target("10.3", "7.5"))));
}

TEST(SelectTest, VariantWhoseManifestDoesNotMatchIsRefused) {
    Variants v;
    const std::string orin = v.path("det_trt10.3_orin_fp16.engine");
    auto r = plan::inspect_file(orin);
    CreateInputs in;
    in.engine = &*r;
    in.engine_path = orin;
    nlohmann::json m = create_manifest(in)->manifest;
    m["engine"]["sha256"] = std::string(64, '0');
    v.dir.write("det_trt10.3_orin_fp16.engine.manifest.json", serialize_manifest(m));
    const auto cs = judge_dir(v, target("10.3", "8.7"));
    EXPECT_FALSE(best_candidate(cs));
}

TEST(SelectTest, TargetParsing) {
    Target t;
    EXPECT_TRUE(parse_cc_target("sm_87", t));
    EXPECT_EQ(*t.cc_major, 8);
    EXPECT_TRUE(parse_cc_target("120", t));
    EXPECT_EQ(*t.cc_major, 12);
    EXPECT_FALSE(parse_cc_target("eight", t));
    EXPECT_FALSE(parse_trt_target("10", t));
    EXPECT_TRUE(parse_trt_target("8.6.1", t));
    EXPECT_EQ(*t.trt_patch, 1);
}

TEST(SelectTest, MissingArgumentIsAToolError) {
    auto r = expand_candidates({"/nonexistent/variants"});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace trtdoctor::manifest
