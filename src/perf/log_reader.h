// Reading the performance parts of a trtexec log: the performance summary (TensorRT 7 form,
// 8.x with the 99th percentile, 8.5+ with 90/95/99, 10.x), the --dumpProfile table in its
// three column layouts, the memory lines ([MemUsageChange], engine size, activation,
// persistent and scratch memory) and fallback evidence. The run conditions come from the
// trtexec module's reading of the option dumps (see conditions.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "perf/perf_model.h"

namespace trtdoctor::perf {

/// Splits `text` into lines (without '\n' or a trailing '\r').
std::vector<std::string_view> split_lines(std::string_view text);

/// Reads the performance parts of lines [first, last) (0-based indices into `lines`) into
/// `run`; line numbers in the results are 1-based positions in the whole log.
void read_perf_lines(const std::vector<std::string_view>& lines, std::size_t first,
                     std::size_t last, LogRun& run);

/// Every run in a log text: one per "&&&& RUNNING" banner (or the whole text when there is
/// none), with conditions, summary, profile, memory and evidence. Never fails.
std::vector<LogRun> read_log_text(std::string_view text);

/// Reads a log file ("-" for stdin): ToolError when it cannot be read, is binary or is larger
/// than `max_bytes`.
Expected<std::vector<LogRun>> read_log_file(const std::string& path,
                                            std::uint64_t max_bytes = 1ULL << 30);

/// Parses a decimal number ("0.0179435", "1e-05", "-3"); nullopt for anything else.
std::optional<double> parse_number(std::string_view text);

}  // namespace trtdoctor::perf
