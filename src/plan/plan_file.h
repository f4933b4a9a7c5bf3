// Reading TensorRT plan files (and what people mistake for them) from bytes on disk, without
// TensorRT or a GPU. Every length field is checked against the bytes present (ByteCursor);
// unknown regions are reported as unknown, never guessed. Layout: docs/plan-format.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/finding.h"

namespace trtdoctor::plan {

/// What a file is. JSON spelling: to_string().
enum class FileKind { plan, wrapped_plan, timing_cache, git_lfs_pointer, onnx, empty, text, unknown };
std::string_view to_string(FileKind kind);

/// Plan layout generation: G1 TensorRT 7.x `ptrt`+CRC, G2 8.0-8.5 `ptrt`, G3 8.6+ `ftrt` container.
enum class Generation { g1, g2, g3 };
std::string_view to_string(Generation g);

struct TrtVersion {
    int major = 0, minor = 0, patch = 0, build = 0;
    std::string to_string() const;  ///< "8.6.1.6"
    friend bool operator==(const TrtVersion&, const TrtVersion&) = default;
};

/// The record of the GPU the plan was built on (body fields after the version).
struct BuilderGpu {
    int cc_major = 0, cc_minor = 0;
    std::optional<std::uint32_t> sm_count;
    std::optional<std::uint64_t> memory_bytes;
    std::optional<std::uint64_t> l2_bytes;
    std::optional<std::uint32_t> gpu_clock_khz;
    std::optional<std::uint32_t> memory_clock_khz;
    std::optional<std::uint32_t> bus_width_bits;
    std::optional<bool> integrated;
    std::string family;  ///< best-effort, e.g. "Jetson Orin", "Ada (RTX 40xx / L4 / L40)"; may be empty
    std::string compute_capability() const;  ///< "8.9"
};

/// One entry of a G3 container's section table.
struct Section {
    std::string tag;  ///< as read from the file, e.g. "NGNE", "THGW"
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

struct InspectOptions {
    bool hash = true;  ///< stream the whole file for SHA-256/MD5; false reads only the header
};

struct InspectResult {
    std::string path;  ///< as given, "<stdin>" for "-"
    FileKind kind = FileKind::unknown;
    std::uint64_t size = 0;
    std::optional<std::string> sha256;
    std::optional<std::string> md5;

    // Plans, wrapped plans and timing caches.
    std::optional<Generation> generation;
    std::optional<TrtVersion> trt_version;
    std::optional<std::uint32_t> serialization_version;
    std::optional<std::uint32_t> safe_serialization_version;
    std::string serialization_range;  ///< versions this number implies, e.g. "8.6"
    std::vector<Section> sections;
    std::optional<BuilderGpu> builder_gpu;
    std::string compatibility_note;   ///< what can be said about hardware/version compatibility
    std::optional<std::uint64_t> plan_offset;  ///< where the plan starts (non-zero when wrapped)

    // Look-alikes.
    std::optional<std::string> lfs_oid;             ///< "sha256:..."
    std::optional<std::uint64_t> lfs_size;          ///< size of the real file it stands for
    std::optional<std::string> wrapper_metadata;    ///< Ultralytics JSON metadata, verbatim
    std::optional<std::uint64_t> onnx_ir_version;

    std::vector<Finding> findings;
    std::uint64_t bytes_read = 0;  ///< how many bytes of the file were read

    // Added by the reader for the text summary and JSON.
    std::string platform_tag;        ///< G3 container bytes 28..31 when printable ("rtrt", "utrt")
    std::optional<TrtVersion> body_version;  ///< version in the engine body when it differs
    std::vector<std::string> notes;  ///< what was checked or could not be, in plain words
};

/// Inspects a file (or "-" for stdin). A ToolError only when the input cannot be read at
/// all; anything readable, however broken, yields a result with findings.
Expected<InspectResult> inspect_file(const std::string& path, const InspectOptions& options = {});

/// Inspects bytes already in memory (tests, fuzzing, stdin). `name` labels the evidence.
InspectResult inspect_bytes(std::string_view bytes, std::string_view name);

}  // namespace trtdoctor::plan
