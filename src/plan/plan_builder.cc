#include "plan/plan_builder.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fmt/format.h>

#include "core/input_file.h"
#include "core/record_format.h"
#include "plan/serialization_table.h"

namespace trtdoctor::plan {
namespace {

void put_u32(std::string& s, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_u64(std::string& s, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_tag(std::string& s, unsigned type, unsigned flag) {
    s.push_back(static_cast<char>(type));
    s.push_back(static_cast<char>(flag));
    s.push_back('\x01');
    s.push_back('\x00');
}
void field_u8(std::string& s, unsigned flag, unsigned v) {
    put_tag(s, 0x02, flag);
    s.push_back(static_cast<char>(v & 0xFF));
}
void field_u32(std::string& s, unsigned flag, std::uint32_t v) {
    put_tag(s, 0x07, flag);
    put_u32(s, v);
}
void field_u64(std::string& s, unsigned type, unsigned flag, std::uint64_t v) {
    put_tag(s, type, flag);
    put_u64(s, v);
}

/// CRC-32 of `bytes` followed by `zeros` zero bytes, continuing from `crc`.
std::uint32_t crc_with_zeros(std::uint32_t crc, std::string_view bytes, std::uint64_t zeros) {
    crc = static_cast<std::uint32_t>(
        crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
    static const std::string kZero(1 << 16, '\0');
    while (zeros > 0) {
        const auto n = static_cast<uInt>(std::min<std::uint64_t>(zeros, kZero.size()));
        crc = static_cast<std::uint32_t>(crc32(crc, reinterpret_cast<const Bytef*>(kZero.data()), n));
        zeros -= n;
    }
    return crc;
}

constexpr char kPtrtEnd[] = "\x8f\x8b\x8d\x8b";
constexpr char kFtrtEnd[] = "\x99\x8b\x8d\x8b";

std::uint64_t align8(std::uint64_t v) { return (v + 7) & ~std::uint64_t{7}; }

}  // namespace

std::string PlanImage::join() const {
    std::string out = head;
    out.append(zeros, '\0');
    out += tail;
    return out;
}

Expected<bool> PlanImage::write_to(const std::string& path) const {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return error_for_path(errno, path);
    auto write_all = [fd](std::string_view s) {
        while (!s.empty()) {
            const ssize_t n = ::write(fd, s.data(), s.size());
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            s.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    };
    bool ok = write_all(head);
    if (ok && zeros > 0) {
        ok = ::lseek(fd, static_cast<off_t>(zeros), SEEK_CUR) >= 0;
        if (ok && tail.empty()) ok = ::ftruncate(fd, static_cast<off_t>(size())) == 0;
    }
    if (ok) ok = write_all(tail);
    const int saved = errno;
    if (::close(fd) != 0 && ok) ok = false;
    if (!ok) return ToolError{ErrorCode::io_error, path, std::strerror(saved), {}, {}};
    return true;
}

PlanBuilder& PlanBuilder::version(int major, int minor, int patch, int build) {
    m_version = {major, minor, patch, build};
    return *this;
}
PlanBuilder& PlanBuilder::generation(Generation g) { m_generation = g; return *this; }
PlanBuilder& PlanBuilder::serialization(std::uint32_t n) { m_serialization = n; return *this; }
PlanBuilder& PlanBuilder::safe_serialization(std::uint32_t n) { m_safe = n; return *this; }
PlanBuilder& PlanBuilder::cc(int major, int minor) {
    m_cc_major = major;
    m_cc_minor = minor;
    return *this;
}
PlanBuilder& PlanBuilder::sms(std::uint32_t n) { m_sms = n; return *this; }
PlanBuilder& PlanBuilder::memory(std::uint64_t bytes) { m_memory = bytes; return *this; }
PlanBuilder& PlanBuilder::l2(std::uint64_t bytes) { m_l2 = bytes; return *this; }
PlanBuilder& PlanBuilder::integrated(bool on) { m_integrated = on; return *this; }
PlanBuilder& PlanBuilder::body_size(std::uint64_t bytes) { m_body = bytes; return *this; }
PlanBuilder& PlanBuilder::weights_section(std::uint64_t bytes) { m_weights = bytes; return *this; }
PlanBuilder& PlanBuilder::short_blob_header(bool on) { m_short_header = on; return *this; }
PlanBuilder& PlanBuilder::timing_cache(bool on) { m_timing_cache = on; return *this; }
PlanBuilder& PlanBuilder::truncate(std::uint64_t n) { m_truncate = n; return *this; }
PlanBuilder& PlanBuilder::append(std::uint64_t n) { m_append = n; return *this; }
PlanBuilder& PlanBuilder::bad_crc(bool on) { m_bad_crc = on; return *this; }
PlanBuilder& PlanBuilder::no_end_marker(bool on) { m_no_end_marker = on; return *this; }
PlanBuilder& PlanBuilder::section_overrun(std::uint64_t n) { m_overrun = n; return *this; }
PlanBuilder& PlanBuilder::size_field(std::uint64_t v) { m_size_field = v; return *this; }
PlanBuilder& PlanBuilder::section_count(std::uint32_t v) { m_section_count = v; return *this; }

// The engine blob: `ptrt` header + tagged body; returns the part before the zero filler and
// puts the part after it (the end marker) in `tail`.
std::string PlanBuilder::engine_blob(std::uint64_t body_zeros, std::string& tail) const {
    const Generation g = m_generation.value_or(generation_for(m_version));
    const std::uint32_t ser = m_serialization.value_or(serialization_for(m_version).value_or(0));
    const unsigned flag = g == Generation::g1 ? 0x00 : 0x80;
    const bool v84_plus = m_version.major > 8 || (m_version.major == 8 && m_version.minor >= 4);

    std::string body;
    if (m_timing_cache) {
        put_tag(body, 0x18, flag);
        put_u32(body, 16);
        put_u32(body, 0);
    } else {
        field_u8(body, flag, static_cast<unsigned>(m_version.major));
        field_u8(body, flag, static_cast<unsigned>(m_version.minor));
        field_u8(body, flag, static_cast<unsigned>(m_version.patch));
        field_u8(body, flag, static_cast<unsigned>(m_version.build));
        if (g == Generation::g3) {
            put_tag(body, m_version.major >= 10 ? 0xD2 : 0xE5, flag);
            field_u32(body, flag, 0);
        }
        if (g == Generation::g1) {
            put_tag(body, 0x21, flag);
        } else {
            put_tag(body, 0x12, flag);
            put_tag(body, 0x10, flag);
        }
        field_u32(body, flag, static_cast<std::uint32_t>(m_cc_major));
        field_u32(body, flag, static_cast<std::uint32_t>(m_cc_minor));
        field_u32(body, flag, m_integrated ? 1300000 : 2505000);  // GPU clock, kHz
        field_u32(body, flag, m_integrated ? 1600000 : 10501000); // memory clock, kHz
        field_u32(body, flag, m_integrated ? 128 : 192);          // bus width, bits
        field_u64(body, 0x08, flag, m_l2);
        const bool v85_plus = m_version.major > 8 || (m_version.major == 8 && m_version.minor >= 5);
        if (g != Generation::g1 && v85_plus) field_u64(body, 0x08, flag, m_l2 / 4 * 3);
        if (g == Generation::g1) {
            field_u64(body, 0x08, flag, 49152);
            field_u64(body, 0x08, flag, 65536);
            field_u64(body, 0x08, flag, 512);
        } else {
            field_u32(body, flag, 49152);
            field_u32(body, flag, 102400);
            field_u32(body, flag, 512);
        }
        field_u32(body, flag, m_sms);
        put_tag(body, 0x0A, flag);
        body.push_back(m_integrated ? '\x01' : '\x00');
        field_u32(body, flag, 1024);
        field_u32(body, flag, 2147483647u);
        field_u32(body, flag, 65535);
        field_u32(body, flag, 65535);
        if (m_version.major >= 10) field_u32(body, flag, m_cc_major >= 8 ? 1024 : 0);
        field_u64(body, g == Generation::g1 ? 0x08 : 0x09, flag, m_memory);
    }

    tail.clear();
    if (g != Generation::g1 && v84_plus && !m_timing_cache && !(m_no_end_marker && g == Generation::g2)) {
        tail.assign(kPtrtEnd, 4);
    }
    const std::uint64_t body_len = body.size() + body_zeros + tail.size();

    std::string head = "ptrt";
    if (g == Generation::g1) {
        put_u32(head, ser);
        put_u32(head, m_version.minor == 0 ? 194 : 211);
        put_u64(head, body_len);
        std::uint32_t crc = crc_with_zeros(0, body, body_zeros);
        crc = static_cast<std::uint32_t>(
            crc32(crc, reinterpret_cast<const Bytef*>(tail.data()), static_cast<uInt>(tail.size())));
        put_u32(head, m_bad_crc ? crc ^ 0x00010000u : crc);
    } else if (m_short_header) {
        put_u32(head, ser);
        put_u64(head, body_len);
        put_u32(head, 0);
    } else {
        put_u32(head, m_safe);
        put_u32(head, ser);
        put_u32(head, 0);
        put_u64(head, body_len);
    }
    return head + body;
}

PlanImage PlanBuilder::image() const {
    const Generation g = m_generation.value_or(generation_for(m_version));
    PlanImage img;
    std::string blob_tail;
    std::string blob_head = engine_blob(m_body, blob_tail);
    if (g != Generation::g3) {
        img.head = std::move(blob_head);
        img.zeros = m_body;
        img.tail = std::move(blob_tail);
    } else {
        const std::uint32_t n_sections = m_weights > 0 ? 2 : 1;
        const std::uint64_t blob_offset = 32 + 24ull * n_sections;
        const std::uint64_t blob_len = blob_head.size() + m_body + blob_tail.size();
        const std::uint64_t weights_offset = align8(blob_offset + blob_len);
        const std::uint64_t end = m_weights > 0 ? align8(weights_offset + m_weights) : weights_offset;
        const std::uint64_t total = end + (m_no_end_marker ? 0 : 4);

        std::string& h = img.head;
        h = "ftrt";
        put_u32(h, 0);
        put_u32(h, m_section_count.value_or(n_sections));
        put_u32(h, 0);
        put_u64(h, m_size_field.value_or(total));
        for (int v : {m_version.major, m_version.minor, m_version.patch, m_version.build}) {
            h.push_back(static_cast<char>(v & 0xFF));
        }
        if (m_version.major >= 10) {
            h += m_integrated ? "utrt" : "rtrt";
        } else {
            put_u32(h, 0);
        }
        h += "NGNE";
        put_u32(h, 0);
        put_u64(h, blob_offset);
        put_u64(h, blob_len + m_overrun);
        if (m_weights > 0) {
            h += "THGW";
            put_u32(h, 0);
            put_u64(h, weights_offset);
            put_u64(h, m_weights);
        }
        h += blob_head;
        img.zeros = m_body;
        std::string& t = img.tail;
        t = blob_tail;
        t.append(weights_offset - (blob_offset + blob_len), '\0');
        for (std::uint64_t i = 0; i < m_weights; ++i) t.push_back(static_cast<char>(0x3C + (i % 7)));
        t.append(end - weights_offset - m_weights, '\0');
        if (!m_no_end_marker) t.append(kFtrtEnd, 4);
    }

    for (std::uint64_t i = 0; i < m_append; ++i) img.tail.push_back(static_cast<char>(0xA5 ^ (i & 0xFF)));
    std::uint64_t cut = m_truncate;
    const auto from_tail = std::min<std::uint64_t>(cut, img.tail.size());
    img.tail.resize(img.tail.size() - from_tail);
    cut -= from_tail;
    const auto from_zeros = std::min(cut, img.zeros);
    img.zeros -= from_zeros;
    cut -= from_zeros;
    img.head.resize(img.head.size() - std::min<std::uint64_t>(cut, img.head.size()));
    return img;
}

std::string ultralytics_wrap(std::string_view metadata_json, std::string_view plan) {
    std::string out;
    put_u32(out, static_cast<std::uint32_t>(metadata_json.size()));
    out += metadata_json;
    out += plan;
    return out;
}

std::string git_lfs_pointer(std::string_view oid, std::uint64_t size) {
    return fmt::format("version https://git-lfs.github.com/spec/v1\noid {}\nsize {}\n", oid, size);
}

std::string onnx_model_stub(int ir_version, std::string_view producer) {
    std::string out;
    out.push_back('\x08');
    out.push_back(static_cast<char>(ir_version & 0x7F));
    out.push_back('\x12');
    out.push_back(static_cast<char>(producer.size() & 0x7F));
    out += producer.substr(0, 127);
    const std::string_view graph_name = "main_graph";
    std::string graph;
    graph.push_back('\x12');  // GraphProto.name
    graph.push_back(static_cast<char>(graph_name.size()));
    graph += graph_name;
    out.push_back('\x3a');
    out.push_back(static_cast<char>(graph.size()));
    out += graph;
    out += std::string("\x42\x04\x10\x11\x0a\x00", 6);  // opset_import { version: 17, domain: "" }
    return out;
}

namespace {

ToolError bad_value(const Record& r, std::string_view key, std::string_view value,
                    std::string_view expected) {
    return ToolError{ErrorCode::invalid_format, r.source,
                     fmt::format("{}: '{}' is not {}", key, value, expected), {}, r.line};
}

std::optional<std::uint64_t> parse_size(std::string_view v) {
    std::uint64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc()) return std::nullopt;
    std::string_view unit(p, static_cast<std::size_t>(v.data() + v.size() - p));
    while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
    std::uint64_t mult = 1;
    if (unit.empty()) mult = 1;
    else if (unit == "KiB") mult = 1ull << 10;
    else if (unit == "MiB") mult = 1ull << 20;
    else if (unit == "GiB") mult = 1ull << 30;
    else return std::nullopt;
    if (n > UINT64_MAX / mult) return std::nullopt;
    return n * mult;
}

std::optional<std::vector<int>> parse_dotted(std::string_view v, std::size_t parts) {
    std::vector<int> out;
    while (true) {
        int n = 0;
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || n < 0 || n > 255) return std::nullopt;
        out.push_back(n);
        v.remove_prefix(static_cast<std::size_t>(p - v.data()));
        if (v.empty()) break;
        if (v.front() != '.') return std::nullopt;
        v.remove_prefix(1);
    }
    if (out.size() != parts) return std::nullopt;
    return out;
}

std::optional<bool> parse_bool(std::string_view v) {
    if (v == "true" || v == "yes") return true;
    if (v == "false" || v == "no") return false;
    return std::nullopt;
}

Expected<Description> describe(const Record& r) {
    Description d;
    PlanBuilder b;
    std::string kind = "plan";
    std::string metadata, oid, producer = "pytorch", text;
    std::uint64_t lfs_size = 0;
    for (const auto& field : r.fields) {
        const std::string& key = field.first;  // named, not a structured binding: lambdas capture it
        const std::string& value = field.second;
        auto size = [&]() -> Expected<std::uint64_t> {
            if (auto n = parse_size(value)) return *n;
            return bad_value(r, key, value, "a size (bytes, or N KiB/MiB/GiB)");
        };
        auto flag = [&]() -> Expected<bool> {
            if (auto f = parse_bool(value)) return *f;
            return bad_value(r, key, value, "true or false");
        };
#define TD_TRY(var, expr) \
    auto var = (expr);    \
    if (!var) return var.error()
        if (key == "File") {
            if (value.empty() || value.find('/') != std::string::npos || value.front() == '.') {
                return bad_value(r, key, value, "a plain file name");
            }
            d.file = value;
        } else if (key == "Kind") {
            kind = value;
        } else if (key == "Version") {
            auto v = parse_dotted(value, 4);
            if (!v) return bad_value(r, key, value, "a 4-part version like 8.6.1.6");
            b.version((*v)[0], (*v)[1], (*v)[2], (*v)[3]);
        } else if (key == "CC") {
            auto v = parse_dotted(value, 2);
            if (!v) return bad_value(r, key, value, "a compute capability like 8.9");
            b.cc((*v)[0], (*v)[1]);
        } else if (key == "Generation") {
            if (value == "g1") b.generation(Generation::g1);
            else if (value == "g2") b.generation(Generation::g2);
            else if (value == "g3") b.generation(Generation::g3);
            else return bad_value(r, key, value, "g1, g2 or g3");
        } else if (key == "Serialization") {
            TD_TRY(n, size());
            b.serialization(static_cast<std::uint32_t>(*n));
        } else if (key == "Safe-Serialization") {
            TD_TRY(n, size());
            b.safe_serialization(static_cast<std::uint32_t>(*n));
        } else if (key == "SMs") {
            TD_TRY(n, size());
            b.sms(static_cast<std::uint32_t>(*n));
        } else if (key == "Memory") {
            TD_TRY(n, size());
            b.memory(*n);
        } else if (key == "L2") {
            TD_TRY(n, size());
            b.l2(*n);
        } else if (key == "Integrated") {
            TD_TRY(f, flag());
            b.integrated(*f);
        } else if (key == "Body") {
            TD_TRY(n, size());
            b.body_size(*n);
        } else if (key == "Weights") {
            TD_TRY(n, size());
            b.weights_section(*n);
        } else if (key == "Blob-Header") {
            if (value != "20" && value != "24") return bad_value(r, key, value, "20 or 24");
            b.short_blob_header(value == "20");
        } else if (key == "Truncate") {
            TD_TRY(n, size());
            b.truncate(*n);
        } else if (key == "Append") {
            TD_TRY(n, size());
            b.append(*n);
        } else if (key == "Bad-CRC") {
            TD_TRY(f, flag());
            b.bad_crc(*f);
        } else if (key == "No-End-Marker") {
            TD_TRY(f, flag());
            b.no_end_marker(*f);
        } else if (key == "Section-Overrun") {
            TD_TRY(n, size());
            b.section_overrun(*n);
        } else if (key == "Metadata") {
            metadata = value;
        } else if (key == "Oid") {
            oid = value;
        } else if (key == "Size") {
            TD_TRY(n, size());
            lfs_size = *n;
        } else if (key == "Producer") {
            producer = value;
        } else if (key == "Text") {
            text = value;
        } else if (key == "Description") {
            // free text for the reader of the description file
        } else {
            return ToolError{ErrorCode::invalid_format, r.source,
                             fmt::format("unknown key '{}'", key), {}, r.line};
        }
#undef TD_TRY
    }
    if (d.file.empty()) {
        return ToolError{ErrorCode::invalid_format, r.source, "record has no File key", {}, r.line};
    }
    if (kind == "plan") {
        d.image = b.image();
    } else if (kind == "timing_cache") {
        d.image = b.timing_cache(true).image();
    } else if (kind == "ultralytics") {
        d.image.head = ultralytics_wrap(metadata, b.build());
    } else if (kind == "git_lfs_pointer") {
        d.image.head = git_lfs_pointer(oid, lfs_size);
    } else if (kind == "onnx") {
        d.image.head = onnx_model_stub(8, producer);
    } else if (kind == "empty") {
    } else if (kind == "text") {
        d.image.head = text + "\n";
    } else {
        return bad_value(r, "Kind", kind,
                         "plan, timing_cache, ultralytics, git_lfs_pointer, onnx, empty or text");
    }
    return d;
}

}  // namespace

Expected<std::vector<Description>> parse_descriptions(std::string_view text,
                                                      std::string_view source) {
    auto records = parse_records(text, source);
    if (!records) return records.error();
    std::vector<Description> out;
    for (const auto& r : *records) {
        auto d = describe(r);
        if (!d) return d.error();
        out.push_back(std::move(*d));
    }
    return out;
}

}  // namespace trtdoctor::plan
