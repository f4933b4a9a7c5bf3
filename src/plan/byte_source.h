// Random access to an input's bytes for the plan reader: the whole input in memory (tests,
// fuzzing, stdin) or a regular file read piece by piece, so a 1 GiB plan costs a few reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/input_file.h"

namespace trtdoctor::plan {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Total size of the input.
    virtual std::uint64_t size() const = 0;
    /// Up to `n` bytes at `offset`: fewer at the end, none past it or after a read error.
    virtual std::string read(std::uint64_t offset, std::size_t n) = 0;
};

/// Bytes already in memory (not owned).
class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::string_view bytes) : m_bytes(bytes) {}
    std::uint64_t size() const override { return m_bytes.size(); }
    std::string read(std::uint64_t offset, std::size_t n) override;

private:
    std::string_view m_bytes;
};

/// A seekable InputFile; remembers the first read error.
class FileSource final : public ByteSource {
public:
    FileSource(InputFile& file, std::uint64_t size) : m_file(file), m_size(size) {}
    std::uint64_t size() const override { return m_size; }
    std::string read(std::uint64_t offset, std::size_t n) override;
    const std::optional<ToolError>& error() const { return m_error; }

private:
    InputFile& m_file;
    std::uint64_t m_size;
    std::optional<ToolError> m_error;
};

}  // namespace trtdoctor::plan
