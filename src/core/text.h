// Small text helpers shared by every module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trtdoctor {

/// `s` without leading spaces/tabs and trailing spaces/tabs/CR (a line as files write it).
std::string_view trim_blanks(std::string_view s);

std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);

/// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Up to `max` candidates closest to `word` (distance at most a third of its length + 1).
std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t max);

/// "1.5 GiB", "312 KiB", "17 B".
std::string human_bytes(std::uint64_t bytes);

/// "70 74 72 74" for the bytes given (at most `max` bytes, then "...").
std::string hex_bytes(std::string_view bytes, std::size_t max = 32);

/// Printable rendering of bytes: ASCII kept, everything else as \xNN.
std::string printable(std::string_view bytes, std::size_t max = 80);

/// Replaces invalid UTF-8 sequences with U+FFFD so the text can go into JSON.
std::string sanitize_utf8(std::string_view s);

}  // namespace trtdoctor
