// The `logs` report as text, JSON and SARIF. Returns strings; the CLI prints them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "log/diagnoser.h"
#include "report/output.h"

namespace trtdoctor::log {

/// Root cause first (summary, evidence lines, fix, explain hint), then the other findings,
/// then one line about the run. `input` labels the log.
std::string format_log_report_text(const LogReport& report, std::string_view input, const Style& style,
                                   bool show_explanation = false);

/// One JSON document: input, run, root_cause (null when none), findings, counts (schema in
/// docs/logs.md). `errors` lists inputs that could not be read (then report is empty).
std::string log_report_json(const LogReport& report, std::string_view input,
                            const std::vector<ToolError>& errors);

/// SARIF 2.1.0: results point at the log lines (root cause first).
std::string log_report_sarif(const LogReport& report, const std::vector<ToolError>& errors);

/// Every finding of the report, root cause first (for exit codes and SARIF).
std::vector<Finding> all_findings(const LogReport& report);

/// Drops findings whose code or name is in `ignore`; the root cause too (then null).
void drop_ignored(LogReport& report, const std::vector<std::string>& ignore);

}  // namespace trtdoctor::log
