// Readers of trtexec's JSON exports: --exportProfile, --exportLayerInfo (names only and
// detailed) and --exportTimes. Broken or truncated JSON is a ToolError naming the input and
// the byte offset. Several arrays back to back (old Jetson exports, one per batch size) are
// read as separate segments, never merged. --exportTimes is read in bounded memory, window
// by window, however large the file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/input_file.h"
#include "perf/perf_model.h"

namespace trtdoctor::perf {

enum class FileKind { log, profile_json, layer_info_json, times_json, other_json };
std::string_view to_string(FileKind kind);

/// What a file holds, judged from its first bytes.
FileKind sniff_kind(std::string_view head);

/// --exportProfile: one Profile per top-level array (usually one).
Expected<std::vector<Profile>> parse_profile_json(std::string_view json, const std::string& name);

/// --exportLayerInfo: names only or detailed.
Expected<LayerInfoSet> parse_layer_info_json(std::string_view json, const std::string& name);

/// The figures of one --exportTimes array.
struct TimesSegment {
    Summary summary;            ///< computed: latency, compute, enqueue, H2D, D2H, walltime
    std::uint64_t records = 0;
    bool trt7_schema = false;   ///< inMs/outMs/endToEndMs keys
    bool exact_percentiles = true;
};

struct TimesResult {
    std::vector<TimesSegment> segments;  ///< one per top-level array
    std::uint64_t bytes = 0;
};

/// Reads up to `n` bytes into `buf`; 0 at end of input.
using ReadFn = std::function<Expected<std::size_t>(char* buf, std::size_t n)>;

/// Streams --exportTimes from `read` in windows of `window` bytes (memory stays about
/// 2 x window plus fixed statistics, whatever the input size).
Expected<TimesResult> read_times_stream(const ReadFn& read, const std::string& name,
                                        std::size_t window = 8u << 20);
/// Convenience for text already in memory.
Expected<TimesResult> parse_times_json(std::string_view json, const std::string& name,
                                       std::size_t window = 8u << 20);
/// Opens and streams a --exportTimes file ("-" for stdin).
Expected<TimesResult> read_times_file(const std::string& path, std::size_t window = 8u << 20);

/// Reads all of `in`, up to `max_bytes` + 1 bytes (one more tells "too large"), growing the
/// buffer as data arrives rather than allocating the limit up front.
Expected<std::string> read_bounded(InputFile& in, std::uint64_t max_bytes);

/// Reads a whole (small) JSON export into memory, refusing more than `max_bytes`.
Expected<std::string> read_small_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace trtdoctor::perf
