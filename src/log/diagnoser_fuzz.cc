// libFuzzer target over classification and reasoning: arbitrary bytes go through the real
// reading and matching into the diagnoser, which must decide without crashing, keep its
// invariants (the root cause has evidence with line numbers inside the input) and stay bounded.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

#include "log/log_scan.h"
#include "log/matcher.h"

namespace {

const trtdoctor::log::Matcher& matcher() {
    static auto m = trtdoctor::log::Matcher::builtin();
    if (!m) std::abort();
    return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace trtdoctor::log;
    char path[] = "/tmp/trtdoctor_diagnoser_fuzz_XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return 0;
    const bool written = write(fd, data, size) == static_cast<ssize_t>(size);
    close(fd);
    if (written) {
        ScanOptions options;
        options.reader = ReaderOptions{256, 40};
        auto report = diagnose_log(path, matcher(), options);
        if (report) {
            if (report->root_cause) {
                if (report->root_cause->evidence.empty()) std::abort();
                for (const auto& e : report->root_cause->evidence) {
                    if (!e.where.line || *e.where.line == 0 || *e.where.line > report->lines) std::abort();
                }
            }
            if (report->findings.size() > 200) std::abort();
        }
    }
    unlink(path);
    return 0;
}
