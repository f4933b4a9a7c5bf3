// libFuzzer target: the trtexec log parser must accept any bytes without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trtexec/trtexec_log.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto log = trtdoctor::trtexec::parse_log(text);
    for (const auto& run : log.runs) {
        (void)run.is_build();
        for (const auto& s : run.build_shapes) (void)s.min.to_string();
    }
    return 0;
}
