// The one bounds-checked reader for all binary input. No length field read from a file is
// trusted: every read checks against the bytes actually present, with overflow-safe sums.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace trtdoctor {

class ByteCursor {
public:
    /// `base_offset` is the file offset of bytes[0], so offsets reported are file offsets.
    explicit ByteCursor(std::string_view bytes, std::uint64_t base_offset = 0)
        : m_bytes(bytes), m_base(base_offset) {}

    std::size_t size() const { return m_bytes.size(); }
    std::size_t position() const { return m_pos; }
    std::size_t remaining() const { return m_bytes.size() - m_pos; }
    std::uint64_t file_offset() const { return m_base + m_pos; }
    bool at_end() const { return m_pos == m_bytes.size(); }

    /// Moves to `pos`; false (and no move) if beyond the end.
    bool seek(std::size_t pos) {
        if (pos > m_bytes.size()) return false;
        m_pos = pos;
        return true;
    }
    bool skip(std::size_t n) {
        if (n > remaining()) return false;
        m_pos += n;
        return true;
    }

    /// Little-endian integer at the cursor, advancing past it; nullopt if too few bytes.
    template <class T>
    std::optional<T> read_le() {
        auto v = peek_le<T>(m_pos);
        if (v) m_pos += sizeof(T);
        return v;
    }

    /// Little-endian integer at absolute position `pos` (relative to the view); no move.
    template <class T>
    std::optional<T> peek_le(std::size_t pos) const {
        if (pos > m_bytes.size() || sizeof(T) > m_bytes.size() - pos) return std::nullopt;
        unsigned char raw[sizeof(T)];
        std::memcpy(raw, m_bytes.data() + pos, sizeof(T));
        std::uint64_t v = 0;
        for (std::size_t i = sizeof(T); i-- > 0;) v = (v << 8) | raw[i];
        return static_cast<T>(v);
    }

    /// `n` bytes at the cursor, advancing; nullopt if too few.
    std::optional<std::string_view> read_bytes(std::size_t n) {
        if (n > remaining()) return std::nullopt;
        auto out = m_bytes.substr(m_pos, n);
        m_pos += n;
        return out;
    }

    /// A sub-view [offset, offset+length) checked against the bytes present.
    std::optional<std::string_view> slice(std::uint64_t offset, std::uint64_t length) const {
        if (offset > m_bytes.size() || length > m_bytes.size() - offset) return std::nullopt;
        return m_bytes.substr(offset, length);
    }

    std::string_view bytes() const { return m_bytes; }

private:
    std::string_view m_bytes;
    std::uint64_t m_base;
    std::size_t m_pos = 0;
};

/// a + b, or nullopt on overflow.
inline std::optional<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b) {
    if (b > UINT64_MAX - a) return std::nullopt;
    return a + b;
}

}  // namespace trtdoctor
