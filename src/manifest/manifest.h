// The engine manifest: a JSON sidecar (ENGINE.manifest.json) recording what built an engine.
// Schema (versioned) in docs/manifest.md. The document is kept as JSON so unknown fields
// written by newer minor revisions survive a read-modify-write (sign) unchanged.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/error.h"

namespace trtdoctor::manifest {

/// The `schema` value every manifest carries.
inline constexpr std::string_view k_schema_id = "trtdoctor.engine-manifest";
/// The schema version this build writes and the newest it reads.
inline constexpr int k_schema_version = 1;

/// ENGINE + ".manifest.json".
std::string default_manifest_path(const std::string& engine_path);

/// Parses and validates a manifest document: JSON object, `schema` id, `schema_version`
/// (newer than this build → unsupported), `engine` object with `size` and `sha256`.
/// `source` names it in errors.
Expected<nlohmann::json> parse_manifest(std::string_view text, std::string_view source);

/// Reads `path` (at most 16 MiB) and parses it.
Expected<nlohmann::json> read_manifest(const std::string& path);

/// Pretty-printed (2 spaces), keys sorted, trailing newline: the form written to disk.
std::string serialize_manifest(const nlohmann::json& manifest);

/// The bytes a signature covers: the manifest without its `signature` member, compact, keys
/// sorted, UTF-8 (nlohmann::json::dump() of that object).
std::string canonical_bytes(const nlohmann::json& manifest);

/// Writes `text` to `path` atomically (temporary file in the same folder, then rename).
Expected<bool> write_text_file(const std::string& path, std::string_view text);

/// Typed reads that tolerate absent or mistyped members (return empty/nullopt).
std::string get_string(const nlohmann::json& j, std::string_view pointer);
std::optional<std::int64_t> get_int(const nlohmann::json& j, std::string_view pointer);

}  // namespace trtdoctor::manifest

namespace trtdoctor::manifest {

/// SHA-256 and size of a file, streamed.
struct FileHash {
    std::string sha256;
    std::uint64_t size = 0;
};
Expected<FileHash> hash_file(const std::string& path);

/// Reads a whole file of at most `max_bytes` (ONNX models), chunk by chunk.
Expected<std::string> read_whole_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace trtdoctor::manifest
