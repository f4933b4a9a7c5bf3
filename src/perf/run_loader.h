// Gathering one run from its files: a trtexec log and/or its JSON exports, recognised by
// content. Each file may hold several runs (a log with several banners, an old Jetson
// export with several arrays): the run to use is chosen explicitly (the last by default)
// and the choice is recorded as a note, never merged silently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "perf/json_readers.h"
#include "perf/perf_model.h"

namespace trtdoctor::perf {

/// One run gathered from its files.
struct RunData {
    std::string label;                    ///< the files, joined by ","
    std::vector<std::string> files;
    std::string log_path, profile_path, times_path, layer_info_path;
    std::optional<LogRun> log;            ///< the chosen run of the log
    std::optional<Summary> summary;       ///< the log's summary, else the exportTimes one
    std::optional<Summary> times_summary; ///< computed from --exportTimes
    std::uint64_t times_records = 0;
    std::optional<Profile> profile;       ///< --exportProfile, else the log's --dumpProfile
    std::optional<LayerInfoSet> layer_info;
    RunConditions conditions;
    MemoryFacts memory;
    std::vector<std::string> notes;       ///< choices made while reading (which segment, ...)
};

struct LoadOptions {
    /// 1-based run/segment to use when a file holds several; 0 = the last one.
    std::size_t segment = 0;
    std::size_t times_window = 8u << 20;
};

/// Reads every file of one run. A file that cannot be read or parsed is a ToolError naming it.
Expected<RunData> load_run(const std::vector<std::string>& files, const LoadOptions& options = {});

}  // namespace trtdoctor::perf
