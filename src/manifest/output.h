// Rendering a manifest command's outcome (findings, tool errors, a JSON payload) in the
// format asked for; the CLI writes the string. Shared by manifest, name and select.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "report/output.h"

namespace trtdoctor::manifest {

struct Outcome {
    std::vector<Finding> findings;
    std::vector<ToolError> errors;
    std::string text;        ///< text-format body printed before the findings
    nlohmann::json payload = nlohmann::json::object();  ///< JSON members besides findings/errors
};

/// text: body, then findings compiler-style (errors go to `err_text`); json: payload plus
/// "findings" and "errors"; sarif: the SARIF log of the findings and errors.
std::string render(std::string_view command, OutputFormat format, const Style& style,
                   const Outcome& outcome, std::string& err_text);

}  // namespace trtdoctor::manifest
