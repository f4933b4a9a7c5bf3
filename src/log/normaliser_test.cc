#include "log/normaliser.h"

#include <gtest/gtest.h>

namespace trtdoctor::log {
namespace {

struct Expect {
    Level level;
    Origin origin;
    std::string_view time;
    std::string_view message;
};

void check(std::string_view line, const Expect& e) {
    const LogLine l = normalise(line, 7);
    EXPECT_EQ(l.number, 7u);
    EXPECT_EQ(to_string(l.level), to_string(e.level)) << line;
    EXPECT_EQ(to_string(l.origin), to_string(e.origin)) << line;
    EXPECT_EQ(l.time, e.time) << line;
    EXPECT_EQ(l.message, e.message) << line;
    EXPECT_EQ(l.raw, line);
}

TEST(Normalise, TrtexecOwnLine) {
    check("[03/24/2023-12:56:13] [I] Selected Device: NVIDIA A100-PCIE-40GB",
          {Level::info, Origin::trtexec, "03/24/2023-12:56:13", "Selected Device: NVIDIA A100-PCIE-40GB"});
}

TEST(Normalise, TrtexecForwardedTensorRTLine) {
    check("[03/25/2023-07:13:17] [W] [TRT] onnx2trt_utils.cpp:374: Your ONNX model has been generated with INT64 weights",
          {Level::warning, Origin::tensorrt, "03/25/2023-07:13:17",
           "onnx2trt_utils.cpp:374: Your ONNX model has been generated with INT64 weights"});
}

TEST(Normalise, TrtexecSentinelsCarryOutcomeAndVersionTag) {
    check("&&&& FAILED TensorRT.trtexec [TensorRT v8203] # trtexec --onnx=model.onnx",
          {Level::error, Origin::trtexec, "", "FAILED TensorRT.trtexec [TensorRT v8203] # trtexec --onnx=model.onnx"});
    check("&&&& PASSED TensorRT.trtexec [TensorRT v101601] [b11] # trtexec",
          {Level::info, Origin::trtexec, "", "PASSED TensorRT.trtexec [TensorRT v101601] [b11] # trtexec"});
}

TEST(Normalise, DecodesVersionTagsOfEachNumberingScheme) {
    EXPECT_EQ(decode_version_tag("v8203"), "8.2.3");
    EXPECT_EQ(decode_version_tag("v8510"), "8.5.10");
    EXPECT_EQ(decode_version_tag("v101601"), "10.16.1");
    EXPECT_EQ(decode_version_tag("v100800"), "10.8.0");
    EXPECT_EQ(decode_version_tag("v12"), "");
    EXPECT_EQ(decode_version_tag("b11"), "");
}

TEST(Normalise, PythonLoggerTensorRT8Form) {
    check("[07/07/2026-06:13:09] [TRT] [E] ModelImporter.cpp:138: While parsing node number 1",
          {Level::error, Origin::python, "07/07/2026-06:13:09", "ModelImporter.cpp:138: While parsing node number 1"});
}

TEST(Normalise, PythonLoggerOldForm) {
    check("[TensorRT] ERROR: Network must have at least one output",
          {Level::error, Origin::python, "", "Network must have at least one output"});
}

TEST(Normalise, CppSampleLoggerWithoutTimestamp) {
    check("[TRT] INVALID_ARGUMENT: getPluginCreator could not find plugin ScatterND version 1",
          {Level::none, Origin::tensorrt, "", "INVALID_ARGUMENT: getPluginCreator could not find plugin ScatterND version 1"});
    check("[2023-12-25 12:50:09][Error][TRT] 1: [stdArchiveReader.cpp::StdArchiveReader::32] Error Code 1: Serialization",
          {Level::error, Origin::tensorrt, "2023-12-25 12:50:09",
           "1: [stdArchiveReader.cpp::StdArchiveReader::32] Error Code 1: Serialization"});
}

TEST(Normalise, NumericErrorCodeMessageWithNoPrefix) {
    check("6: The engine plan file is not compatible with this version of TensorRT",
          {Level::none, Origin::plain, "", "6: The engine plan file is not compatible with this version of TensorRT"});
    check("1: [stdArchiveReader.cpp::StdArchiveReader::32] Error Code 1: Serialization (Version tag does not match)",
          {Level::error, Origin::tensorrt, "",
           "1: [stdArchiveReader.cpp::StdArchiveReader::32] Error Code 1: Serialization (Version tag does not match)"});
}

TEST(Normalise, TritonGlogPrefixAndQuotedMessage) {
    check("E0118 07:53:59.509842 1067 backend_model.cc:635] ERROR: Failed to create instance",
          {Level::error, Origin::triton, "0118 07:53:59.509842", "ERROR: Failed to create instance"});
    check("I1021 00:03:40.182877 226 metrics.cc:184] \"found 2 CUDA visible devices.\"",
          {Level::info, Origin::triton, "1021 00:03:40.182877", "found 2 CUDA visible devices."});
}

TEST(Normalise, OnnxRuntimeWithNestedTensorRTLevel) {
    check("2020-07-14 11:29:28.409070242 [W:onnxruntime:Default, tensorrt_execution_provider.h:36 log] "
          "[2020-07-14 10:29:28   ERROR] Network validation failed.",
          {Level::error, Origin::onnxruntime, "2020-07-14 11:29:28.409070242", "Network validation failed."});
    check("onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL : bad",
          {Level::error, Origin::onnxruntime, "", "onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL : bad"});
}

TEST(Normalise, DeepStreamGStreamerAndTrtLines) {
    check("0:00:04.959025154 20780   0x7f4c0022d0 WARN                 nvinfer gstnvinfer.cpp:635:gst_nvinfer_logger:<primary_gie> NvDsInferContext[UID 1]: Warning",
          {Level::warning, Origin::deepstream, "0:00:04.959025154", "NvDsInferContext[UID 1]: Warning"});
    check("ERROR: [TRT]: 1: [stdArchiveReader.cpp::StdArchiveReader::40] Error Code 1: Serialization",
          {Level::error, Origin::deepstream, "", "1: [stdArchiveReader.cpp::StdArchiveReader::40] Error Code 1: Serialization"});
}

TEST(Normalise, TensorRTLLMBothForms) {
    check("[TensorRT-LLM][ERROR] Assertion failed: d == a + length",
          {Level::error, Origin::trtllm, "", "Assertion failed: d == a + length"});
    check("[11/28/2023-12:20:54] [TRT-LLM] [W] Invalid timing cache, using freshly created one",
          {Level::warning, Origin::trtllm, "11/28/2023-12:20:54", "Invalid timing cache, using freshly created one"});
}

TEST(Normalise, PolygraphyLevels) {
    check("[E] LINT | Name: x, Op: UnknownNode1 | No Op registered", {Level::error, Origin::polygraphy, "", "LINT | Name: x, Op: UnknownNode1 | No Op registered"});
    check("[!] Could not parse ONNX correctly", {Level::fatal, Origin::polygraphy, "", "Could not parse ONNX correctly"});
}

TEST(Normalise, TorchTensorRTBothForms) {
    check("ERROR: [Torch-TensorRT - Debug Build] - Unsupported operator: aten::max.dim",
          {Level::error, Origin::torch_tensorrt, "", "Unsupported operator: aten::max.dim"});
    check("WARNING:torch_tensorrt.dynamo.conversion:Unable to import quantization op",
          {Level::warning, Origin::torch_tensorrt, "", "Unable to import quantization op"});
}

TEST(Normalise, JetsonInferenceFourSpaceTag) {
    check("[TRT]    native precisions detected for GPU:  FP32, FP16, INT8",
          {Level::none, Origin::jetson_inference, "", "native precisions detected for GPU:  FP32, FP16, INT8"});
}

TEST(Normalise, PlainPastedLinesAndPythonExceptions) {
    check("Network must have at least one output",
          {Level::none, Origin::plain, "", "Network must have at least one output"});
    check("AttributeError: 'NoneType' object has no attribute 'create_execution_context'",
          {Level::error, Origin::plain, "", "AttributeError: 'NoneType' object has no attribute 'create_execution_context'"});
    check("WARNING: ONNX model has a newer ir_version (0.0.6)",
          {Level::warning, Origin::plain, "", "ONNX model has a newer ir_version (0.0.6)"});
}

TEST(Normalise, DockerComposePrefixIsSkipped) {
    check("face_1             | [05/02/2022-15:17:45] [TRT] [E] 6: The engine plan file is not compatible",
          {Level::error, Origin::python, "05/02/2022-15:17:45", "6: The engine plan file is not compatible"});
}

TEST(Normalise, IsoTimestampPrefix) {
    check("2026-06-17T04:35:53.083607Z Building TRT engine: models/det.onnx",
          {Level::none, Origin::plain, "2026-06-17T04:35:53.083607Z", "Building TRT engine: models/det.onnx"});
}

TEST(Normalise, EmptyAndOddLinesDoNotBreak) {
    check("", {Level::none, Origin::plain, "", ""});
    check("[", {Level::none, Origin::plain, "", "["});
    check("[99/99/9999-99:99:99]", {Level::none, Origin::plain, "99/99/9999-99:99:99", ""});
}

}  // namespace
}  // namespace trtdoctor::log
