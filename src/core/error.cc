#include "core/error.h"

#include <fmt/format.h>

namespace trtdoctor {

std::string_view to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::permission_denied: return "permission_denied";
        case ErrorCode::is_directory: return "is_directory";
        case ErrorCode::not_regular_file: return "not_regular_file";
        case ErrorCode::symlink_loop: return "symlink_loop";
        case ErrorCode::io_error: return "io_error";
        case ErrorCode::binary_input: return "binary_input";
        case ErrorCode::invalid_format: return "invalid_format";
        case ErrorCode::too_large: return "too_large";
        case ErrorCode::unsupported: return "unsupported";
        case ErrorCode::timeout: return "timeout";
        case ErrorCode::usage: return "usage";
    }
    return "unknown";
}

std::string ToolError::to_string() const {
    std::string where = input;
    if (line) where += fmt::format(":{}", *line);
    else if (offset) where += fmt::format(":{}", *offset);
    return where.empty() ? message : fmt::format("{}: {}", where, message);
}

}  // namespace trtdoctor
