// Findings and tool errors as text (compiler style), JSON objects and SARIF 2.1.0.
// Commands compose their own documents from these pieces, so a finding looks the same
// whichever command reported it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/finding.h"
#include "report/json_writer.h"
#include "report/output.h"

namespace trtdoctor {

/// "where: severity: summary [CODE NAME]" then evidence, fix and the explain hint.
std::string format_finding_text(const Finding& f, const Style& style, bool show_explanation = false);

/// "trtdoctor: error: input: message" for a tool error.
std::string format_tool_error_text(const ToolError& e, const Style& style);

/// Writes one finding as a JSON object (schema in docs/json-output.md).
void write_finding_json(JsonWriter& w, const Finding& f);

/// Writes one tool error as a JSON object {code, input, message, offset, line}.
void write_tool_error_json(JsonWriter& w, const ToolError& e);

/// A whole SARIF 2.1.0 log for one run of `command`: results point at the evidence; rules
/// carry the catalogue's title, page and helpUri; tool errors become notifications.
std::string sarif_document(std::string_view command, std::span<const Finding> findings,
                           std::span<const ToolError> errors);

/// Writes `text` to stdout; false on a write error (EPIPE is ignored: `| head` is fine).
bool write_stdout(std::string_view text);

}  // namespace trtdoctor
