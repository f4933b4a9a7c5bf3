#include "plan/blob_layout.h"

#include <vector>

#include "core/byte_cursor.h"

namespace trtdoctor::plan {
namespace {

bool is_tag(ByteCursor& c, std::size_t pos, unsigned char flag) {
    auto b1 = c.peek_le<std::uint8_t>(pos + 1);
    auto b2 = c.peek_le<std::uint16_t>(pos + 2);
    return b1 && b2 && *b1 == flag && *b2 == 1;
}

}  // namespace

std::optional<std::uint64_t> BlobInfo::claimed_size() const {
    return checked_add(header_size, length_field);
}

std::optional<BlobInfo> parse_blob_header(std::string_view bytes) {
    ByteCursor c(bytes);
    if (bytes.substr(0, 4) != "ptrt") return std::nullopt;
    BlobInfo b;
    if (is_tag(c, 24, 0x00)) {
        b.header = BlobHeader::g1;
        b.serialization = *c.peek_le<std::uint32_t>(4);
        b.g1_second = *c.peek_le<std::uint32_t>(8);
        b.length_field = *c.peek_le<std::uint64_t>(12);
        b.crc = *c.peek_le<std::uint32_t>(20);
        return b;
    }
    if (is_tag(c, 24, 0x80)) {
        b.safe_serialization = *c.peek_le<std::uint32_t>(4);
        b.serialization = *c.peek_le<std::uint32_t>(8);
        b.length_field = *c.peek_le<std::uint64_t>(16);
        return b;
    }
    if (is_tag(c, 20, 0x80)) {
        b.header = BlobHeader::short20;
        b.header_size = 20;
        b.serialization = *c.peek_le<std::uint32_t>(4);
        b.length_field = *c.peek_le<std::uint64_t>(8);
        return b;
    }
    return std::nullopt;
}

BodyInfo walk_body(std::string_view body, unsigned char flag) {
    BodyInfo info;
    ByteCursor c(body);
    struct Field {
        unsigned type;
        std::uint64_t value;
    };
    std::vector<Field> fields;
    bool gpu_started = false;
    std::optional<std::size_t> integrated_at;  // index in `numbers`
    std::vector<Field> numbers;                 // numeric fields after the 0x10/0x21 marker
    for (int i = 0; i < 64 && c.remaining() >= 4; ++i) {
        const std::size_t pos = c.position();
        if (!is_tag(c, pos, flag)) break;
        const unsigned type = *c.peek_le<std::uint8_t>(pos);
        c.skip(4);
        if (i == 0 && type == 0x18) {
            info.timing_cache = true;
            return info;
        }
        std::optional<std::uint64_t> value;
        switch (type) {
            case 0x02:
            case 0x0A: value = c.read_le<std::uint8_t>(); break;
            case 0x07: value = c.read_le<std::uint32_t>(); break;
            case 0x08:
            case 0x09: value = c.read_le<std::uint64_t>(); break;
            case 0x10:
            case 0x12:
            case 0x21:
            case 0xE5:
            case 0xD2: value = 0; break;
            default: break;
        }
        if (!value) break;  // unknown tag or the bytes ran out
        fields.push_back({type, *value});
        if (type == 0x10 || type == 0x21) {
            gpu_started = true;
            continue;
        }
        if (!gpu_started) continue;
        if (type == 0x0A && !integrated_at) {
            integrated_at = numbers.size();
        }
        numbers.push_back({type, *value});
        // The device memory is the first 8-byte field after the integrated flag.
        if (integrated_at && (type == 0x08 || type == 0x09)) break;
    }

    std::vector<std::uint64_t> version;
    for (const auto& f : fields) {
        if (f.type != 0x02) break;
        version.push_back(f.value);
        if (version.size() == 4) break;
    }
    if (version.size() == 4) {
        info.version = TrtVersion{static_cast<int>(version[0]), static_cast<int>(version[1]),
                                  static_cast<int>(version[2]), static_cast<int>(version[3])};
    }
    if (numbers.size() >= 2 && numbers[0].type == 0x07 && numbers[1].type == 0x07 &&
        numbers[0].value >= 1 && numbers[0].value <= 20 && numbers[1].value <= 9) {
        BuilderGpu g;
        g.cc_major = static_cast<int>(numbers[0].value);
        g.cc_minor = static_cast<int>(numbers[1].value);
        auto number_at = [&](std::size_t i, unsigned type) -> std::optional<std::uint64_t> {
            if (i < numbers.size() && numbers[i].type == type &&
                (!integrated_at || i < *integrated_at)) {
                return numbers[i].value;
            }
            return std::nullopt;
        };
        if (auto v = number_at(2, 0x07)) g.gpu_clock_khz = static_cast<std::uint32_t>(*v);
        if (auto v = number_at(3, 0x07)) g.memory_clock_khz = static_cast<std::uint32_t>(*v);
        if (auto v = number_at(4, 0x07)) g.bus_width_bits = static_cast<std::uint32_t>(*v);
        if (auto v = number_at(5, 0x08)) g.l2_bytes = *v;
        if (integrated_at && *integrated_at >= 1 && *integrated_at > 5) {
            const auto& sm = numbers[*integrated_at - 1];
            if (sm.type == 0x07) g.sm_count = static_cast<std::uint32_t>(sm.value);
            g.integrated = numbers[*integrated_at].value != 0;
            const auto& last = numbers.back();
            if (numbers.size() > *integrated_at + 1 && (last.type == 0x08 || last.type == 0x09)) {
                g.memory_bytes = last.value;
            }
        }
        info.gpu = g;
    }
    return info;
}

}  // namespace trtdoctor::plan
