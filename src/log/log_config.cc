#include "log/log_config.h"

#include <charconv>

#include "core/input_file.h"
#include "core/record_format.h"

namespace trtdoctor::log {

namespace {

constexpr std::size_t k_max_config_bytes = 1 << 20;

ToolError config_error(const std::string& source, std::size_t line, std::string message) {
    return ToolError{ErrorCode::invalid_format, source, std::move(message), std::nullopt, line};
}

}  // namespace

Expected<LogConfig> parse_log_config(std::string_view text, const std::string& source) {
    auto records = parse_records(text, source);
    if (!records) return records.error();
    LogConfig config;
    for (const auto& r : *records) {
        for (const auto& [key, value] : r.fields) {
            if (key == "FailOn") {
                if (value != "error" && value != "warning" && value != "info" && value != "never") {
                    return config_error(source, r.line,
                                        "FailOn must be error, warning, info or never (got '" + value + "')");
                }
                config.fail_on = value;
            } else if (key == "Ignore") {
                if (value.empty()) return config_error(source, r.line, "Ignore needs a code or a name");
                config.ignore.push_back(value);
            } else if (key == "MaxLineLength") {
                std::size_t n = 0;
                const auto res = std::from_chars(value.data(), value.data() + value.size(), n);
                if (res.ec != std::errc() || res.ptr != value.data() + value.size() || n < 80 ||
                    n > (std::size_t{1} << 20)) {
                    return config_error(source, r.line,
                                        "MaxLineLength must be a number of bytes from 80 to 1048576 (got '" +
                                            value + "')");
                }
                config.max_line_length = n;
            } else {
                return config_error(source, r.line,
                                    "unknown key '" + key + "' (known: FailOn, Ignore, MaxLineLength)");
            }
        }
    }
    return config;
}

Expected<LogConfig> load_log_config(const std::string& path) {
    auto file = InputFile::open(path);
    if (!file) return file.error();
    auto text = file->read_up_to(k_max_config_bytes + 1);
    if (!text) return text.error();
    if (text->size() > k_max_config_bytes) {
        return ToolError{ErrorCode::too_large, file->name(), "configuration file is over 1 MiB", std::nullopt,
                         std::nullopt};
    }
    return parse_log_config(*text, file->name());
}

}  // namespace trtdoctor::log
