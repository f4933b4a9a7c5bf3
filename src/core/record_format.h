// The catalogue's data format: records of "Key: value" lines separated by blank lines.
//
//   # a comment
//   Code: TD1001
//   Name: ENGINE_TRUNCATED
//   Pattern: Size specified in header does not match
//   Fix: copy the file again; it is
//     continued on lines that start with white space (joined with one space)
//
// Keys may repeat (several Pattern lines); order is kept. Chosen over JSON/YAML because
// regular expressions need no escaping and a diff of one rule stays one block.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace trtdoctor {

struct Record {
    std::string source;     ///< file name the record came from
    std::size_t line = 0;   ///< line of its first field
    std::vector<std::pair<std::string, std::string>> fields;

    /// First value of `key`, if present.
    std::optional<std::string_view> get(std::string_view key) const;
    /// Every value of `key`, in order.
    std::vector<std::string_view> get_all(std::string_view key) const;
};

/// Parses a whole file of records; a malformed line is an invalid_format error naming it.
Expected<std::vector<Record>> parse_records(std::string_view text, std::string_view source);

}  // namespace trtdoctor
