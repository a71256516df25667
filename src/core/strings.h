// Small ASCII string helpers shared by every module (no locale, no allocation where avoidable).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

std::string_view Trim(std::string_view s);  // strips ASCII whitespace both ends
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
bool IEquals(std::string_view a, std::string_view b);  // ASCII case-insensitive
// Splits on every occurrence of `sep`; trims each part; drops empty parts when skip_empty.
std::vector<std::string> Split(std::string_view s, std::string_view sep, bool skip_empty = true);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Collapses runs of whitespace to one space and trims.
std::string CollapseSpaces(std::string_view s);
// True if `s` is valid UTF-8.
bool IsValidUtf8(std::string_view s);
// True if every byte of `s` is below 0x80 (plain ASCII: nothing to transliterate).
bool IsAscii(std::string_view s);

// WithinOneEdit once the cheap tests below have passed.
bool WithinOneEditCompared(std::string_view a, std::string_view b);

// True when the optimal-string-alignment distance between a and b is at most 1 (insert, delete,
// substitute, or swap two neighbours). Inline: the matcher asks it of a million word pairs a
// second, nearly all of them rejected by a length or by both end letters (one edit leaves the
// first or the last letter of words of 3+ letters in place).
inline bool WithinOneEdit(std::string_view a, std::string_view b) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > 1) return false;
  if (a.size() >= 3 && b.size() >= 3 && a.front() != b.front() && a.back() != b.back())
    return false;
  return WithinOneEditCompared(a, b);
}

}  // namespace partyscreen
