// Synthetic TensorRT plans and look-alikes, for tests, examples and benchmarks. The bytes
// follow the layout in docs/plan-format.md (the same one the reader decodes), so a test can
// describe a plan in a line of code or a few lines of text and get a file of any generation,
// healthy or with one chosen defect, without a GPU, TensorRT or a copied binary.
//
//   std::string bytes = PlanBuilder().version(8, 6, 1, 6).cc(8, 9).sms(46).truncate(100).build();
//
// Text descriptions ("Key: value" records, see parse_descriptions) drive tools/make_examples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "plan/plan_file.h"

namespace trtdoctor::plan {

/// A plan's bytes in three parts so that huge bodies need no memory: `head`, then `zeros`
/// zero bytes (a hole when written to disk), then `tail`.
struct PlanImage {
    std::string head;
    std::uint64_t zeros = 0;
    std::string tail;

    std::uint64_t size() const { return head.size() + zeros + tail.size(); }
    /// The whole file in memory.
    std::string join() const;
    /// Writes the file, leaving the zero run as a sparse hole.
    Expected<bool> write_to(const std::string& path) const;
};

/// Builds one plan (or timing cache). Defaults: a healthy TensorRT 8.6.1.6 plan built on an
/// RTX 4070-like GPU (CC 8.9, 46 SMs, 12 GiB), generation and serialization number implied
/// by the version unless set explicitly.
class PlanBuilder {
public:
    PlanBuilder& version(int major, int minor, int patch, int build);
    PlanBuilder& generation(Generation g);            ///< override the generation implied by version
    PlanBuilder& serialization(std::uint32_t n);      ///< override the standard serialization number
    PlanBuilder& safe_serialization(std::uint32_t n); ///< non-zero: another TensorRT product
    PlanBuilder& cc(int major, int minor);
    PlanBuilder& sms(std::uint32_t n);
    PlanBuilder& memory(std::uint64_t bytes);
    PlanBuilder& l2(std::uint64_t bytes);
    PlanBuilder& integrated(bool on);
    PlanBuilder& body_size(std::uint64_t bytes);     ///< opaque bytes after the GPU record
    PlanBuilder& weights_section(std::uint64_t bytes);  ///< G3: a second `THGW` section
    PlanBuilder& short_blob_header(bool on);         ///< G3: the 20-byte `ptrt` header variant
    PlanBuilder& timing_cache(bool on);               ///< a timing cache instead of an engine

    // Defects, applied after the healthy file is laid out.
    PlanBuilder& truncate(std::uint64_t bytes_removed);  ///< cut this many bytes off the end
    PlanBuilder& append(std::uint64_t extra_bytes);      ///< junk after the end (overlong)
    PlanBuilder& bad_crc(bool on);                       ///< G1: store a wrong CRC-32
    PlanBuilder& no_end_marker(bool on);                 ///< drop the end marker, sizes kept consistent
    PlanBuilder& section_overrun(std::uint64_t bytes);   ///< G3: engine section claims this much more
    PlanBuilder& size_field(std::uint64_t value);        ///< G3: lie in the container's size field
    PlanBuilder& section_count(std::uint32_t value);     ///< G3: lie in the section count

    PlanImage image() const;
    std::string build() const { return image().join(); }

    TrtVersion version() const { return m_version; }

private:
    std::string engine_blob(std::uint64_t body_zeros, std::string& tail) const;

    TrtVersion m_version{8, 6, 1, 6};
    std::optional<Generation> m_generation;
    std::optional<std::uint32_t> m_serialization;
    std::uint32_t m_safe = 0;
    int m_cc_major = 8, m_cc_minor = 9;
    std::uint32_t m_sms = 46;
    std::uint64_t m_memory = 12589334528ull;
    std::uint64_t m_l2 = 37748736;
    bool m_integrated = false;
    std::uint64_t m_body = 256;
    std::uint64_t m_weights = 0;
    bool m_short_header = false;
    bool m_timing_cache = false;
    std::uint64_t m_truncate = 0, m_append = 0, m_overrun = 0;
    bool m_bad_crc = false, m_no_end_marker = false;
    std::optional<std::uint64_t> m_size_field;
    std::optional<std::uint32_t> m_section_count;
};

/// An Ultralytics export: i32 length, that many bytes of JSON metadata, then the plan.
std::string ultralytics_wrap(std::string_view metadata_json, std::string_view plan);

/// A git-lfs pointer file standing for an object of `size` bytes with `oid` ("sha256:...").
std::string git_lfs_pointer(std::string_view oid, std::uint64_t size);

/// The first bytes of an ONNX model (ModelProto: ir_version, producer, a graph stub).
std::string onnx_model_stub(int ir_version, std::string_view producer);

/// One example described in text: what to build and the file name to give it.
struct Description {
    std::string file;   ///< output file name (the `File` key)
    PlanImage image;    ///< the bytes
};

/// Parses "Key: value" records (core/record_format.h), one file per record. Keys:
/// File, Kind (plan | timing_cache | ultralytics | git_lfs_pointer | onnx | empty | text),
/// Version, Serialization, Safe-Serialization, Generation, CC, SMs, Memory, L2, Integrated,
/// Body, Weights, Blob-Header (20|24), Truncate, Append, Bad-CRC, No-End-Marker,
/// Section-Overrun, Metadata (ultralytics), Oid + Size (git_lfs_pointer), Producer (onnx),
/// Text (text). Unknown keys or values are invalid_format errors naming the line.
Expected<std::vector<Description>> parse_descriptions(std::string_view text,
                                                      std::string_view source);

}  // namespace trtdoctor::plan
