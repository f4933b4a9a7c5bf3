// What `check` learns from a manifest: the hash verified, requested shapes against the
// recorded profiles, plugin libraries against the ones the deployment loads, and the builder
// GPU's name (which the plan header does not carry).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "plan/plan_file.h"

namespace trtdoctor::manifest {

/// A manifest found for an engine.
struct FoundManifest {
    std::string path;
    nlohmann::json document;
};

/// `explicit_path` when given (a read error is a ToolError), else ENGINE.manifest.json beside
/// the engine when it exists (nullopt when it does not; a broken one is a ToolError).
Expected<std::optional<FoundManifest>> find_manifest_for(const std::string& engine_path,
                                                         const std::string& explicit_path = "");

/// One requested input shape ("images:1x3x640x640").
struct RequestedShape {
    std::string input;
    std::vector<std::int64_t> dims;
};

/// Parses trtexec-style "name:1x3x224x224,other:1x10"; the name is everything before the last
/// ':' so "x:0:1x28x28" works. nullopt on a malformed item.
std::optional<std::vector<RequestedShape>> parse_shape_list(std::string_view text);

/// Findings for check: TD6001-TD6003 from verify_engine, TD6007 for shapes outside every
/// recorded profile, TD6008 for recorded plugin libraries missing from `plugins` (compared by
/// file name; only when `plugins_given`), and one info TD6010 naming the builder GPU.
std::vector<Finding> manifest_findings(const FoundManifest& manifest, const plan::InspectResult& engine,
                                       const std::string& engine_path,
                                       const std::vector<RequestedShape>& shapes,
                                       const std::vector<std::string>& plugins, bool plugins_given);

}  // namespace trtdoctor::manifest
