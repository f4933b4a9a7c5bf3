#include "core/input_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace trtdoctor {

ToolError error_for_path(int err, const std::string& path) {
    switch (err) {
        case ENOENT:
        case ENOTDIR:
            return {ErrorCode::not_found, path, "no such file", {}, {}};
        case EACCES:
        case EPERM:
            return {ErrorCode::permission_denied, path,
                    "permission denied (check the file's mode and owner)", {}, {}};
        case ELOOP:
            return {ErrorCode::symlink_loop, path, "too many levels of symbolic links", {}, {}};
        case EISDIR:
            return {ErrorCode::is_directory, path, "is a directory, not a file", {}, {}};
        default:
            return {ErrorCode::io_error, path, fmt::format("cannot open: {}", std::strerror(err)),
                    {}, {}};
    }
}

Expected<InputFile> InputFile::open(const std::string& path) {
    if (path == "-") {
        struct stat st {};
        std::optional<std::uint64_t> size;
        if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
            size = static_cast<std::uint64_t>(st.st_size);
        }
        if (::fstat(STDIN_FILENO, &st) == 0 && S_ISDIR(st.st_mode)) {
            return ToolError{ErrorCode::is_directory, "<stdin>", "is a directory", {}, {}};
        }
        return InputFile(STDIN_FILENO, "<stdin>", size, false);
    }
    // O_NONBLOCK so that opening a FIFO with no writer cannot hang; cleared below.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) return error_for_path(errno, path);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return error_for_path(err, path);
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        return ToolError{ErrorCode::is_directory, path, "is a directory, not a file", {}, {}};
    }
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        ::close(fd);
        const char* kind = S_ISCHR(st.st_mode)    ? "a character device"
                           : S_ISBLK(st.st_mode)  ? "a block device"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                                                  : "not a regular file";
        return ToolError{ErrorCode::not_regular_file, path,
                         fmt::format("is {}; give a regular file, a pipe or '-'", kind), {}, {}};
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    std::optional<std::uint64_t> size;
    if (S_ISREG(st.st_mode)) size = static_cast<std::uint64_t>(st.st_size);
    return InputFile(fd, path, size, true);
}

InputFile::InputFile(InputFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)),
      m_name(std::move(other.m_name)),
      m_size(other.m_size),
      m_owned(other.m_owned),
      m_bytes_read(other.m_bytes_read) {}

InputFile& InputFile::operator=(InputFile&& other) noexcept {
    if (this != &other) {
        if (m_owned && m_fd >= 0) ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_name = std::move(other.m_name);
        m_size = other.m_size;
        m_owned = other.m_owned;
        m_bytes_read = other.m_bytes_read;
    }
    return *this;
}

InputFile::~InputFile() {
    if (m_owned && m_fd >= 0) ::close(m_fd);
}

ToolError InputFile::error_from_errno(int err, std::string_view what) const {
    if (err == EISDIR) return {ErrorCode::is_directory, m_name, "is a directory, not a file", {}, {}};
    return {ErrorCode::io_error, m_name, fmt::format("{} failed: {}", what, std::strerror(err)),
            {}, {}};
}

Expected<std::size_t> InputFile::read(char* buf, std::size_t n) {
    for (;;) {
        const ssize_t got = ::read(m_fd, buf, n);
        if (got >= 0) {
            m_bytes_read += static_cast<std::uint64_t>(got);
            return static_cast<std::size_t>(got);
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN) return std::size_t{0};  // FIFO without a writer: nothing to read
        return error_from_errno(errno, "read");
    }
}

Expected<std::size_t> InputFile::read_at(std::uint64_t offset, char* buf, std::size_t n) {
    if (!seekable()) {
        return ToolError{ErrorCode::unsupported, m_name, "random access on a stream", {}, {}};
    }
    std::size_t total = 0;
    while (total < n) {
        const ssize_t got =
            ::pread(m_fd, buf + total, n - total, static_cast<off_t>(offset + total));
        if (got < 0) {
            if (errno == EINTR) continue;
            return error_from_errno(errno, "read");
        }
        if (got == 0) break;
        total += static_cast<std::size_t>(got);
    }
    m_bytes_read += total;
    return total;
}

Expected<std::string> InputFile::read_up_to(std::size_t n) {
    std::string out(n, '\0');
    std::size_t total = 0;
    while (total < n) {
        auto got = read(out.data() + total, n - total);
        if (!got) return got.error();
        if (*got == 0) break;
        total += *got;
    }
    out.resize(total);
    return out;
}

}  // namespace trtdoctor
