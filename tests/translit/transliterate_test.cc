// Any script to Latin ASCII (transliterate.h) on names as the lists write them.
#include "translit/transliterate.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace partyscreen {
namespace {

TEST(TransliterateTest, ChineseCharactersBecomeJoinedPinyin) {
  // SDN / CSL "CHEN, Quanguo": surname, then the given name written as one word.
  EXPECT_EQ(ToLatinAscii("陈全国"), " chen quanguo ");
}

TEST(TransliterateTest, TraditionalCharactersAreSimplifiedFirst) {
  EXPECT_EQ(ToLatinAscii("陳全國"), ToLatinAscii("陈全国"));
}

TEST(TransliterateTest, CyrillicUsesBgnRomanisation) {
  EXPECT_EQ(ToLatinAscii("Чен Цюаньго"), "chen tsyuan'go");
}

TEST(TransliterateTest, AccentsAreRemovedAndAsciiIsLowerCased) {
  EXPECT_EQ(ToLatinAscii("Łódź Müller"), "lodz muller");
  EXPECT_EQ(ToLatinAscii("BANCO NACIONAL DE CUBA"), "banco nacional de cuba");
}

TEST(TransliterateTest, OtherScriptsReachLatin) {
  EXPECT_EQ(ToLatinAscii("Ολυμπία"), "olympia");
  EXPECT_EQ(ToLatinAscii("ヤマダ"), "yamada");
  EXPECT_FALSE(ToLatinAscii("김정은").empty());
}

// Each thread makes its ICU and OpenCC objects on first use: a thread that meets Cyrillic text
// before Han text and one that meets them the other way round read both alike.
TEST(TransliterateTest, ConvertersMadeOnFirstUseGiveTheSameResultInAnyOrder) {
  std::string cyrillic_first[2], han_first[2];
  std::thread([&] {
    cyrillic_first[0] = ToLatinAscii("ООО Ромашка");
    cyrillic_first[1] = ToLatinAscii("株式会社 陈全国");
  }).join();
  std::thread([&] {
    han_first[1] = ToLatinAscii("株式会社 陈全国");
    han_first[0] = ToLatinAscii("ООО Ромашка");
  }).join();
  EXPECT_EQ(cyrillic_first[0], "ooo romashka");
  EXPECT_EQ(han_first[0], cyrillic_first[0]);
  EXPECT_EQ(han_first[1], cyrillic_first[1]);
  EXPECT_NE(han_first[1].find("chen quanguo"), std::string::npos) << han_first[1];
}

}  // namespace
}  // namespace partyscreen
