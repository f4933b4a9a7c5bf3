#include "log/normaliser.h"

#include <array>
#include <cctype>
#include <charconv>

namespace trtdoctor::log {

std::string_view to_string(Level level) {
    switch (level) {
        case Level::none: return "none";
        case Level::verbose: return "verbose";
        case Level::info: return "info";
        case Level::warning: return "warning";
        case Level::error: return "error";
        case Level::fatal: return "fatal";
    }
    return "none";
}

std::string_view to_string(Origin origin) {
    switch (origin) {
        case Origin::plain: return "plain";
        case Origin::trtexec: return "trtexec";
        case Origin::tensorrt: return "tensorrt";
        case Origin::python: return "python";
        case Origin::triton: return "triton";
        case Origin::onnxruntime: return "onnxruntime";
        case Origin::deepstream: return "deepstream";
        case Origin::trtllm: return "trtllm";
        case Origin::polygraphy: return "polygraphy";
        case Origin::torch_tensorrt: return "torch_tensorrt";
        case Origin::jetson_inference: return "jetson_inference";
    }
    return "plain";
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_left(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_space(s[i])) ++i;
    return s.substr(i);
}

std::string_view trim_right(std::string_view s) {
    std::size_t n = s.size();
    while (n > 0 && is_space(s[n - 1])) --n;
    return s.substr(0, n);
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// Matches `shape` against the start of `s`: '9' a digit, '?' any character, others literal.
bool shape_at(std::string_view s, std::string_view shape) {
    if (s.size() < shape.size()) return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const char c = shape[i];
        if (c == '9') {
            if (!is_digit(s[i])) return false;
        } else if (c != '?' && s[i] != c) {
            return false;
        }
    }
    return true;
}

// Skips digits; returns count.
std::size_t digits_at(std::string_view s, std::size_t i = 0) {
    std::size_t k = i;
    while (k < s.size() && is_digit(s[k])) ++k;
    return k - i;
}

// A single-letter level as used by trtexec, the Python logger and Polygraphy.
bool letter_level(std::string_view t, Level& out) {
    if (t.size() != 1) return false;
    switch (t[0]) {
        case 'V': case 'X': case 'S': case 'D': case 'T': out = Level::verbose; return true;
        case 'I': out = Level::info; return true;
        case 'W': out = Level::warning; return true;
        case 'E': out = Level::error; return true;
        case 'F': case '!': case 'C': out = Level::fatal; return true;
        default: return false;
    }
}

// A level word: ERROR, Warning, info, VERBOSE, INTERNAL_ERROR, ...
bool word_level(std::string_view t, Level& out) {
    static constexpr std::array<std::pair<std::string_view, Level>, 16> words{{
        {"verbose", Level::verbose}, {"debug", Level::verbose}, {"trace", Level::verbose},
        {"info", Level::info}, {"information", Level::info}, {"notice", Level::info},
        {"warning", Level::warning}, {"warn", Level::warning},
        {"error", Level::error}, {"err", Level::error},
        {"fatal", Level::fatal}, {"critical", Level::fatal}, {"internal_error", Level::fatal},
        {"internal error", Level::fatal}, {"kINTERNAL_ERROR", Level::fatal}, {"fixme", Level::warning},
    }};
    for (const auto& [w, l] : words) {
        if (iequals(t, w)) {
            out = l;
            return true;
        }
    }
    return false;
}

// A bracketed token at the start of s: "[...]" without nested ']' (bounded length).
bool bracket_token(std::string_view s, std::string_view& inner, std::size_t& len) {
    if (s.empty() || s[0] != '[') return false;
    const std::size_t close = s.find(']', 1);
    if (close == std::string_view::npos || close > 64) return false;
    inner = s.substr(1, close - 1);
    len = close + 1;
    return true;
}

// Timestamps at the start of s; returns the length consumed (0 if none) and the time text.
std::size_t leading_time(std::string_view s, std::string_view& time) {
    // [MM/DD/YYYY-HH:MM:SS] (trtexec, Python logger)
    if (shape_at(s, "[99/99/9999-99:99:99]")) {
        time = s.substr(1, 19);
        return 21;
    }
    // [YYYY-MM-DD HH:MM:SS(.fff)?] or [YYYY-MM-DD HH:MM:SS   LEVEL] (nested ORT form)
    if (shape_at(s, "[9999-99-99 99:99:99")) {
        std::size_t k = 20;
        while (k < s.size() && (is_digit(s[k]) || s[k] == '.' || s[k] == ',')) ++k;
        if (k < s.size() && s[k] == ']') {
            time = s.substr(1, k - 1);
            return k + 1;
        }
        time = s.substr(1, 19);
        return 20;  // caller handles "   LEVEL]"
    }
    // YYYY-MM-DD[T ]HH:MM:SS(.frac)?(Z|+HH:MM)?:?
    if (shape_at(s, "9999-99-99?99:99:99") && (s[10] == 'T' || s[10] == ' ')) {
        std::size_t k = 19;
        while (k < s.size() && (is_digit(s[k]) || s[k] == '.' || s[k] == ',')) ++k;
        if (k < s.size() && s[k] == 'Z') ++k;
        else if (k + 5 < s.size() && (s[k] == '+' || s[k] == '-') && shape_at(s.substr(k + 1), "99:99")) k += 6;
        time = s.substr(0, k);
        if (k < s.size() && s[k] == ':') ++k;
        return k;
    }
    return 0;
}

struct Cursor {
    std::string_view rest;
    LogLine& out;
    void set_level(Level l) {
        if (out.level == Level::none) out.level = l;
    }
    void take(std::size_t n) { rest = trim_left(rest.substr(n)); }
};

// "ERROR: msg", "WARNING: msg", "[E] msg"-free level words with a colon. Returns true if taken.
bool level_word_colon(Cursor& c) {
    const std::size_t colon = c.rest.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 16) return false;
    Level l;
    if (!word_level(c.rest.substr(0, colon), l)) return false;
    c.set_level(l);
    c.take(colon + 1);
    return true;
}

// Python exceptions ("RuntimeError: ...", "tensorrt.Error: ...") and assertion messages.
void message_level(Cursor& c) {
    if (c.out.level != Level::none) return;
    std::string_view m = c.rest;
    std::size_t k = 0;
    while (k < m.size() && (std::isalnum(static_cast<unsigned char>(m[k])) || m[k] == '_' || m[k] == '.')) ++k;
    if (k > 0 && k < m.size() && m[k] == ':') {
        const std::string_view word = m.substr(0, k);
        if (word.ends_with("Error") || word.ends_with("Exception")) {
            c.out.level = Level::error;
            return;
        }
    }
    // Numeric TensorRT messages: "1: [file::function::line] Error Code 1: ..."
    const std::size_t d = digits_at(m);
    if (d > 0 && d < 4 && m.substr(d).starts_with(": [") && m.find("Error Code") != std::string_view::npos) {
        c.out.level = Level::error;
        if (c.out.origin == Origin::plain) c.out.origin = Origin::tensorrt;
        return;
    }
    if (starts_with(m, "Error Code ") || starts_with(m, "Assertion failed") ||
        starts_with(m, "terminate called") || starts_with(m, "Segmentation fault")) {
        c.out.level = Level::error;
    }
}

// glog (Triton): "I0829 03:48:41.018076 1161 logging.cc:46] msg"
bool glog_prefix(Cursor& c) {
    std::string_view s = c.rest;
    Level l;
    if (s.size() < 22 || !letter_level(s.substr(0, 1), l) || !shape_at(s.substr(1), "9999 99:99:99")) return false;
    const std::size_t close = s.find("] ");
    if (close == std::string_view::npos || close > 80) return false;
    std::size_t t_end = 14;
    while (t_end < s.size() && (is_digit(s[t_end]) || s[t_end] == '.')) ++t_end;
    c.out.time = s.substr(1, t_end - 1);
    c.out.level = l;
    c.out.origin = Origin::triton;
    c.take(close + 2);
    if (c.rest.size() >= 2 && c.rest.front() == '"' && c.rest.back() == '"') {
        c.rest = c.rest.substr(1, c.rest.size() - 2);
    }
    return true;
}

// GStreamer debug lines: "0:00:04.959025154 20780 0x7f4c0022d0 WARN nvinfer file.cpp:635:func:<obj> msg"
bool gstreamer_prefix(Cursor& c) {
    std::string_view s = c.rest;
    const std::size_t h = digits_at(s);
    if (h == 0 || h > 3 || !shape_at(s.substr(h), ":99:99.")) return false;
    std::size_t k = h + 7;
    const std::size_t frac = digits_at(s, k);
    if (frac < 6) return false;
    k += frac;
    const std::string_view time = s.substr(0, k);
    auto field = [&](std::string_view& out) {
        while (k < s.size() && is_space(s[k])) ++k;
        const std::size_t start = k;
        while (k < s.size() && !is_space(s[k])) ++k;
        out = s.substr(start, k - start);
        return !out.empty();
    };
    std::string_view pid, thread, level, category, where;
    if (!field(pid) || !field(thread) || !field(level) || !field(category) || !field(where)) return false;
    Level l;
    if (level == "WARN" || level == "FIXME") l = Level::warning;
    else if (level == "ERROR") l = Level::error;
    else if (level == "INFO") l = Level::info;
    else if (level == "DEBUG" || level == "LOG" || level == "TRACE" || level == "MEMDUMP") l = Level::verbose;
    else return false;
    c.out.time = time;
    c.out.level = l;
    c.out.origin = Origin::deepstream;
    c.rest = trim_left(s.substr(k));
    // "file.cpp:635:gst_nvinfer_logger:<primary_gie> msg": the object may be glued on.
    if (where.find(":<") != std::string_view::npos && where.back() != '>') {
        c.rest = trim_left(s.substr(k - (where.size() - where.find('>') - 1)));
    }
    return true;
}

// ONNX Runtime: "2020-07-14 11:29:28.409 [W:onnxruntime:Default, file.h:36 log] msg"
bool onnxruntime_prefix(Cursor& c) {
    std::string_view s = c.rest;
    if (s.size() < 4 || s[0] != '[' || s[2] != ':' || s.substr(3).find("onnxruntime") != 0) return false;
    const std::size_t close = s.find("] ");
    if (close == std::string_view::npos) return false;
    Level l;
    if (letter_level(s.substr(1, 1), l)) c.set_level(l);
    c.out.origin = Origin::onnxruntime;
    c.take(close + 2);
    // Nested TensorRT message: "[2020-07-14 10:29:28   ERROR] msg"
    if (shape_at(c.rest, "[9999-99-99 99:99:99")) {
        const std::size_t end = c.rest.find(']');
        if (end != std::string_view::npos) {
            const std::string_view inner = trim_left(c.rest.substr(20, end - 20));
            Level nested;
            if (word_level(inner, nested)) c.out.level = nested;
            c.take(end + 1);
        }
    }
    return true;
}

}  // namespace

std::string decode_version_tag(std::string_view tag) {
    if (!tag.empty() && (tag[0] == 'v' || tag[0] == 'V')) tag.remove_prefix(1);
    if (tag.empty() || digits_at(tag) != tag.size()) return {};
    unsigned long n = 0;
    std::from_chars(tag.data(), tag.data() + tag.size(), n);
    unsigned long major = 0, minor = 0, patch = 0;
    if (tag.size() == 4) {
        major = n / 1000;
        minor = (n / 100) % 10;
        patch = n % 100;
    } else if (tag.size() == 6) {
        major = n / 10000;
        minor = (n / 100) % 100;
        patch = n % 100;
    } else {
        return {};
    }
    if (major < 5) return {};
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

LogLine normalise(std::string_view line, std::uint64_t number) {
    LogLine out;
    out.number = number;
    out.raw = line;
    Cursor c{trim_right(trim_left(line)), out};

    // docker compose: "service_1   | rest"
    {
        const std::size_t bar = c.rest.find(" | ");
        if (bar != std::string_view::npos && bar < 48 && bar > 0) {
            std::string_view name = trim_right(c.rest.substr(0, bar));
            bool ident = !name.empty();
            for (char ch : name) {
                if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.')) ident = false;
            }
            if (ident) c.take(bar + 3);
        }
    }

    // trtexec sentinels: "&&&& PASSED TensorRT.trtexec [TensorRT v8203] # ..."
    if (starts_with(c.rest, "&&&& ")) {
        out.origin = Origin::trtexec;
        out.level = starts_with(c.rest.substr(5), "FAILED") ? Level::error : Level::info;
        out.message = c.rest.substr(5);
        return out;
    }
    if (glog_prefix(c) || gstreamer_prefix(c)) {
        message_level(c);
        out.message = c.rest;
        return out;
    }

    // "I[2020-05-16 22:34:15:src/file.cpp:28]:msg" (letter glued to a bracketed time)
    {
        Level l;
        if (c.rest.size() > 3 && c.rest[1] == '[' && letter_level(c.rest.substr(0, 1), l) &&
            shape_at(c.rest.substr(2), "9999-99-99 99:99:99")) {
            const std::size_t close = c.rest.find("]:");
            if (close != std::string_view::npos) {
                out.level = l;
                out.time = c.rest.substr(2, 19);
                c.take(close + 2);
            }
        }
    }

    std::string_view time;
    if (const std::size_t n = leading_time(c.rest, time)) {
        out.time = time;
        c.take(n);
        if (onnxruntime_prefix(c)) {
            message_level(c);
            out.message = c.rest;
            return out;
        }
        // absl/TF style "2024-06-22 20:52:44.773664: T identity.cpp:252] msg"
        Level l;
        if (c.rest.size() > 2 && c.rest[1] == ' ' && letter_level(c.rest.substr(0, 1), l)) {
            const std::size_t close = c.rest.find("] ");
            if (close != std::string_view::npos && close < 64) {
                out.level = l;
                c.take(close + 2);
            }
        }
    }

    // Bracketed tokens: levels, tool tags, repeated ("[TRT] [E]", "[E] [TRT]", "[Info][TRT]").
    bool saw_letter_level = false;
    for (int guard = 0; guard < 6; ++guard) {
        std::string_view inner;
        std::size_t len = 0;
        if (!bracket_token(c.rest, inner, len)) break;
        Level l;
        if (letter_level(inner, l)) {
            c.set_level(l);
            saw_letter_level = true;
            if (out.origin == Origin::plain) {
                out.origin = out.time.empty() ? Origin::polygraphy : Origin::trtexec;
            }
        } else if (inner == "TRT") {
            const std::string_view after = c.rest.substr(len);
            std::string_view next_inner;
            std::size_t next_len = 0;
            Level next_level;
            const bool level_follows = bracket_token(trim_left(after), next_inner, next_len) &&
                                       letter_level(next_inner, next_level);
            if (after.starts_with("   ") && !saw_letter_level && out.time.empty()) {
                out.origin = Origin::jetson_inference;  // "[TRT]    msg"
            } else if (!saw_letter_level && level_follows && !out.time.empty()) {
                out.origin = Origin::python;  // "[date] [TRT] [E] msg"
            } else {
                out.origin = Origin::tensorrt;  // forwarded by trtexec or a C++ logger
            }
        } else if (inner == "TRT-LLM" || inner == "TensorRT-LLM") {
            out.origin = Origin::trtllm;
        } else if (inner == "TensorRT") {
            out.origin = Origin::python;  // "[TensorRT] ERROR: msg"
            c.take(len);
            level_word_colon(c);
            continue;
        } else if (word_level(inner, l)) {
            c.set_level(l);
        } else if (inner.starts_with("Torch-TensorRT")) {
            out.origin = Origin::torch_tensorrt;
            c.take(len);
            if (starts_with(c.rest, "- ")) c.take(2);
            continue;
        } else {
            break;
        }
        c.take(len);
    }

    // Leading level words: "ERROR: [TRT]: msg" (DeepStream), "ERROR: [Torch-TensorRT] - msg",
    // "WARNING:torch_tensorrt.dynamo:msg" (Python logging), "ERROR: msg".
    if (out.level == Level::none || out.origin == Origin::plain) {
        Cursor probe = c;
        LogLine saved = out;
        if (level_word_colon(probe)) {
            c.rest = probe.rest;
            if (starts_with(c.rest, "[TRT]:")) {
                out.origin = Origin::deepstream;
                c.take(6);
            } else if (starts_with(c.rest, "[Torch-TensorRT")) {
                const std::size_t close = c.rest.find(']');
                out.origin = Origin::torch_tensorrt;
                c.take(close + 1);
                if (starts_with(c.rest, "- ")) c.take(2);
            } else if (starts_with(c.rest, "torch_tensorrt") || starts_with(c.rest, "tensorrt_llm") ||
                       starts_with(c.rest, "polygraphy")) {
                const std::size_t colon = c.rest.find(':');
                if (colon != std::string_view::npos) {
                    out.origin = c.rest[0] == 'p' ? Origin::polygraphy
                               : c.rest[1] == 'o' ? Origin::torch_tensorrt : Origin::trtllm;
                    c.take(colon + 1);
                }
            } else if (starts_with(c.rest, "[TRT]")) {
                out.origin = Origin::tensorrt;
                c.take(5);
            }
        } else {
            out = saved;
        }
    }
    if (out.origin == Origin::jetson_inference || out.origin == Origin::tensorrt) {
        Cursor probe = c;
        if (out.level == Level::none && level_word_colon(probe)) c.rest = probe.rest;
    }
    if (c.rest.find("[ONNXRuntimeError]") != std::string_view::npos) {
        if (out.origin == Origin::plain) out.origin = Origin::onnxruntime;
        c.set_level(Level::error);
    }
    message_level(c);
    out.message = c.rest;
    return out;
}

}  // namespace trtdoctor::log
