// Fuzzes the text parsers of the probe: ldconfig -p output, /proc driver version, trtexec banner.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "probe/host_probe.h"
#include "probe/library_scan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& e : trtdoctor::probe::parse_ldconfig_output(text)) {
        (void)trtdoctor::probe::component_of(e.soname);
        (void)trtdoctor::probe::version_of(e.soname);
    }
    (void)trtdoctor::probe::parse_proc_driver_version(text);
    (void)trtdoctor::probe::parse_trtexec_version(text);
    return 0;
}
