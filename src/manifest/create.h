// Building a manifest from what trtdoctor can read: the engine's bytes (through the plan
// reader), optionally the trtexec build log and the ONNX model it was built from.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/error.h"
#include "core/finding.h"
#include "manifest/onnx_model.h"
#include "plan/plan_file.h"
#include "trtexec/trtexec_log.h"

namespace trtdoctor::manifest {

struct CreateInputs {
    const plan::InspectResult* engine = nullptr;  ///< required, inspected with hashing on
    std::string engine_path;
    const trtexec::Run* build_run = nullptr;      ///< the build run of the log, if given
    std::string log_path;
    std::string log_sha256;
    const OnnxModel* model = nullptr;             ///< the ONNX model, if given
    std::string model_path;
    std::string model_sha256;
    std::uint64_t model_size = 0;
    std::string created_at;                       ///< ISO 8601 UTC; now when empty
};

struct CreateResult {
    nlohmann::json manifest;
    /// Warnings found while creating: the build log does not describe this engine, or the
    /// build did not end in PASSED.
    std::vector<Finding> findings;
};

/// The manifest for `in`. ToolError when the engine is not a TensorRT plan.
Expected<CreateResult> create_manifest(const CreateInputs& in);

/// The `engine` member for an inspected plan: file name, size, hashes, decoded facts.
nlohmann::json engine_record(const plan::InspectResult& engine, const std::string& path);

/// The `build` member from a trtexec run.
nlohmann::json build_record(const trtexec::Run& run);

/// The `model` member from a parsed ONNX model.
nlohmann::json model_record(const OnnxModel& model);

/// The run of `log` that built an engine (the last build run; else the last run), or null.
const trtexec::Run* pick_build_run(const trtexec::Log& log);

/// Current time as "2025-01-02T10:00:00Z".
std::string utc_now();

}  // namespace trtdoctor::manifest
