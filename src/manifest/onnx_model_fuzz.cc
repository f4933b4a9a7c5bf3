// libFuzzer target: the ONNX protobuf reader must reject or accept any bytes without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "manifest/onnx_model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto m = trtdoctor::manifest::parse_onnx(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (m) {
        for (const auto& t : m->inputs) (void)trtdoctor::manifest::onnx_shape_string(t);
        (void)m->default_opset();
    }
    return 0;
}
