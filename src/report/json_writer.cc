#include "report/json_writer.h"

#include <fmt/format.h>

#include <cmath>

#include "core/text.h"

namespace trtdoctor {

std::string json_quote(std::string_view raw) {
    const std::string s = sanitize_utf8(raw);
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04x}", c);
                else out += ch;
        }
    }
    out += '"';
    return out;
}

void JsonWriter::newline() {
    if (!m_pretty) return;
    m_out += '\n';
    m_out.append(m_stack.size() * 2, ' ');
}

void JsonWriter::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (!m_stack.empty()) {
        if (!m_stack.back().empty) m_out += ',';
        m_stack.back().empty = false;
        newline();
    }
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    m_out += '{';
    m_stack.push_back({true});
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    const bool empty = m_stack.back().empty;
    m_stack.pop_back();
    if (!empty) newline();
    m_out += '}';
    if (m_stack.empty() && m_pretty) m_out += '\n';
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    m_out += '[';
    m_stack.push_back({false});
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    const bool empty = m_stack.back().empty;
    m_stack.pop_back();
    if (!empty) newline();
    m_out += ']';
    if (m_stack.empty() && m_pretty) m_out += '\n';
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    m_out += json_quote(k);
    m_out += m_pretty ? ": " : ":";
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
    before_value();
    m_out += json_quote(v);
    return *this;
}

JsonWriter& JsonWriter::value(bool v) {
    before_value();
    m_out += v ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t v) {
    before_value();
    m_out += fmt::format("{}", v);
    return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t v) {
    before_value();
    m_out += fmt::format("{}", v);
    return *this;
}

JsonWriter& JsonWriter::value(double v) {
    before_value();
    if (!std::isfinite(v)) m_out += "null";
    else m_out += fmt::format("{}", v);
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_out += "null";
    return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
    before_value();
    m_out += json;
    return *this;
}

}  // namespace trtdoctor
