// The shrink check (issue 12 item 2): a list version that lost too much of a source is refused.
#include "lists/shrink_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "list_test_util.h"

namespace partyscreen {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ShrinkCheck, CountsEntitiesBySourcePrefix) {
  SourceCounts counts;
  for (const char* id : {"ofac:1", "ofac:2", "un:7", "csl:abc", "ofac:3#2"})
    CountEntitySource(id, counts);
  EXPECT_EQ(counts, (SourceCounts{{"csl", 1}, {"ofac", 3}, {"un", 1}}));
}

TEST(ShrinkCheck, LosingMoreThanTheAllowedShareIsRefusedNamingTheSource) {
  const SourceCounts before{{"ofac", 16446}, {"un", 1003}};
  // The SDN file cut from 16,446 entities to 1,013.
  Status s = CheckShrink(before, {{"ofac", 1013}, {"un", 1003}}, ShrinkPolicy{});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("'ofac' 16446 -> 1013"));
  EXPECT_THAT(s.message(), HasSubstr("--max-shrink 1"));
  EXPECT_THAT(s.message(), Not(HasSubstr("'un'")));
  // Growth, small losses and exactly the limit pass.
  EXPECT_TRUE(CheckShrink(before, {{"ofac", 20000}, {"un", 1000}}, ShrinkPolicy{}).ok());
  EXPECT_TRUE(CheckShrink({{"un", 1000}}, {{"un", 500}}, ShrinkPolicy{}).ok());
  EXPECT_FALSE(CheckShrink({{"un", 1000}}, {{"un", 499}}, ShrinkPolicy{}).ok());
}

TEST(ShrinkCheck, AMissingSourceCountsAsLostAndTheOverrideAcceptsAnything) {
  const SourceCounts before{{"ofac", 100}, {"un", 10}};
  EXPECT_FALSE(CheckShrink(before, {{"ofac", 100}}, ShrinkPolicy{}).ok());
  EXPECT_TRUE(CheckShrink(before, {{"ofac", 1}}, ShrinkPolicy{1.0, ""}).ok());
  EXPECT_FALSE(CheckShrink(before, {{"ofac", 99}, {"un", 10}}, ShrinkPolicy{0.0, ""}).ok());
  EXPECT_FALSE(CheckShrink(before, before, ShrinkPolicy{1.5, ""}).ok());  // out of range
}

TEST(ShrinkCheck, ParseMaxShrinkTakesANumberFromZeroToOne) {
  EXPECT_EQ(*ParseMaxShrink("0.25"), 0.25);
  EXPECT_EQ(*ParseMaxShrink("1"), 1.0);
  EXPECT_FALSE(ParseMaxShrink("").ok());
  EXPECT_FALSE(ParseMaxShrink("nan").ok());
  EXPECT_FALSE(ParseMaxShrink("2").ok());
  EXPECT_FALSE(ParseMaxShrink("0.5x").ok());
}

// The reload path: the served snapshot is the real UN list; the "new" file is a valid list with
// only its first 400 records (a cut made at a record boundary, so the file itself is well-formed).
TEST(ShrinkCheck, ReloadOfAListThatLostMostOfItsRecordsIsRefused) {
  const std::string path = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/un/UN_consolidated.xml";
  auto serving = LoadSnapshot({{path, "un-xml"}});
  ASSERT_TRUE(serving.ok()) << serving.status().ToString();
  const std::string all = testutil::ReadSharedList("un/UN_consolidated.xml");
  size_t cut = 0;
  for (int i = 0; i < 400; ++i) cut = all.find("</INDIVIDUAL>", cut) + 13;
  const std::string shrunk =
      all.substr(0, cut) + "</INDIVIDUALS><ENTITIES></ENTITIES></CONSOLIDATED_LIST>\n";
  const auto dir = std::filesystem::temp_directory_path() / "partyscreen_shrink_test";
  std::filesystem::create_directories(dir);
  const std::string copy = (dir / "UN_consolidated.xml").string();
  std::ofstream(copy, std::ios::binary) << shrunk;
  const std::vector<ListSpec> lists{{copy, "un-xml"}};
  auto next = LoadSnapshot(lists);
  ASSERT_TRUE(next.ok());  // the file itself loads: only the shrink check stops it
  Status s = CheckSnapshotShrink(*serving, *next, *ReloadShrinkPolicy(""));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr("'un' 1003 -> 400"));
  EXPECT_THAT(s.message(), HasSubstr("max_shrink=1"));
  EXPECT_TRUE(CheckSnapshotShrink(*serving, *next, *ReloadShrinkPolicy("1")).ok());
  EXPECT_FALSE(ReloadShrinkPolicy("abc").ok());
  EXPECT_TRUE(CheckSnapshotShrink(*serving, *serving, *ReloadShrinkPolicy("")).ok());  // same
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace partyscreen
