// A log file from end to end: read blocks of lines, clean them, match them, and hand what
// fired to a sink (the diagnoser in production, a recorder in tests).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "log/diagnoser.h"
#include "log/line_reader.h"
#include "log/matcher.h"

namespace trtdoctor::log {

struct ScanOptions {
    ReaderOptions reader;
    /// Codes or names of rules whose hits are dropped before reasoning (--ignore).
    std::vector<std::string> ignore;
    /// Called after each block with bytes consumed and the input size when known.
    std::function<void(std::uint64_t done, std::optional<std::uint64_t> total)> progress;
};

struct ScanStats {
    std::uint64_t lines = 0;
    std::uint64_t truncated_lines = 0;
    std::uint64_t bytes = 0;  ///< bytes consumed from the input (compressed for gzip)
    std::optional<std::uint64_t> input_size;
    bool compressed = false;
};

/// True when `hit` belongs to a rule named in `ignore` (by code, case-insensitive, or name).
bool is_ignored(const Diagnosis& rule, const std::vector<std::string>& ignore);

/// Streams `path` ("-" is stdin) through `matcher` into `sink`. Memory is bounded by the
/// reader's buffer whatever the input size.
Expected<ScanStats> scan_log(const std::string& path, const Matcher& matcher, HitSink& sink,
                             const ScanOptions& options = {});

/// scan_log feeding a Diagnoser; the report of the whole run.
Expected<LogReport> diagnose_log(const std::string& path, const Matcher& matcher,
                                 const ScanOptions& options = {});

}  // namespace trtdoctor::log
