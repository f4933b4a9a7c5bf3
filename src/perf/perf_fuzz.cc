// libFuzzer target: the perf readers (log summary/profile parser and the three JSON export
// readers) must accept any bytes without crashing, hanging or reading out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "perf/analysis.h"
#include "perf/json_readers.h"
#include "perf/log_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace trtdoctor::perf;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& run : read_log_text(text)) {
        RunData rd;
        rd.summary = run.summary;
        rd.profile = run.profile;
        (void)analyse_run(rd);
    }
    (void)parse_profile_json(text, "fuzz");
    (void)parse_layer_info_json(text, "fuzz");
    (void)parse_times_json(text, "fuzz", 4096);
    (void)sniff_kind(text);
    return 0;
}
