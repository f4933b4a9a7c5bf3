// A small streaming JSON writer: correct escaping (invalid UTF-8 becomes U+FFFD), stable
// key order (the order of the calls), optional pretty printing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trtdoctor {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out, bool pretty = true) : m_out(out), m_pretty(pretty) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);

    JsonWriter& value(std::string_view v);
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
    JsonWriter& value(bool v);
    JsonWriter& value(std::int64_t v);
    JsonWriter& value(std::uint64_t v);
    JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(unsigned v) { return value(static_cast<std::uint64_t>(v)); }
    JsonWriter& value(double v);
    JsonWriter& null();
    /// Inserts already-serialised JSON as a value.
    JsonWriter& raw(std::string_view json);

    /// key + value in one call; an empty optional writes null.
    template <class T>
    JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }
    template <class T>
    JsonWriter& field(std::string_view k, const std::optional<T>& v) {
        key(k);
        return v ? value(*v) : null();
    }

private:
    void before_value();
    void newline();

    std::string& m_out;
    bool m_pretty;
    struct Level {
        bool is_object;
        bool empty = true;
    };
    std::vector<Level> m_stack;
    bool m_after_key = false;
};

/// The JSON string literal for `s`, quotes included.
std::string json_quote(std::string_view s);

}  // namespace trtdoctor
