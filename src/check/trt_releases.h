// What trtdoctor knows about TensorRT releases, in one table: the GPU architectures each
// release runs on, the oldest Linux driver any of its CUDA builds accepts, and its
// compatibility features. Sources and certainty are in trt_releases.cc, row by row.
#pragma once

#include <optional>
#include <string>

namespace trtdoctor::check {

struct ReleaseFacts {
    int major = 0, minor = 0;         ///< the release line, e.g. 8.6
    int min_cc = 0;                   ///< lowest compute capability x10 (50 = 5.0)
    int max_cc = 0;                   ///< highest compute capability x10 it knows (90 = 9.0)
    std::string min_driver;           ///< oldest Linux driver of its most lenient CUDA build
    std::string cuda_builds;          ///< the CUDA releases it ships for, for messages
    bool version_compatible = false;  ///< can build version-compatible plans (8.6+)
    bool hardware_compatible = false; ///< can build hardware-compatible plans (8.6+, Ampere+)
    bool certain = true;              ///< false: inferred or partly sourced; findings say "likely"
    const char* source = "";          ///< where the row comes from
};

/// The row for a TensorRT version (major.minor); for an unknown minor the nearest older row of
/// the same major, marked uncertain; nullopt for an unknown major.
std::optional<ReleaseFacts> release_facts(int major, int minor);

/// Compares dotted driver versions numerically: -1, 0, 1.
int compare_versions(const std::string& a, const std::string& b);

}  // namespace trtdoctor::check
