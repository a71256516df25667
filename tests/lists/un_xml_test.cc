// UN Security Council consolidated XML on the real file /work/shared/lists/un/UN_consolidated.xml.
// Expected figures come from /work/shared/lists/PROVENANCE.md or the raw XML.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "list_test_util.h"
#include "lists/parsers.h"

namespace partyscreen {
namespace {

using testutil::FindId;

using ::testing::HasSubstr;

class UnList : public testutil::ParsedFileSuite<UnList> {
 public:
  static std::string Path() {
    return std::string(PARTYSCREEN_SHARED_DIR) + "/lists/un/UN_consolidated.xml";
  }
  static Result<ParsedList> Parse(std::string_view data, ParseLog& log) {
    return ParseUnXml(data, log);
  }
};

TEST_F(UnList, CountsAgreeWithProvenance) {
  EXPECT_EQ(list_->entities.size(), 1003u);
  EXPECT_EQ(log_->skipped(), 0u);
  const auto persons = std::count_if(list_->entities.begin(), list_->entities.end(),
                                     [](const Entity& e) { return e.schema == Schema::kPerson; });
  EXPECT_EQ(persons, 730);
  EXPECT_EQ(list_->published, "2026-02-27");
  EXPECT_EQ(list_->list_name, "UN Security Council Consolidated List");
}

TEST_F(UnList, FirstIndividualHasNamesProgramsAndBirthYear) {
  const Entity* e = FindId(*list_, "un:6907993");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "un");
  EXPECT_EQ(e->name, "ERIC BADEGE");
  EXPECT_EQ(e->programs, (std::vector<std::string>{"DRC", "CDi.001"}));
  EXPECT_EQ(e->start_date, "2012-12-31");
  EXPECT_EQ(e->birth_dates, std::vector<std::string>{"1971"});
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"CD"});
  EXPECT_EQ(e->gender, "Male");
  EXPECT_THAT(e->remarks, HasSubstr("He fled to Rwanda"));
}

TEST_F(UnList, ArabicOriginalScriptNameIsAnAliasWithItsScript) {
  const auto it = std::find_if(list_->entities.begin(), list_->entities.end(), [](const Entity& e) {
    return std::any_of(e.aliases.begin(), e.aliases.end(),
                       [](const Alias& a) { return a.name == "صدام حسين التكريتي"; });
  });
  ASSERT_NE(it, list_->entities.end());
  const Alias& a = *std::find_if(it->aliases.begin(), it->aliases.end(),
                                 [](const Alias& a) { return a.name == "صدام حسين التكريتي"; });
  EXPECT_EQ(a.script, "Arabic");
  EXPECT_EQ(a.type, "original_script");
}

TEST_F(UnList, LowQualityAliasesAreWeak) {
  // 615 QUALITY "Low" aliases in the raw XML; repeats of the primary name are dropped, so at
  // least most of them must arrive as weak aliases and none of "Good" quality may.
  size_t weak = 0;
  for (const Entity& e : list_->entities)
    for (const Alias& a : e.aliases) weak += a.quality == AliasQuality::kWeak;
  EXPECT_GT(weak, 550u);
  EXPECT_LE(weak, 615u);
}

TEST_F(UnList, BirthYearRangesBecomeEveryYear) {
  size_t ranged = 0;
  for (const Entity& e : list_->entities)
    if (std::find(e.birth_dates.begin(), e.birth_dates.end(), "1973") != e.birth_dates.end() &&
        std::find(e.birth_dates.begin(), e.birth_dates.end(), "1974") != e.birth_dates.end())
      ++ranged;
  EXPECT_GE(ranged, 1u);
}

// Issue 12 item 2: the first 1,000,000 bytes loaded as 464 of 1,003 entities with "1 skipped", and
// "THE HOUTHIS" no longer hit. An incomplete document is now refused as a whole.
TEST(UnXmlDamage, TruncatedFileIsRefusedNamingTheFileAndLine) {
  const std::string all = testutil::ReadSharedList("un/UN_consolidated.xml");
  for (size_t cut : {size_t{1000000}, all.size() / 2, all.size() - 10}) {
    ParseLog log("cut.xml");
    auto r = ParseUnXml(std::string_view(all).substr(0, cut), log);
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_THAT(r.status().message(), HasSubstr("cut.xml"));
    EXPECT_THAT(r.status().message(), HasSubstr("incomplete or damaged"));
    EXPECT_THAT(r.status().message(), HasSubstr("XML error at line"));
  }
}

TEST(UnXmlDamage, GarbageIsAnErrorNamingTheFile) {
  ParseLog log("garbage.xml");
  auto r = ParseUnXml(std::string("\x00\x01<<>>garbage", 13), log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("garbage.xml"));
}

TEST(UnXmlDamage, RecordWithoutNameIsACountedSkip) {
  ParseLog log("small.xml");
  auto r = ParseUnXml(
      "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\"><INDIVIDUALS>"
      "<INDIVIDUAL><DATAID>1</DATAID></INDIVIDUAL>"
      "<INDIVIDUAL><DATAID>2</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>"
      "</INDIVIDUALS></CONSOLIDATED_LIST>",
      log);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.records_seen(), 2u);
}

}  // namespace
}  // namespace partyscreen
