// Per-line normalisation: recognises the prefix formats of trtexec, TensorRT's loggers (C++
// sample logger, Python logger old and new, numeric "Error Code" messages), Triton (glog),
// ONNX Runtime (TensorRT messages nested inside), DeepStream/GStreamer, TensorRT-LLM,
// Polygraphy, Torch-TensorRT, jetson-inference and plain pasted text, line by line, so mixed
// formats in one log work. Only lines with a rule hit are normalised, so clarity beats speed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "log/log_line.h"

namespace trtdoctor::log {

/// Splits `line` (already cleaned: no '\n', no CR, no ANSI escapes, no "> ") into level,
/// origin, time and message. The views in the result point into `line`.
LogLine normalise(std::string_view line, std::uint64_t number);

/// Decodes a TensorRT version tag as printed in trtexec banners: "v8203" -> "8.2.3",
/// "v8510" -> "8.5.10", "v101601" -> "10.16.1", "v100800" -> "10.8.0". Empty when it is
/// not a version tag.
std::string decode_version_tag(std::string_view tag);

}  // namespace trtdoctor::log
