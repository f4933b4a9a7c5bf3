// --plugins LIB...: can each plugin library be loaded here, as TensorRT would load it?
// The dlopen runs in a forked child with a deadline, so a library whose constructors crash or
// hang cannot take trtdoctor down.
#pragma once

#include <chrono>
#include <string>

#include "core/finding.h"

namespace trtdoctor::check {

struct PluginLoad {
    bool loaded = false;
    std::string error;  ///< dlerror(), or why the child did not report
};

PluginLoad try_load_plugin(const std::string& path,
                           std::chrono::milliseconds deadline = std::chrono::milliseconds(5000));

/// The TD3040 finding for a library that failed to load.
Finding plugin_finding(const std::string& path, const PluginLoad& load);

}  // namespace trtdoctor::check
