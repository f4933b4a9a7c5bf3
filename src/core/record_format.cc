#include "core/record_format.h"

#include <fmt/format.h>

#include "core/text.h"

namespace trtdoctor {

std::optional<std::string_view> Record::get(std::string_view key) const {
    for (const auto& [k, v] : fields) {
        if (k == key) return std::string_view(v);
    }
    return std::nullopt;
}

std::vector<std::string_view> Record::get_all(std::string_view key) const {
    std::vector<std::string_view> out;
    for (const auto& [k, v] : fields) {
        if (k == key) out.emplace_back(v);
    }
    return out;
}

Expected<std::vector<Record>> parse_records(std::string_view text, std::string_view source) {
    std::vector<Record> records;
    Record current;
    std::size_t line_no = 0;
    auto flush = [&] {
        if (!current.fields.empty()) records.push_back(std::move(current));
        current = Record{};
    };
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (trim_blanks(line).empty()) {
            flush();
            continue;
        }
        if (line.front() == '#') continue;
        if (line.front() == ' ' || line.front() == '\t') {
            if (current.fields.empty()) {
                return ToolError{ErrorCode::invalid_format, std::string(source),
                                 "continuation line without a field", std::nullopt, line_no};
            }
            // Continuations fold into one line (prose fields wrap in the file, not on screen).
            auto& value = current.fields.back().second;
            if (!value.empty()) value += ' ';
            value += trim_blanks(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            return ToolError{ErrorCode::invalid_format, std::string(source),
                             fmt::format("expected 'Key: value', got '{}'", line), std::nullopt,
                             line_no};
        }
        if (current.fields.empty()) {
            current.source = std::string(source);
            current.line = line_no;
        }
        current.fields.emplace_back(std::string(trim_blanks(line.substr(0, colon))),
                                    std::string(trim_blanks(line.substr(colon + 1))));
    }
    flush();
    return records;
}

}  // namespace trtdoctor
