// The engine blob (`ptrt` header + tagged body) as pure functions over bytes: which header
// layout it uses, what its size field claims, and the version and GPU record at the start of
// the body. Layout and evidence: docs/plan-format.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "plan/plan_file.h"

namespace trtdoctor::plan {

/// The `ptrt` header variants seen in real files.
enum class BlobHeader {
    g1,        ///< TensorRT 7.x: tag, second number, u64 length, CRC-32, body at 24 (flag byte 0x00)
    std24,     ///< 8.x+: safe number, standard number, 0, u64 length, body at 24
    short20,   ///< 10.6 variant: standard number, u64 length, 0, body at 20
};

struct BlobInfo {
    BlobHeader header = BlobHeader::std24;
    std::uint32_t header_size = 24;
    std::uint32_t serialization = 0;       ///< G1: the version tag at @4
    std::uint32_t safe_serialization = 0;  ///< std24 only
    std::uint32_t g1_second = 0;           ///< G1: the number at @8 (meaning unknown)
    std::uint64_t length_field = 0;        ///< bytes after the header, as the header claims
    std::uint32_t crc = 0;                 ///< G1 only
    /// header_size + length_field, nullopt on overflow.
    std::optional<std::uint64_t> claimed_size() const;
};

/// Recognises the header at the start of `bytes` (which begin with "ptrt"); nullopt when too
/// few bytes are present or no known layout fits.
std::optional<BlobInfo> parse_blob_header(std::string_view bytes);

struct BodyInfo {
    bool timing_cache = false;  ///< first tag is 0x18 (timing caches share the header)
    std::optional<TrtVersion> version;
    std::optional<BuilderGpu> gpu;  ///< family left empty
};

/// Walks the tagged fields at the start of a body (`flag` is 0x00 for G1, 0x80 otherwise);
/// stops at the first tag it does not know or at the end of `body`.
BodyInfo walk_body(std::string_view body, unsigned char flag);

}  // namespace trtdoctor::plan
