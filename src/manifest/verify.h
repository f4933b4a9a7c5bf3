// Verifying an engine against its manifest: hash, size and every decoded fact. Each
// mismatch is one finding naming the field and both values.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/finding.h"
#include "plan/plan_file.h"

namespace trtdoctor::manifest {

/// Findings for `engine` (inspected with hashing on) against `manifest` (already validated by
/// parse_manifest). Empty when everything matches. A manifest whose file name and hash both
/// differ from the engine's, and which is not the engine's own sidecar (ENGINE.manifest.json),
/// is reported once as describing another engine (TD6003).
std::vector<Finding> verify_engine(const nlohmann::json& manifest, const std::string& manifest_path,
                                   const plan::InspectResult& engine, const std::string& engine_path);

}  // namespace trtdoctor::manifest
