// The `logs` configuration file for CI gates, in the catalogue's record format:
//
//   # .trtdoctor-logs
//   FailOn: warning
//   Ignore: TD4012
//   Ignore: INT64_WEIGHTS_CAST
//   MaxLineLength: 65536
//
// Unknown keys are errors (a typo must not silently disable a gate).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace trtdoctor::log {

struct LogConfig {
    std::optional<std::string> fail_on;  ///< error, warning, info or never
    std::vector<std::string> ignore;     ///< codes or names
    std::optional<std::size_t> max_line_length;
};

/// Parses config text; `source` names it in errors.
Expected<LogConfig> parse_log_config(std::string_view text, const std::string& source);

/// Reads and parses the file at `path`.
Expected<LogConfig> load_log_config(const std::string& path);

}  // namespace trtdoctor::log
