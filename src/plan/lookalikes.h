// Recognisers for files mistaken for plans, each a pure function of the first bytes:
// git-lfs pointers, ONNX models, Ultralytics wrappers and text (HTML pages, scripts).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trtdoctor::plan {

struct LfsPointer {
    std::string oid;                   ///< "sha256:..." (empty if the line is missing)
    std::optional<std::uint64_t> size; ///< size of the object it stands for
};
/// A git-lfs pointer ("version https://git-lfs.github.com/spec/v1" first line).
std::optional<LfsPointer> parse_lfs_pointer(std::string_view head);

struct OnnxHeader {
    std::uint64_t ir_version = 0;
    std::string producer;  ///< producer_name when it comes next, else empty
};
/// An ONNX ModelProto: field 1 (ir_version, a small varint) then another ModelProto field.
std::optional<OnnxHeader> parse_onnx_header(std::string_view head);

/// Ultralytics prefix: the i32 metadata length if `head` starts with a plausible one followed
/// by '{' (the caller checks the plan magic after it).
std::optional<std::uint32_t> ultralytics_metadata_length(std::string_view head, std::uint64_t file_size);

struct TextInfo {
    bool html = false;
    std::string first_line;  ///< printable, at most 80 characters
};
/// Text: no NUL byte and almost no control characters in `head`.
std::optional<TextInfo> classify_text(std::string_view head);

}  // namespace trtdoctor::plan
