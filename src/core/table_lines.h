// The lines of a compiled-in word table (data/tables/) that hold data.
#pragma once

#include <string_view>
#include <vector>

namespace partyscreen {

// The lines of a table text that are neither empty nor comments ('#' first), as written (not
// trimmed: a trailing tab may mark an empty column).
std::vector<std::string_view> TableLines(std::string_view text);

}  // namespace partyscreen
