// Tool errors: the input could not be processed. A separate channel from findings, which are
// diagnoses of the user's setup. The library never prints or exits; callers choose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace trtdoctor {

enum class ErrorCode {
    not_found,          ///< the path does not exist
    permission_denied,  ///< the path exists but cannot be opened for reading
    is_directory,       ///< a directory was given where a file was expected
    not_regular_file,   ///< a device, socket or other special file
    symlink_loop,       ///< too many levels of symbolic links
    io_error,           ///< read() or open() failed for another reason
    binary_input,       ///< text was expected, binary data was found
    invalid_format,     ///< the bytes do not follow the format they claim to follow
    too_large,          ///< an input or field exceeds a documented limit
    unsupported,        ///< a format version or feature this build does not handle
    timeout,            ///< a bounded wait ran out
    usage,              ///< the command line is wrong
};

/// Stable lower_snake name of an error code, used in JSON output.
std::string_view to_string(ErrorCode code);

/// A failure to process one input. `input` names it (path or "<stdin>").
struct ToolError {
    ErrorCode code;
    std::string input;
    std::string message;                ///< one line, no trailing period, no input name
    std::optional<std::uint64_t> offset;  ///< byte offset where relevant
    std::optional<std::uint64_t> line;    ///< line number where relevant

    /// "input: message" (with ":offset" or ":line" when known).
    std::string to_string() const;
};

/// Either a value or the ToolError that prevented it.
template <class T>
class Expected {
public:
    Expected(T value) : m_state(std::move(value)) {}                 // NOLINT(google-explicit-constructor)
    Expected(ToolError error) : m_state(std::move(error)) {}         // NOLINT(google-explicit-constructor)

    bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T& value() { return std::get<0>(m_state); }
    const T& value() const { return std::get<0>(m_state); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const ToolError& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, ToolError> m_state;
};

}  // namespace trtdoctor
