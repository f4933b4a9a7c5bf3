// One log line, normalised from whichever tool printed it (trtexec, TensorRT's loggers,
// Triton, ONNX Runtime, DeepStream, TensorRT-LLM, Polygraphy, Torch-TensorRT, ...).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trtdoctor::log {

/// Severity as the line states it; `none` when the line carries no level.
enum class Level { none, verbose, info, warning, error, fatal };
std::string_view to_string(Level level);

/// Which tool or wrapper format the line was recognised as.
enum class Origin {
    plain,           ///< no recognised prefix (pasted text)
    trtexec,         ///< "[date] [I] ..." lines and "&&&&" sentinels
    tensorrt,        ///< TensorRT's own logger ("[TRT]" forwarded, sample logger, numeric Error Code)
    python,          ///< TensorRT Python logger ("[TRT] [E]", "[TensorRT] ERROR:")
    triton,          ///< glog-prefixed Triton lines
    onnxruntime,     ///< ONNX Runtime (TensorRT EP messages nested inside)
    deepstream,      ///< GStreamer / nvinfer lines
    trtllm,          ///< TensorRT-LLM "[TensorRT-LLM][ERROR]"
    polygraphy,      ///< "[I] [W] [E] [!]"
    torch_tensorrt,  ///< Torch-TensorRT
    jetson_inference,///< "[TRT]    " jetson-inference
};
std::string_view to_string(Origin origin);

struct LogLine {
    std::uint64_t number = 0;   ///< 1-based line number in the input
    Level level = Level::none;
    Origin origin = Origin::plain;
    std::string_view time;      ///< timestamp text as printed, empty if none
    std::string_view message;   ///< the text after all recognised prefixes
    std::string_view raw;       ///< the whole line after reading clean-up (CR, ANSI, "> ")
    bool truncated = false;     ///< the line was longer than the limit and was cut
};

}  // namespace trtdoctor::log
