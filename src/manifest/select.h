// Choosing among engine variants (files in a folder, each with or without a manifest) the one
// valid for a target: this machine, or a stated TensorRT version and compute capability.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "plan/plan_file.h"

namespace trtdoctor::manifest {

/// What an engine must suit. Absent parts are not checked (and the verdict says so).
struct Target {
    std::optional<int> trt_major, trt_minor, trt_patch;  ///< the runtime TensorRT
    std::optional<int> cc_major, cc_minor;               ///< the GPU
    std::string gpu_name;                                ///< for messages only
    std::string source;  ///< "this machine" or "--trt 10.3 --cc 8.7"
};

/// Parses "10.3" / "10.3.0" into the TensorRT fields, "8.7" / "87" / "sm_87" into the CC fields.
bool parse_trt_target(std::string_view text, Target& t);
bool parse_cc_target(std::string_view text, Target& t);

struct Candidate {
    std::string path;
    std::string kind;                 ///< plan::to_string of the file kind
    std::string trt_version;          ///< "10.3.0.26" or empty
    std::string compute_capability;   ///< "8.7" or empty
    std::string gpu;                  ///< from the manifest's build log, if any
    std::string manifest_path;        ///< empty when none sits beside it
    bool valid = false;
    int score = 0;                    ///< higher is a closer fit among valid ones
    std::vector<std::string> reasons; ///< why not valid, or notes on a valid one
};

/// The verdict for one inspected engine (hashing on when `manifest` is given) against `target`.
Candidate judge_candidate(const plan::InspectResult& engine, const std::string& path,
                          const nlohmann::json* manifest, const std::string& manifest_path,
                          const Target& target);

/// Expands DIR arguments to their regular files (not recursive; *.manifest.json and other
/// sidecars skipped), keeps FILE arguments, sorted by name. ToolError for a missing argument.
Expected<std::vector<std::string>> expand_candidates(const std::vector<std::string>& args);

/// Inspects and judges every path. Per-file read errors become invalid candidates.
std::vector<Candidate> judge_all(const std::vector<std::string>& paths, const Target& target);

/// Index of the best valid candidate, or nullopt.
std::optional<std::size_t> best_candidate(const std::vector<Candidate>& candidates);

}  // namespace trtdoctor::manifest
