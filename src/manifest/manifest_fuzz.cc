// libFuzzer target: manifest JSON parsing, the typed reads and the canonical form must not
// crash on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "manifest/manifest.h"
#include "manifest/naming.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto m = trtdoctor::manifest::parse_manifest(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    if (m) {
        (void)trtdoctor::manifest::canonical_bytes(*m);
        (void)trtdoctor::manifest::get_string(*m, "/engine/builder_gpu/compute_capability");
        if (m->contains("build")) (void)trtdoctor::manifest::precision_word((*m)["build"]);
    }
    return 0;
}
