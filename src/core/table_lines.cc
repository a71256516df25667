#include "core/table_lines.h"

#include "core/strings.h"

namespace partyscreen {

std::vector<std::string_view> TableLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const std::string_view trimmed = Trim(line);
    if (!trimmed.empty() && trimmed.front() != '#') lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace partyscreen
