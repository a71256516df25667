// The build's transliteration of the name tables' non-ASCII cells (table_keys.h).
#include "normalize/table_keys.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/strings.h"
#include "core/table_lines.h"
#include "translit/transliterate.h"

namespace partyscreen {
namespace {

// The tables name_tables.cc reads (src/normalize/CMakeLists.txt, name_table_files).
constexpr const char* kNameTables[] = {"legal_forms.tsv",     "honorifics.txt",
                                       "stopwords.txt",       "qualifiers.txt",
                                       "nonprofit_words.txt", "abbreviations.tsv"};

std::string ReadTable(const std::string& file) {
  std::ifstream in(std::string(PARTYSCREEN_SOURCE_DIR) + "/data/tables/" + file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every non-ASCII cell of the tables is there, with what ToLatinAscii gives at run time: a table
// or a transliteration rule changed without a rebuild of the keys would show here.
TEST(TableKeysTest, EveryNonAsciiCellHasItsRunTimeTransliteration) {
  size_t cells = 0;
  for (const char* file : kNameTables) {
    const std::string text = ReadTable(file);
    ASSERT_FALSE(text.empty()) << file;
    for (std::string_view line : TableLines(text))
      for (const std::string& cell : Split(line, "\t")) {
        const std::string_view trimmed = Trim(cell);
        if (IsAscii(trimmed)) continue;
        ++cells;
        const std::optional<std::string_view> latin = PrecomputedLatin(trimmed);
        ASSERT_TRUE(latin.has_value()) << file << ": " << trimmed;
        EXPECT_EQ(*latin, ToLatinAscii(trimmed)) << file << ": " << trimmed;
      }
  }
  EXPECT_GE(cells, 10u);  // ооо, зао, 有限公司, 株式会社...
}

TEST(TableKeysTest, SortedWithoutDuplicatesAndOnlyNonAscii) {
  const std::vector<TableKey>& keys = PrecomputedTableKeys();
  ASSERT_FALSE(keys.empty());
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_FALSE(IsAscii(keys[i].cell)) << keys[i].cell;
    EXPECT_TRUE(IsAscii(keys[i].latin)) << keys[i].cell;
    if (i > 0) {
      EXPECT_LT(keys[i - 1].cell, keys[i].cell);
    }
  }
  EXPECT_EQ(PrecomputedLatin("ооо"), std::optional<std::string_view>("ooo"));
  EXPECT_FALSE(PrecomputedLatin("ltd").has_value());
  EXPECT_FALSE(PrecomputedLatin("оо").has_value());
}

}  // namespace
}  // namespace partyscreen
