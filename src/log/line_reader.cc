#include "log/line_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/input_file.h"

namespace trtdoctor::log {

namespace {

constexpr std::size_t k_binary_window = std::size_t{64} << 10;
constexpr std::size_t k_raw_chunk = std::size_t{256} << 10;

bool is_control(unsigned char c) {
    if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\b' || c == 0x1b) {
        return false;
    }
    return c < 0x20 || c == 0x7f;
}

}  // namespace

bool looks_binary(std::string_view head) {
    if (head.empty()) return false;
    if (std::memchr(head.data(), '\0', head.size()) != nullptr) return true;
    std::size_t odd = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(head.data());
    const std::size_t n = head.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (is_control(c)) ++odd;
            ++i;
            continue;
        }
        std::size_t len = 0;
        if ((c & 0xe0) == 0xc0 && c >= 0xc2) len = 2;
        else if ((c & 0xf0) == 0xe0) len = 3;
        else if ((c & 0xf8) == 0xf0 && c <= 0xf4) len = 4;
        bool ok = len != 0;
        if (ok && i + len > n) {
            break;  // a sequence cut by the window's end is not evidence of anything
        }
        for (std::size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xc0) == 0x80;
        if (ok) {
            i += len;
        } else {
            ++odd;
            ++i;
        }
    }
    // Latin-1 text has a few invalid bytes; compressed or machine data has many.
    return odd * 100 > n * 10;
}

std::uint64_t count_newlines(const char* data, std::size_t size) {
    std::uint64_t total = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n');
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= size) {
        // Accumulate per-byte counters for at most 255 rounds, then sum them.
        __m128i acc = _mm_setzero_si128();
        std::size_t rounds = std::min<std::size_t>(255, (size - i) / 16);
        for (std::size_t r = 0; r < rounds; ++r, i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl));
        }
        const __m128i sums = _mm_sad_epu8(acc, zero);
        total += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
                 static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    }
#endif
    for (; i < size; ++i) total += data[i] == '\n' ? 1 : 0;
    return total;
}

namespace {

// Length of the escape sequence starting at p[0] == ESC (at least 1).
std::size_t escape_length(const char* p, const char* end) {
    if (p + 1 >= end) return 1;
    const char kind = p[1];
    if (kind == '[') {  // CSI: parameters and intermediates, then one final byte
        const char* q = p + 2;
        while (q < end && *q != '\n') {
            const auto c = static_cast<unsigned char>(*q);
            ++q;
            if (c >= 0x40 && c <= 0x7e) break;
        }
        return static_cast<std::size_t>(q - p);
    }
    if (kind == ']') {  // OSC: up to BEL or ESC backslash
        const char* q = p + 2;
        while (q < end && *q != '\n') {
            if (*q == '\a') return static_cast<std::size_t>(q + 1 - p);
            if (*q == 0x1b && q + 1 < end && q[1] == '\\') return static_cast<std::size_t>(q + 2 - p);
            ++q;
        }
        return static_cast<std::size_t>(q - p);
    }
    if (kind == '\n') return 1;
    return 2;  // two-byte escapes such as ESC 7, ESC =
}

bool has_quote_lines(const char* data, std::size_t size) {
    if (size > 0 && data[0] == '>') return true;
    const char* p = data;
    const char* end = data + size;
    while (p < end) {
        const void* hit = std::memchr(p, '>', static_cast<std::size_t>(end - p));
        if (!hit) return false;
        const char* q = static_cast<const char*>(hit);
        if (q > data && q[-1] == '\n') return true;
        p = q + 1;
    }
    return false;
}

}  // namespace

// Byte by byte: needed only when some line starts with a quote prefix.
static std::size_t clean_block_quoted(char* data, std::size_t size) {
    const bool has_quote = true;
    const char* in = data;
    const char* end = data + size;
    char* out = data;
    bool line_start = true;
    while (in < end) {
        if (line_start && has_quote) {
            // "> ", ">> ", "> > " and a bare ">" before the line's end; a long run of '>'
            // is content (">>>>>>>>>>>>>>> Chose Runner Type").
            const char* q = in;
            for (;;) {
                const char* r = q;
                while (r < end && *r == '>' && r - q < 4) ++r;
                const auto run = r - q;
                if (run == 0 || run > 3 || (r < end && *r == '>')) break;
                if (r == end || *r == '\n' || *r == '\r') {
                    q = r;
                    break;
                }
                if (*r != ' ') break;
                q = r + 1;
            }
            in = q;
        }
        line_start = false;
        if (in >= end) break;
        const char c = *in;
        if (c == '\n') {
            *out++ = '\n';
            ++in;
            line_start = true;
        } else if (c == '\r') {
            if (in + 1 < end && in[1] == '\n') {
                ++in;  // dropped; the '\n' is copied next
            } else {
                *out++ = ' ';
                ++in;
            }
        } else if (c == 0x1b) {
            in += escape_length(in, end);
        } else {
            *out++ = c;
            ++in;
        }
    }
    return static_cast<std::size_t>(out - data);
}

std::size_t clean_block(char* data, std::size_t size) {
    // Quote prefixes are rare and '>' is common ("->", ">>>>"), so only look at line starts.
    if (has_quote_lines(data, size)) return clean_block_quoted(data, size);
    char* const end = data + size;
    auto find = [end](char* from, char c) {
        void* hit = std::memchr(from, c, static_cast<std::size_t>(end - from));
        return hit ? static_cast<char*>(hit) : end;
    };
    char* next_cr = find(data, '\r');
    char* next_esc = find(data, 0x1b);
    if (next_cr == end && next_esc == end) return size;
    // Copy the runs between special bytes with memmove; positions of the next CR and ESC are
    // cached so each byte is searched once.
    char* in = std::min(next_cr, next_esc);
    char* out = in;
    while (in < end) {
        if (*in == '\r') {
            if (in + 1 < end && in[1] == '\n') {
                ++in;
            } else {
                *out++ = ' ';
                ++in;
            }
        } else {
            in += escape_length(in, end);
        }
        if (next_cr < in) next_cr = find(in, '\r');
        if (next_esc < in) next_esc = find(in, 0x1b);
        char* const stop = std::min(next_cr, next_esc);
        const auto run = static_cast<std::size_t>(stop - in);
        std::memmove(out, in, run);
        out += run;
        in = stop;
    }
    return static_cast<std::size_t>(out - data);
}

struct LineReader::State {
    InputFile input;
    ReaderOptions options;
    std::string name;
    std::vector<char> buffer;  // capacity = buffer_size + 1 (room for a final '\n')
    std::size_t begin = 0;     // unconsumed data is [begin, fill)
    std::size_t fill = 0;
    bool input_eof = false;  // no more decoded bytes will come
    bool skipping = false;   // discarding the rest of a cut line
    bool checked_binary = false;
    std::uint64_t next_line = 1;
    std::uint64_t truncated = 0;

    // Raw bytes read ahead at open (for the gzip check), served before the file.
    std::string pending;
    std::size_t pending_pos = 0;

    bool gzip = false;
    bool z_ready = false;
    z_stream z{};
    std::vector<unsigned char> zin;
    bool raw_eof = false;

    explicit State(InputFile f) : input(std::move(f)) {}
    ~State() {
        if (z_ready) inflateEnd(&z);
    }

    Expected<std::size_t> read_raw(char* dst, std::size_t n) {
        if (pending_pos < pending.size()) {
            const std::size_t k = std::min(n, pending.size() - pending_pos);
            std::memcpy(dst, pending.data() + pending_pos, k);
            pending_pos += k;
            return k;
        }
        return input.read(dst, n);
    }

    ToolError error(ErrorCode code, std::string message) const {
        return ToolError{code, name, std::move(message), std::nullopt, std::nullopt};
    }

    // Appends up to n decoded bytes at dst; 0 means end of input.
    Expected<std::size_t> read_decoded(char* dst, std::size_t n) {
        if (!gzip) return read_raw(dst, n);
        z.next_out = reinterpret_cast<Bytef*>(dst);
        z.avail_out = static_cast<uInt>(n);
        while (z.avail_out == n) {
            if (z.avail_in == 0 && !raw_eof) {
                auto got = read_raw(reinterpret_cast<char*>(zin.data()), zin.size());
                if (!got) return got.error();
                if (*got == 0) raw_eof = true;
                z.next_in = zin.data();
                z.avail_in = static_cast<uInt>(*got);
            }
            if (z.avail_in == 0 && raw_eof) {
                if (!stream_done) return error(ErrorCode::invalid_format, "gzip stream ends early (truncated file?)");
                return std::size_t{0};
            }
            if (stream_done) {
                // Another member follows (concatenated gzip files).
                inflateReset(&z);
                stream_done = false;
            }
            const int rc = inflate(&z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                stream_done = true;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                return error(ErrorCode::invalid_format,
                             std::string("gzip data is corrupt: ") + (z.msg ? z.msg : "inflate failed"));
            }
        }
        return n - z.avail_out;
    }
    bool stream_done = false;

    // Tops the buffer up until it is full or the input ends.
    Expected<bool> top_up() {
        if (begin > 0) {
            std::memmove(buffer.data(), buffer.data() + begin, fill - begin);
            fill -= begin;
            begin = 0;
        }
        const std::size_t cap = options.buffer_size;
        while (fill < cap && !input_eof) {
            auto got = read_decoded(buffer.data() + fill, cap - fill);
            if (!got) return got.error();
            if (*got == 0) input_eof = true;
            fill += *got;
        }
        if (!checked_binary) {
            checked_binary = true;
            if (looks_binary(std::string_view(buffer.data(), std::min(fill, k_binary_window)))) {
                return error(ErrorCode::binary_input,
                             "binary data, not a text log (NUL or non-text bytes in the first 64 KiB)");
            }
        }
        return true;
    }
};

LineReader::LineReader(std::unique_ptr<State> state) : m_state(std::move(state)) {}
LineReader::LineReader(LineReader&&) noexcept = default;
LineReader& LineReader::operator=(LineReader&&) noexcept = default;
LineReader::~LineReader() = default;

Expected<LineReader> LineReader::open(const std::string& path, ReaderOptions options) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    options.max_line_length = std::max<std::size_t>(options.max_line_length, 16);
    options.buffer_size = std::max(options.buffer_size, options.max_line_length * 4);
    auto state = std::make_unique<State>(std::move(*file));
    state->options = options;
    state->name = state->input.name();
    state->buffer.resize(options.buffer_size + 1);

    auto head = state->input.read_up_to(2);
    if (!head) return head.error();
    state->pending = std::move(*head);
    if (state->pending.size() == 2 && static_cast<unsigned char>(state->pending[0]) == 0x1f &&
        static_cast<unsigned char>(state->pending[1]) == 0x8b) {
        state->gzip = true;
        state->zin.resize(k_raw_chunk);
        if (inflateInit2(&state->z, 15 + 16) != Z_OK) {
            return state->error(ErrorCode::io_error, "cannot start gzip decompression");
        }
        state->z_ready = true;
    }
    return LineReader(std::move(state));
}

Expected<bool> LineReader::next(LineBlock& block) {
    State& s = *m_state;
    const std::size_t max_line = s.options.max_line_length;
    for (;;) {
        if (s.fill - s.begin < s.options.buffer_size / 2 && !s.input_eof) {
            auto ok = s.top_up();
            if (!ok) return ok.error();
        }
        char* buf = s.buffer.data();
        if (s.skipping) {
            const void* nl = std::memchr(buf + s.begin, '\n', s.fill - s.begin);
            if (!nl) {
                s.begin = s.fill;
                if (s.input_eof) return false;
                continue;
            }
            s.begin = static_cast<std::size_t>(static_cast<const char*>(nl) - buf) + 1;
            s.skipping = false;
        }
        if (s.begin == s.fill) {
            if (s.input_eof) return false;
            continue;
        }
        // Walk windows of max_line + 1 bytes: the last '\n' in each proves every line before
        // it fits; a window with none holds the start of an over-long line.
        std::size_t pos = s.begin;
        bool long_line = false;
        while (pos < s.fill) {
            const std::size_t win_end = std::min(pos + max_line + 1, s.fill);
            const void* q = memrchr(buf + pos, '\n', win_end - pos);
            if (q) {
                pos = static_cast<std::size_t>(static_cast<const char*>(q) - buf) + 1;
                continue;
            }
            if (win_end - pos > max_line) long_line = true;
            break;
        }
        if (pos > s.begin) {
            block.data = buf + s.begin;
            block.size = pos - s.begin;
            block.first_line = s.next_line;
            block.truncated = false;
            s.next_line += count_newlines(block.data, block.size);
            s.begin = pos;
            return true;
        }
        if (long_line) {
            buf[pos + max_line] = '\n';  // that byte belongs to the discarded tail
            block.data = buf + pos;
            block.size = max_line + 1;
            block.first_line = s.next_line;
            block.truncated = true;
            s.next_line += 1;
            s.truncated += 1;
            s.begin = pos + max_line + 1;
            s.skipping = true;
            return true;
        }
        // Only a partial line is left.
        if (s.input_eof) {
            buf[s.fill] = '\n';  // the spare byte
            block.data = buf + s.begin;
            block.size = s.fill - s.begin + 1;
            block.first_line = s.next_line;
            block.truncated = false;
            s.next_line += 1;
            s.begin = s.fill = 0;
            return true;
        }
        auto ok = s.top_up();
        if (!ok) return ok.error();
    }
}

std::uint64_t LineReader::lines() const { return m_state->next_line - 1; }
std::uint64_t LineReader::truncated_lines() const { return m_state->truncated; }
std::uint64_t LineReader::bytes_consumed() const { return m_state->input.bytes_read(); }
std::optional<std::uint64_t> LineReader::input_size() const { return m_state->input.size(); }
bool LineReader::compressed() const { return m_state->gzip; }
const std::string& LineReader::name() const { return m_state->name; }

}  // namespace trtdoctor::log
