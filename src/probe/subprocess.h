// Running a helper program (ldconfig, trtexec) with a deadline and a cap on what is kept of
// its output, so a stuck or chatty program cannot stall or flood a probe.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace trtdoctor::probe {

struct CommandResult {
    bool started = false;        ///< exec succeeded
    bool timed_out = false;      ///< killed at the deadline
    std::optional<int> exit_status;
    std::string output;          ///< stdout and stderr together, at most `max_output` bytes
    std::string error;           ///< why it could not start
};

/// Runs argv[0] (a path) with stdin from /dev/null; kills it at `deadline`.
CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds deadline,
                          std::size_t max_output = 1 << 20);

}  // namespace trtdoctor::probe
