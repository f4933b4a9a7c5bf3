// Which TensorRT and CUDA-stack libraries the dynamic loader would find, and their versions:
// LD_LIBRARY_PATH first, then the ld.so cache (`ldconfig -p`), then the standard directories.
// The parsers are separate from the file system so they can be tested and fuzzed on text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "probe/machine_facts.h"

namespace trtdoctor::probe {

/// One "libfoo.so.1 (libc6,x86-64) => /path/libfoo.so.1" line of `ldconfig -p`.
struct CacheEntry {
    std::string soname;
    std::string path;
};

/// Parses `ldconfig -p` output; lines that do not have the shape are skipped.
std::vector<CacheEntry> parse_ldconfig_output(std::string_view text);

/// The component a shared-object file name belongs to ("libnvinfer_plugin.so.8.6.1" →
/// "libnvinfer_plugin"), or empty when it is not one trtdoctor looks for.
std::string component_of(std::string_view file_name);

/// The version in a shared-object file name: "libnvinfer.so.8.6.1" → "8.6.1", "libcudnn.so.8"
/// → "8", "libnvinfer.so" → "".
std::string version_of(std::string_view file_name);

/// The components trtdoctor reports, in display order.
const std::vector<std::string>& known_components();

/// Scans the real machine. `notes` receives probes that could not run.
std::vector<FoundLibrary> scan_libraries(std::vector<std::string>& notes);

}  // namespace trtdoctor::probe
