#include "manifest/onnx_model.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "manifest/onnx_writer.h"
#include "support/testing.h"

namespace trtdoctor::manifest {
namespace {

onnx_writer::Model detector() {
    onnx_writer::Model m;
    m.inputs = {{"images", {{0, "batch"}, {3, ""}, {640, ""}, {640, ""}}}, {"conv.weight", {{16, ""}}}};
    m.outputs = {{"boxes", {{0, "batch"}, {100, ""}, {4, ""}}}};
    m.initializers = {"conv.weight"};
    m.opsets = {{"", 17}, {"trt.plugins", 1}};
    m.nodes = {{"", "Conv"}, {"trt.plugins", "EfficientNMS_TRT"}, {"", "Relu"}};
    return m;
}

TEST(OnnxModelTest, ReadsVersionsInputsOutputsAndCustomOps) {
    auto m = parse_onnx(detector().bytes(), "det.onnx");
    ASSERT_TRUE(m) << m.error().to_string();
    EXPECT_EQ(m->ir_version, 8);
    EXPECT_EQ(m->default_opset(), 17);
    EXPECT_EQ(m->producer_name, "pytorch");
    ASSERT_EQ(m->inputs.size(), 1u);  // the initializer listed as an input is not a model input
    EXPECT_EQ(m->inputs[0].name, "images");
    EXPECT_EQ(onnx_shape_string(m->inputs[0]), "batchx3x640x640");
    EXPECT_EQ(onnx_type_name(m->inputs[0].elem_type), "float");
    ASSERT_EQ(m->outputs.size(), 1u);
    EXPECT_EQ(onnx_shape_string(m->outputs[0]), "batchx100x4");
    EXPECT_EQ(m->initializer_count, 1u);
    EXPECT_EQ(m->node_count, 3u);
    ASSERT_EQ(m->custom_ops.size(), 1u);
    EXPECT_EQ(m->custom_ops[0].op_type, "EfficientNMS_TRT");
}

TEST(OnnxModelTest, ModelWithOnlyStandardOpsHasNoCustomOps) {
    auto model = detector();
    model.nodes = {{"", "Conv"}, {"ai.onnx", "Relu"}};
    auto m = parse_onnx(model.bytes(), "x.onnx");
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->custom_ops.empty());
}

TEST(OnnxModelTest, TruncatedModelIsAnErrorWithOffset) {
    const std::string bytes = detector().bytes();
    auto m = parse_onnx(std::string_view(bytes).substr(0, bytes.size() - 7), "cut.onnx");
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, ErrorCode::invalid_format);
    EXPECT_EQ(m.error().input, "cut.onnx");
    EXPECT_TRUE(m.error().offset.has_value());
}

TEST(OnnxModelTest, TextAndEmptyInputAreNotModels) {
    EXPECT_FALSE(parse_onnx("", "empty.onnx"));
    EXPECT_FALSE(parse_onnx("{\"not\": \"onnx\"}\n", "x.onnx"));
    // A valid message with no graph is not a model either.
    EXPECT_FALSE(parse_onnx(onnx_writer::int_field(1, 8), "nograph.onnx"));
}

TEST(OnnxModelRealTest, ReadsRealModelsFromTheSharedFixtures) {
    TRTDOCTOR_REQUIRE_SHARED(shared);
    const auto path = shared / "fixtures" / "onnx" / "onnx_light_resnet50.onnx";
    const std::string bytes = testing::read_file(path);
    auto m = parse_onnx(bytes, path.string());
    ASSERT_TRUE(m) << m.error().to_string();
    EXPECT_GT(m->ir_version, 0);
    EXPECT_GT(m->default_opset(), 0);
    ASSERT_FALSE(m->inputs.empty());
    EXPECT_FALSE(m->outputs.empty());
    EXPECT_GT(m->node_count, 10u);
    // Every model in the folder either parses or is refused with a message; none crashes.
    std::size_t parsed = 0;
    for (const auto& e : std::filesystem::directory_iterator(shared / "fixtures" / "onnx")) {
        if (e.path().extension() != ".onnx") continue;
        if (parse_onnx(testing::read_file(e.path()), e.path().string())) ++parsed;
    }
    EXPECT_GT(parsed, 100u);
}

}  // namespace
}  // namespace trtdoctor::manifest
