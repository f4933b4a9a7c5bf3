// Facts from the file system and the environment: /proc/driver/nvidia/version, Jetson's
// /etc/nv_tegra_release, /dev/nvidia* and their permissions, container variables, trtexec.
#pragma once

#include <string>
#include <string_view>

#include "probe/machine_facts.h"

namespace trtdoctor::probe {

/// The driver number in a /proc/driver/nvidia/version first line ("... Kernel Module  550.54.15
/// Tue Mar ..."), or empty.
std::string parse_proc_driver_version(std::string_view first_line);

/// "8.6.1" from trtexec output containing "[TensorRT v8601]" (or v100300 → "10.3.0"), else empty.
std::string parse_trtexec_version(std::string_view output);

/// Reads the host facts of the real machine.
HostFacts probe_host();

/// Finds trtexec (`explicit_path`, else on PATH) and reads its version with a 3 s deadline.
TrtexecFacts probe_trtexec(const std::string& explicit_path = {});

}  // namespace trtdoctor::probe
