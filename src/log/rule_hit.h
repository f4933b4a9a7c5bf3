// What the matcher hands to the diagnoser: a log rule that fired on a line, with the facts
// its Extract patterns pulled out.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "log/log_line.h"

namespace trtdoctor {
struct Diagnosis;
}

namespace trtdoctor::log {

struct RuleHit {
    const Diagnosis* rule = nullptr;  ///< the catalogue record (Domain: log)
    std::uint64_t line = 0;
    Level level = Level::none;
    Origin origin = Origin::plain;
    std::string text;  ///< the raw line (cut to a bounded length)
    /// Named groups of the rule's Extract patterns that matched this line.
    std::vector<std::pair<std::string, std::string>> facts;
};

/// A marker that fired: not a diagnosis but a fact about the run (catalogue/log.markers),
/// e.g. "outcome_passed" on "&&&& PASSED", "phase_build", "trt_version" with its facts.
struct MarkerHit {
    std::string marker;  ///< the record's Marker field
    std::uint64_t line = 0;
    Level level = Level::none;
    Origin origin = Origin::plain;
    std::string text;
    std::vector<std::pair<std::string, std::string>> facts;
};

}  // namespace trtdoctor::log
