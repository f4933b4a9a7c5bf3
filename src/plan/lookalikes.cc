#include "plan/lookalikes.h"

#include <algorithm>
#include <charconv>

#include "core/byte_cursor.h"
#include "core/text.h"

namespace trtdoctor::plan {
namespace {

std::optional<std::uint64_t> read_varint(ByteCursor& c) {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        auto b = c.read_le<std::uint8_t>();
        if (!b) return std::nullopt;
        v |= static_cast<std::uint64_t>(*b & 0x7F) << shift;
        if (!(*b & 0x80)) return v;
    }
    return std::nullopt;
}

std::string_view next_line(std::string_view& s) {
    const auto nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

std::optional<LfsPointer> parse_lfs_pointer(std::string_view head) {
    if (!head.starts_with("version https://git-lfs.github.com/spec/v1") &&
        !head.starts_with("version https://hawser.github.com/spec/v1")) {
        return std::nullopt;
    }
    LfsPointer p;
    std::string_view rest = head.substr(0, 1024);
    for (int i = 0; i < 16 && !rest.empty(); ++i) {
        std::string_view line = next_line(rest);
        if (line.starts_with("oid ")) {
            p.oid = printable(line.substr(4), 80);
        } else if (line.starts_with("size ")) {
            std::uint64_t n = 0;
            auto v = line.substr(5);
            auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec == std::errc() && ptr == v.data() + v.size()) p.size = n;
        }
    }
    return p;
}

std::optional<OnnxHeader> parse_onnx_header(std::string_view head) {
    ByteCursor c(head);
    if (c.read_le<std::uint8_t>() != std::uint8_t{0x08}) return std::nullopt;
    auto ir = read_varint(c);
    if (!ir || *ir < 1 || *ir > 20) return std::nullopt;
    auto tag = c.read_le<std::uint8_t>();
    // producer_name, producer_version, domain, model_version, doc_string, graph, opset_import
    constexpr unsigned char kNext[] = {0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42};
    bool ok = false;
    for (auto t : kNext) ok = ok || (tag && *tag == t);
    if (!ok) return std::nullopt;
    OnnxHeader h;
    h.ir_version = *ir;
    if (*tag == 0x12) {
        auto len = read_varint(c);
        if (len && *len <= 256) {
            if (auto s = c.read_bytes(static_cast<std::size_t>(*len))) h.producer = printable(*s, 64);
        }
    }
    return h;
}

std::optional<std::uint32_t> ultralytics_metadata_length(std::string_view head, std::uint64_t file_size) {
    ByteCursor c(head);
    auto len = c.peek_le<std::int32_t>(0);
    auto brace = c.peek_le<std::uint8_t>(4);
    if (!len || !brace || *brace != '{' || *len < 2 || *len > (16 << 20)) return std::nullopt;
    if (static_cast<std::uint64_t>(*len) + 4 > file_size) return std::nullopt;
    return static_cast<std::uint32_t>(*len);
}

std::optional<TextInfo> classify_text(std::string_view head) {
    if (head.empty()) return std::nullopt;
    std::size_t control = 0;
    for (unsigned char ch : head) {
        if (ch == 0) return std::nullopt;
        if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f') ++control;
        if (ch == 0x7F) ++control;
    }
    if (control * 50 > head.size()) return std::nullopt;
    TextInfo t;
    const std::string lower = to_lower(head.substr(0, 4096));
    t.html = lower.find("<!doctype html") != std::string::npos || lower.find("<html") != std::string::npos;
    std::string_view rest = head;
    while (!rest.empty()) {
        auto line = next_line(rest);
        if (line.find_first_not_of(" \t") != std::string_view::npos) {
            std::string spaced(line);
            std::replace(spaced.begin(), spaced.end(), '\t', ' ');
            t.first_line = printable(spaced, 80);
            break;
        }
    }
    return t;
}

}  // namespace trtdoctor::plan
