// libFuzzer target: the plan reader on arbitrary bytes must never crash, hang or read out of
// bounds, and must always say what the input is.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "plan/plan_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto r = trtdoctor::plan::inspect_bytes(bytes, "fuzz");
    if (r.size != size) __builtin_trap();
    if (r.findings.empty() && r.kind != trtdoctor::plan::FileKind::plan &&
        r.kind != trtdoctor::plan::FileKind::wrapped_plan) {
        __builtin_trap();  // every look-alike is a finding
    }
    return 0;
}
