#include <gtest/gtest.h>

#include "core/dates.h"
#include "core/sha256.h"
#include "core/strings.h"
#include "partyscreen/entity.h"

namespace partyscreen {
namespace {

TEST(Dates, PartialDatesStayPartial) {
  EXPECT_EQ(ToIsoDate("1955"), "1955");
  EXPECT_EQ(ToIsoDate("Nov 1955"), "1955-11");
  EXPECT_EQ(ToIsoDate("03 Nov 1955"), "1955-11-03");
  EXPECT_EQ(ToIsoDate("1955-11-03"), "1955-11-03");
  EXPECT_EQ(ToIsoDate("circa 1960"), "1960");
}

TEST(Dates, SlashOrderDependsOnTheList) {
  EXPECT_EQ(ToIsoDate("06/19/2003", DateOrder::kMonthFirst), "2003-06-19");
  EXPECT_EQ(ToIsoDate("13/04/2018", DateOrder::kDayFirst), "2018-04-13");
  EXPECT_EQ(ToIsoDate("00/00/1980", DateOrder::kDayFirst), "1980");  // HMT unknown day and month
}

TEST(Dates, OfacRangesExpandToYears) {
  EXPECT_EQ(ToIsoDates("1960 to 1962"), (std::vector<std::string>{"1960", "1961", "1962"}));
  EXPECT_TRUE(ToIsoDates("unknown").empty());
}

TEST(Strings, SplitTrimsAndSkipsEmpty) {
  EXPECT_EQ(Split("SDGT] [IRGC] [IFSR", "] ["), (std::vector<std::string>{"SDGT", "IRGC", "IFSR"}));
  EXPECT_EQ(Split("a; ;b", ";"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(CollapseSpaces("  a \t b  "), "a b");
}

TEST(Strings, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("陈全国"));
  EXPECT_FALSE(IsValidUtf8("\x91quote\x92"));  // Windows-1252 curly quotes
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HmacSha256, Rfc4231Vectors) {
  // Test cases 1 and 2 of RFC 4231.
  EXPECT_EQ(HmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Schema, ParsesListVocabulary) {
  EXPECT_EQ(ParseSchema("individual"), Schema::kPerson);
  EXPECT_EQ(ParseSchema("Entity"), Schema::kOrganization);
  EXPECT_EQ(ParseSchema("vessel"), Schema::kVessel);
  EXPECT_EQ(ParseSchema("banana"), Schema::kUnknown);
}

}  // namespace
}  // namespace partyscreen
