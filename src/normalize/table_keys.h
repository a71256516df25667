// ToLatinAscii of the non-ASCII cells of the compiled-in word tables, computed when the project is
// built (tools/make_table_keys.cc writes table_keys_generated.cc into the build tree).
//
// The name tables hold some forms in other scripts ("ООО", "有限公司", "株式会社"). Transliterating
// them when a process starts would build ICU's Any-Latin and Han-Latin transliterators (~150-300
// ms of rule compilation, most of a warm `batch` start) in every process, also those that only
// ever see Latin names. The build does it once with the same code; the tables read the results.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace partyscreen {

struct TableKey {
  std::string_view cell;   // as written in the table, trimmed
  std::string_view latin;  // ToLatinAscii(cell)
};

// Every non-ASCII cell of data/tables/ that the build saw, sorted by `cell` (bytewise).
const std::vector<TableKey>& PrecomputedTableKeys();

// ToLatinAscii(cell) from the build's results, or nullopt when `cell` is not among them.
std::optional<std::string_view> PrecomputedLatin(std::string_view cell);

}  // namespace partyscreen
