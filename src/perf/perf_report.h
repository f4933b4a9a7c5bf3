// Writing a run or a comparison: text tables (one screen), JSON (schema in docs/perf.md)
// and a self-contained HTML page with inline SVG charts. Returns strings; never prints.
#pragma once

#include <string>

#include "perf/analysis.h"
#include "perf/compare.h"
#include "report/json_writer.h"
#include "report/output.h"

namespace trtdoctor::perf {

/// Bytes in B/KiB/MiB/GiB with three significant digits.
std::string human_bytes_local(std::uint64_t bytes);

std::string run_text(const RunData& run, const RunAnalysis& analysis, const Style& style, std::size_t top_n);
std::string compare_text(const RunData& base, const RunData& now, const Comparison& cmp, const Style& style,
                         std::size_t top_n);

void run_json(JsonWriter& w, const RunData& run, const RunAnalysis& analysis, std::size_t top_n);
void compare_json(JsonWriter& w, const RunData& base, const RunData& now, const Comparison& cmp, std::size_t top_n);

/// A whole HTML page (no external resources; inline SVG; a script records JS errors into
/// the page so a headless browser test can read them).
std::string run_html(const RunData& run, const RunAnalysis& analysis, std::size_t top_n);
std::string compare_html(const RunData& base, const RunData& now, const RunAnalysis& base_analysis,
                         const RunAnalysis& now_analysis, const Comparison& cmp, std::size_t top_n);

}  // namespace trtdoctor::perf
