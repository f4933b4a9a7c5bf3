#include "manifest/naming.h"

#include <gtest/gtest.h>

#include "plan/plan_builder.h"
#include "support/testing.h"

namespace trtdoctor::manifest {
namespace {

using nlohmann::json;

TEST(GpuShortNameTest, KnownFamiliesBecomeShortWords) {
    EXPECT_EQ(gpu_short_name("NVIDIA A100-PCIE-40GB", "8.0"), "a100");
    EXPECT_EQ(gpu_short_name("NVIDIA A100-SXM4-80GB", ""), "a100");
    EXPECT_EQ(gpu_short_name("Tesla T4", "7.5"), "t4");
    EXPECT_EQ(gpu_short_name("Orin", "8.7"), "orin");
    EXPECT_EQ(gpu_short_name("NVIDIA Jetson AGX Orin", "8.7"), "orin");
    EXPECT_EQ(gpu_short_name("NVIDIA H100 PCIe", "9.0"), "h100");
    EXPECT_EQ(gpu_short_name("NVIDIA GeForce RTX 3090", "8.6"), "rtx3090");
    EXPECT_EQ(gpu_short_name("NVIDIA GeForce GTX 1070", "6.1"), "gtx1070");
    EXPECT_EQ(gpu_short_name("NVIDIA RTX 6000 Ada Generation", "8.9"), "rtx6000ada");
    EXPECT_EQ(gpu_short_name("NVIDIA L40S", "8.9"), "l40s");
}

TEST(GpuShortNameTest, FallsBackToTheComputeCapability) {
    EXPECT_EQ(gpu_short_name("", "8.9"), "sm89");
    EXPECT_EQ(gpu_short_name("NVIDIA", "12.0"), "sm120");
    EXPECT_EQ(gpu_short_name("", ""), "");
}

TEST(PrecisionWordTest, LowestEnabledPrecisionWins) {
    EXPECT_EQ(precision_word(json{{"precision_flags", {"fp32", "fp16"}}}), "fp16");
    EXPECT_EQ(precision_word(json{{"precision_flags", {"fp32", "fp16", "int8"}}}), "int8");
    EXPECT_EQ(precision_word(json{{"precision_flags", {"fp32"}}}), "fp32");
    EXPECT_EQ(precision_word(json{{"precision_flags", {"fp32"}}, {"command_line", "trtexec --best"}}), "best");
    EXPECT_EQ(precision_word(json::object()), "");
}

struct Engine {
    testing::TempDir dir;
    std::string path;
    plan::InspectResult r;
    Engine(const std::string& name, const plan::PlanBuilder& b) {
        path = dir.write(name, b.build()).string();
        r = *plan::inspect_file(path);
    }
};

TEST(CanonicalNameTest, FromManifestWithBuildLogAndModel) {
    Engine e("whatever.engine", plan::PlanBuilder().version(8, 6, 1, 6).cc(8, 0));
    const json m = {{"model", {{"file", "resnet50.onnx"}}},
                    {"build", {{"device", {{"name", "NVIDIA A100-SXM4-80GB"}}}, {"precision_flags", {"fp32", "fp16"}}}}};
    auto n = canonical_name(e.r, e.path, &m, {});
    ASSERT_TRUE(n) << n.error().to_string();
    EXPECT_EQ(n->file_name(), "resnet50_trt8.6_a100_fp16.engine");
}

TEST(CanonicalNameTest, HeaderOnlyUsesComputeCapabilityAndTheFileNamesPrecision) {
    Engine e("yolo_int8.plan", plan::PlanBuilder().version(10, 3, 0, 26).cc(8, 9));
    auto n = canonical_name(e.r, e.path, nullptr, {});
    ASSERT_TRUE(n) << n.error().to_string();
    EXPECT_EQ(n->file_name(), "yolo-int8_trt10.3_sm89_int8.engine");  // "_" separates the parts
    // Naming an already canonical file gives the same name (the model part is cut at _trt).
    Engine again(n->file_name(), plan::PlanBuilder().version(10, 3, 0, 26).cc(8, 9));
    EXPECT_EQ(canonical_name(again.r, again.path, nullptr, {})->file_name(), n->file_name());
}

TEST(CanonicalNameTest, UnknownPrecisionIsAnErrorNamingWhatIsMissing) {
    Engine e("model.engine", plan::PlanBuilder());
    auto n = canonical_name(e.r, e.path, nullptr, {});
    ASSERT_FALSE(n);
    EXPECT_NE(n.error().message.find("precision"), std::string::npos);
    auto with = canonical_name(e.r, e.path, nullptr, {"", "fp16", ""});
    ASSERT_TRUE(with);
    EXPECT_EQ(with->file_name(), "model_trt8.6_sm89_fp16.engine");
}

}  // namespace
}  // namespace trtdoctor::manifest
