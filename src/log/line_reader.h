// Reading a log as blocks of whole lines: files, "-" (stdin) and gzip, streamed through one
// fixed buffer so memory stays bounded whatever the input size. Over-long lines are cut to
// the limit (and counted); binary input is refused before any line is handed out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace trtdoctor::log {

struct ReaderOptions {
    std::size_t buffer_size = std::size_t{1} << 20;    ///< bytes per block (at least 4 x max_line)
    std::size_t max_line_length = std::size_t{64} << 10;  ///< longer lines are cut here
};

/// A run of whole lines inside the reader's buffer: every line ends with '\n'. The bytes are
/// writable so clean-up can happen in place (valid until the next call to next()).
struct LineBlock {
    char* data = nullptr;
    std::size_t size = 0;
    std::uint64_t first_line = 1;  ///< number of the block's first line
    bool truncated = false;        ///< the block is one line cut to the limit
};

class LineReader {
public:
    /// Opens `path` ("-" for stdin); gzip is recognised by its magic bytes and inflated.
    static Expected<LineReader> open(const std::string& path, ReaderOptions options = {});

    LineReader(LineReader&&) noexcept;
    LineReader& operator=(LineReader&&) noexcept;
    ~LineReader();

    /// The next block; false at the end of input. Binary input and read/inflate failures are
    /// ToolErrors naming the input.
    Expected<bool> next(LineBlock& block);

    /// Lines handed out so far (the last line counts even without a final newline).
    std::uint64_t lines() const;
    /// Lines cut to max_line_length so far.
    std::uint64_t truncated_lines() const;
    /// Bytes of the underlying file consumed so far (compressed bytes for gzip).
    std::uint64_t bytes_consumed() const;
    /// Size of the underlying file when it is a regular file.
    std::optional<std::uint64_t> input_size() const;
    /// True once gzip was detected.
    bool compressed() const;
    /// The input's name, "<stdin>" for "-".
    const std::string& name() const;

private:
    struct State;
    explicit LineReader(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

/// True when `head` (the first bytes of an input) looks binary: a NUL byte, or more than a
/// few percent of control bytes or invalid UTF-8. Exposed for tests.
bool looks_binary(std::string_view head);

/// Number of '\n' bytes in [data, data + size) (vectorised).
std::uint64_t count_newlines(const char* data, std::size_t size);

/// Cleans a block in place and returns its new size: "\r\n" becomes "\n", other CRs become
/// spaces, ANSI escape sequences are removed and markdown quote prefixes ("> ") are stripped
/// from line starts. Never removes a '\n', so line numbers are unchanged. Blocks without CR,
/// ESC or a line starting with '>' are returned untouched after three fast scans.
std::size_t clean_block(char* data, std::size_t size);

}  // namespace trtdoctor::log
