// FlatStringMap: lookups by any string view, values updated in place, growth keeps every key.
#include "core/flat_string_map.h"

#include <gtest/gtest.h>

#include <string>

namespace partyscreen {
namespace {

TEST(FlatStringMapTest, FindsWhatWasSetAndNothingElse) {
  FlatStringMap<int> m;
  EXPECT_EQ(m.Find("ltd"), nullptr);  // empty: no slots yet
  m.Set("ltd", 1);
  m.Set("", 2);
  m.Set("ltd", 3);  // an update, not a second key
  ASSERT_NE(m.Find("ltd"), nullptr);
  EXPECT_EQ(*m.Find("ltd"), 3);
  EXPECT_EQ(*m.Find(""), 2);
  EXPECT_FALSE(m.Contains("lt"));
  EXPECT_FALSE(m.Contains("ltda"));
  EXPECT_EQ(m.size(), 2u);
}

TEST(FlatStringMapTest, KeepsEveryKeyThroughGrowth) {
  FlatStringMap<size_t> m;
  auto key = [](size_t i) {
    std::string k = "word";
    k += std::to_string(i);  // appended, not "word" + ...: GCC 12's -Wrestrict misfires at -O3
    return k;
  };
  for (size_t i = 0; i < 5000; ++i) m.Set(key(i), i);
  EXPECT_EQ(m.size(), 5000u);
  for (size_t i = 0; i < 5000; ++i) {
    const size_t* v = m.Find(key(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(*v, i);
  }
  EXPECT_FALSE(m.Contains("word5000"));
}

}  // namespace
}  // namespace partyscreen
