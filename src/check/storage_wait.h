// --wait: storage that is not ready yet (a volume still mounting, NFS or a download still
// writing). Polls with backoff until the file exists and its size has stopped changing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace trtdoctor::check {

struct WaitOutcome {
    bool exists = false;
    bool stable = false;         ///< size unchanged over two polls at least `settle` apart
    std::uint64_t size = 0;
    std::uint32_t polls = 0;
    std::chrono::milliseconds waited{0};
};

/// Waits at most `limit`. The first poll is immediate; intervals grow from 50 ms to 1 s.
WaitOutcome wait_for_stable_file(const std::string& path, std::chrono::milliseconds limit,
                                 std::chrono::milliseconds settle = std::chrono::milliseconds(200));

}  // namespace trtdoctor::check
