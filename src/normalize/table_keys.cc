#include "normalize/table_keys.h"

#include <algorithm>

namespace partyscreen {

std::optional<std::string_view> PrecomputedLatin(std::string_view cell) {
  const std::vector<TableKey>& keys = PrecomputedTableKeys();
  const auto at =
      std::lower_bound(keys.begin(), keys.end(), cell,
                       [](const TableKey& k, std::string_view c) { return k.cell < c; });
  if (at == keys.end() || at->cell != cell) return std::nullopt;
  return at->latin;
}

}  // namespace partyscreen
