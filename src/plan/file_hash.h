// Streaming SHA-256 and MD5 of a whole file, in large blocks, with MD5 on a second thread so
// the wall time is the slower of the two rather than their sum. Optionally the CRC-32 of one
// byte range (TensorRT 7 plans) in the same pass.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/input_file.h"

namespace trtdoctor::plan {

struct CrcRange {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

struct FileHashes {
    std::string sha256;
    std::string md5;
    std::optional<std::uint32_t> crc;  ///< when a CrcRange was given and lay inside the file
};

/// Hashes bytes [0, size) of a seekable file. The SHA-256 thread reads through `file` (so its
/// bytes_read counts them once); the MD5 thread reads the same blocks on its own descriptor
/// position-independently (pread) and is not counted again.
Expected<FileHashes> hash_file(InputFile& file, std::uint64_t size, std::optional<CrcRange> crc);

/// The same for bytes already in memory.
FileHashes hash_bytes(std::string_view bytes, std::optional<CrcRange> crc);

}  // namespace trtdoctor::plan
