// libFuzzer target over the whole log path: reading (gzip, binary check, line cutting),
// clean-up, normalisation, matching against the built-in catalogue and the diagnoser.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "log/line_reader.h"
#include "log/log_scan.h"
#include "log/matcher.h"
#include "log/normaliser.h"

namespace {

struct NullSink : trtdoctor::log::HitSink {
    std::size_t count = 0;
    void hit(trtdoctor::log::RuleHit h) override { count += h.text.size() + h.facts.size(); }
    void marker(trtdoctor::log::MarkerHit h) override { count += h.text.size() + h.facts.size(); }
};

const trtdoctor::log::Matcher& matcher() {
    static auto m = trtdoctor::log::Matcher::builtin();
    if (!m) std::abort();
    return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace trtdoctor::log;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // Per-line normalisation on the raw bytes, line by line.
    std::size_t start = 0;
    while (start < input.size()) {
        std::size_t end = input.find('\n', start);
        if (end == std::string_view::npos) end = input.size();
        const LogLine l = normalise(input.substr(start, end - start), 1);
        if (l.message.size() > l.raw.size()) std::abort();
        start = end + 1;
    }
    (void)decode_version_tag(input.substr(0, 12));
    // The file path: small buffers so that block boundaries and cut lines are exercised.
    char path[] = "/tmp/trtdoctor_log_fuzz_XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return 0;
    if (write(fd, data, size) != static_cast<ssize_t>(size)) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    ScanOptions options;
    options.reader = ReaderOptions{256, 40};
#if TRTDOCTOR_LOG_DIAGNOSER
    // Classification too: the diagnoser reasons over whatever fired.
    auto report = diagnose_log(path, matcher(), options);
    if (report && report->root_cause && report->root_cause->code.empty()) std::abort();
#else
    NullSink sink;
    (void)scan_log(path, matcher(), sink, options);
#endif
    unlink(path);
    return 0;
}
