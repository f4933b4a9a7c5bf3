// Opening user inputs safely: a path or "-" for stdin. Directories, devices, sockets,
// missing files, permission problems and symlink loops become ToolErrors naming the input;
// FIFOs and pipes are streamed. Every byte read is counted (benchmarks assert on it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace trtdoctor {

class InputFile {
public:
    /// Opens `path` for reading; "-" is standard input.
    static Expected<InputFile> open(const std::string& path);

    InputFile(InputFile&& other) noexcept;
    InputFile& operator=(InputFile&& other) noexcept;
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    ~InputFile();

    /// The path as given, or "<stdin>".
    const std::string& name() const { return m_name; }
    /// True for regular files: read_at() works and size() is known.
    bool seekable() const { return m_size.has_value(); }
    /// Size of a regular file at open time.
    std::optional<std::uint64_t> size() const { return m_size; }

    /// Reads up to `n` bytes sequentially; 0 means end of input.
    Expected<std::size_t> read(char* buf, std::size_t n);
    /// Reads up to `n` bytes at `offset` (seekable files only); fewer at end of file.
    Expected<std::size_t> read_at(std::uint64_t offset, char* buf, std::size_t n);
    /// Reads until `n` bytes or end of input (sequential).
    Expected<std::string> read_up_to(std::size_t n);

    /// Bytes delivered by read/read_at so far.
    std::uint64_t bytes_read() const { return m_bytes_read; }
    int fd() const { return m_fd; }

private:
    InputFile(int fd, std::string name, std::optional<std::uint64_t> size, bool owned)
        : m_fd(fd), m_name(std::move(name)), m_size(size), m_owned(owned) {}
    ToolError error_from_errno(int err, std::string_view what) const;

    int m_fd = -1;
    std::string m_name;
    std::optional<std::uint64_t> m_size;
    bool m_owned = true;
    std::uint64_t m_bytes_read = 0;
};

/// Maps an errno from open/stat on `path` to a ToolError with a plain-words message.
ToolError error_for_path(int err, const std::string& path);

}  // namespace trtdoctor
