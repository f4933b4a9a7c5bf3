// Reasoning from rule hits to one root cause: detect the run's outcome and phase, pick the
// earliest causal event, attribute the cascade after it, keep benign messages benign.
// Fed hit by hit (streaming); memory is bounded: keep at most a fixed number of hits per rule.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "log/log_line.h"
#include "log/rule_hit.h"

namespace trtdoctor::log {

enum class Outcome { unknown, built, loaded, ran, failed };
std::string_view to_string(Outcome o);

enum class Phase { unknown, parse, build, load, run };
std::string_view to_string(Phase p);

struct RunFacts {
    Outcome outcome = Outcome::unknown;
    Phase phase = Phase::unknown;
    std::string trt_version;  ///< e.g. "8.6.1" when stated
    std::string gpu;          ///< e.g. "NVIDIA A100-PCIE-40GB" when stated
};

struct LogReport {
    RunFacts run;
    std::optional<Finding> root_cause;  ///< evidence lines carry their line numbers
    std::vector<Finding> findings;      ///< the others, most important first
    std::uint64_t lines = 0;
    std::uint64_t truncated_lines = 0;
};

class Diagnoser {
public:
    /// `path` labels evidence locations ("<stdin>" for "-").
    explicit Diagnoser(std::string path);
    ~Diagnoser();
    Diagnoser(const Diagnoser&) = delete;
    Diagnoser& operator=(const Diagnoser&) = delete;

    /// A diagnosis rule that fired, in line order. Only lines with a hit reach the diagnoser:
    /// the matcher scans whole buffers and never hands over the quiet majority.
    void hit(RuleHit hit);
    /// A run marker that fired (outcome, phase, version, GPU), in line order.
    void marker(MarkerHit hit);
    /// Decide; call once after the last line. `lines` read, `truncated_lines` cut to the limit.
    LogReport finish(std::uint64_t lines, std::uint64_t truncated_lines);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace trtdoctor::log
