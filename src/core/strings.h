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

// True when the optimal-string-alignment distance between a and b is at most 1 (insert, delete,
// substitute, or swap two neighbours).
bool WithinOneEdit(std::string_view a, std::string_view b);

}  // namespace partyscreen
