// trtdoctor's own version, from CMake's project() version.
#pragma once

#include <string_view>

namespace trtdoctor {
std::string_view tool_version();
}
