// The real plans in ../shared/fixtures/engines, read in place (skipped when absent), against
// the versions and compute capabilities listed in ../shared/docs/engine-format.md section 4.
#include <gtest/gtest.h>

#include "plan/plan_file.h"
#include "support/testing.h"

namespace trtdoctor::plan {
namespace {

struct Expected {
    const char* file;
    FileKind kind;
    const char* version;     // "" when not a plan
    std::uint32_t serialization;
    const char* cc;          // "" when the record has none
    std::uint32_t sms;
    bool integrated;
};

constexpr Expected kTable[] = {
    {"NVIDIA_trt-samples-for-hackathon-cn_old-cookbook_engine-int8-3-2.trt", FileKind::plan, "7.0.0.11", 89, "6.1", 16, false},
    {"bleedingfight_cuda_model.plan", FileKind::plan, "7.1.3.4", 97, "7.5", 40, false},
    {"nilavghosh_deepstream-yolov4-jetson_model_b1_gpu0_fp16.engine", FileKind::plan, "7.1.3.0", 97, "5.3", 1, true},
    {"swc-17_PPO_HIL_model.trt", FileKind::plan, "7.1.3.0", 97, "7.2", 8, true},
    {"T-DevH_TRT-JetsonNX_mtcnn_det2.engine", FileKind::plan, "7.1.3.0", 97, "7.2", 6, true},
    {"guorbit_processing-pipeline_model.engine", FileKind::plan, "8.2.1.8", 205, "5.3", 1, true},
    {"lcxywfe_debug_attach_test.engine", FileKind::plan, "8.4.1.5", 213, "8.6", 80, false},
    {"aamatodev_jetson-car-detection_resnet10.caffemodel_b1_gpu0_int8.engine", FileKind::plan, "8.5.2.2", 232, "7.2", 6, true},
    {"smile2game_nvidia-game_model.plan", FileKind::plan, "8.6.1.6", 236, "8.9", 128, false},
    {"ybwerneck_inference_TensorRT_model.trt", FileKind::plan, "8.6.1.6", 236, "8.9", 46, false},
    {"mn12you_wtmh_GUI_model.engine", FileKind::plan, "8.6.1.6", 236, "8.6", 28, false},
    {"NVIDIA_trt-samples-for-hackathon-cn_BasicExample-V2-deprecated_model-Dim1.plan", FileKind::plan, "10.0.1.6", 237, "8.9", 142, false},
    {"onjackay_model-deploy-tutorial_mnist.engine", FileKind::plan, "10.0.1.6", 237, "7.5", 16, false},
    {"nttrung2406_COVID19_disease_detection_model.trt", FileKind::plan, "10.3.0.26", 239, "7.5", 40, false},
    {"aiaxmaior_orin_jps_scripts_resnet18_dashcamnet_pruned.onnx_b1_gpu0_fp16.engine", FileKind::plan, "10.3.0.30", 239, "8.7", 8, true},
    {"NVIDIA_TensorRT_pull-4316_sampleMNIST.engine", FileKind::plan, "10.5.0.18", 239, "8.6", 48, false},
    {"tuan1011nguyen_ModelDetectSBD_MDT_model.trt", FileKind::plan, "10.6.0.26", 239, "7.5", 16, false},
    {"sergeev917_jetson-nano-jetpack4.6-repro_model.engine", FileKind::git_lfs_pointer, "", 0, "", 0, false},
    {"huyndhub_demo_git_lfs_model.plan", FileKind::git_lfs_pointer, "", 0, "", 0, false},
    {"smile2game_nvidia-game_sd_clip_fp16.TimingCache", FileKind::timing_cache, "", 236, "", 0, false},
    {"NVIDIA_trt-samples-for-hackathon-cn_01-Layer_timeCache.txt", FileKind::timing_cache, "", 205, "", 0, false},
};

TEST(RealFixturesTest, EveryFixtureDecodesToTheDocumentedVersionAndGpu) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const auto dir = shared / "fixtures" / "engines";
    for (const auto& e : kTable) {
        SCOPED_TRACE(e.file);
        auto r = inspect_file((dir / e.file).string());
        ASSERT_TRUE(r) << r.error().to_string();
        EXPECT_EQ(r->kind, e.kind);
        if (e.serialization) {
            EXPECT_EQ(r->serialization_version, e.serialization);
        }
        if (*e.version) {
            ASSERT_TRUE(r->trt_version);
            EXPECT_EQ(r->trt_version->to_string(), e.version);
        }
        if (*e.cc) {
            ASSERT_TRUE(r->builder_gpu);
            EXPECT_EQ(r->builder_gpu->compute_capability(), e.cc);
            EXPECT_EQ(r->builder_gpu->sm_count, e.sms);
            EXPECT_EQ(r->builder_gpu->integrated, e.integrated);
        }
        if (e.kind == FileKind::plan) {
            EXPECT_TRUE(r->findings.empty()) << r->findings.front().summary;
        } else {
            ASSERT_EQ(r->findings.size(), 1u);
            EXPECT_EQ(r->findings[0].name, "ENGINE_NOT_A_PLAN");
        }
    }
}

TEST(RealFixturesTest, HashesMatchProvenance) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    auto r = inspect_file((shared / "fixtures/engines/ybwerneck_inference_TensorRT_model.trt").string());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->sha256, "2f890d729af54b7abf6dd93e501a9385c6da35dc1b3cdb9f8767cd61c082177c");
}

TEST(RealFixturesTest, NoHashReadsOnlyTheHeaderOfEveryFixture) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    auto r = inspect_file((shared / "fixtures/engines/aiaxmaior_orin_jps_scripts_resnet18_dashcamnet_pruned.onnx_b1_gpu0_fp16.engine").string(),
                          InspectOptions{.hash = false});
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->sha256);
    EXPECT_LE(r->bytes_read, 65536u);
    EXPECT_EQ(r->size, 3943836u);
}

}  // namespace
}  // namespace trtdoctor::plan
