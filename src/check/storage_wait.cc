#include "check/storage_wait.h"

#include <sys/stat.h>

#include <algorithm>
#include <optional>
#include <thread>

namespace trtdoctor::check {

WaitOutcome wait_for_stable_file(const std::string& path, std::chrono::milliseconds limit,
                                 std::chrono::milliseconds settle) {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const auto deadline = start + limit;
    WaitOutcome out;
    std::optional<std::uint64_t> last_size;
    auto last_change = start;
    std::chrono::milliseconds interval(50);
    for (;;) {
        ++out.polls;
        struct stat st {};
        const auto now = clock::now();
        if (stat(path.c_str(), &st) == 0) {
            out.exists = true;
            const auto size = static_cast<std::uint64_t>(st.st_size);
            if (!last_size || *last_size != size) {
                last_size = size;
                last_change = now;
            } else if (now - last_change >= settle) {
                out.stable = true;
            }
            out.size = size;
        } else {
            out.exists = false;
            last_size.reset();
        }
        if (out.stable || now >= deadline) break;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        std::this_thread::sleep_for(std::min(interval, left));
        interval = std::min(interval * 2, std::chrono::milliseconds(1000));
    }
    out.waited = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - start);
    return out;
}

}  // namespace trtdoctor::check
