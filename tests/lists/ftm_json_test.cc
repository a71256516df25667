// FollowTheMoney JSON lines on the real OpenSanctions fixtures in /work/shared/lists/opensanctions
// (see PROVENANCE.md there). Expected figures were read from the raw files with Python's json
// module.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "list_test_util.h"
#include "lists/formats.h"
#include "lists/parsers.h"

namespace partyscreen {
namespace {

using testutil::FindAlias;
using testutil::FindId;
using testutil::ReadBytes;

using ::testing::Contains;
using ::testing::HasSubstr;

const std::string kOs = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/opensanctions";

TEST(FtmT1, SixPartiesFromSevenLinesAndTheAddressIsNotAnEntity) {
  const std::string path = kOs + "/yente-t1/entities.ftm.json";
  const std::string bytes = ReadBytes(path);
  ParseLog log(path);
  auto r = ParseFtmJson(bytes, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(log.records_seen(), 7u);  // Person 4, Organization 2, Address 1
  EXPECT_EQ(r->entities.size(), 6u);
  EXPECT_EQ(log.skipped(), 0u);           // the Address is folded, not skipped
  EXPECT_EQ(r->published, "2024-06-01");  // newest last_seen
  auto format = DetectFormat(path, bytes);
  ASSERT_TRUE(format.ok());
  EXPECT_EQ((*format)->name, "ftm-json");
}

TEST(FtmT1, PersonWithBirthDateAndNationality) {
  ParseLog log("t1");
  auto r = ParseFtmJson(ReadBytes(kOs + "/yente-t1/entities.ftm.json"), log);
  ASSERT_TRUE(r.ok());
  const Entity* e = FindId(*r, "ftm:NK-2Ka3UvopqbpZmVDFjWd4LA");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "ftm");
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->name, "Vitaly Yurievich KUZMENKO");  // the caption
  EXPECT_THAT(e->birth_dates, Contains("1971-01-22"));
  EXPECT_THAT(e->nationalities, Contains("RU"));
  EXPECT_THAT(e->programs, Contains("eu_fsf"));  // datasets
}

class FtmZala : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    log_ = new ParseLog("zala");
    auto r = ParseFtmJson(ReadBytes(kOs + "/yente-zala/entities.ftm.json"), *log_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    list_ = new ParsedList(std::move(r).value());
  }
  static void TearDownTestSuite() {
    delete list_;
    delete log_;
  }
  static ParseLog* log_;
  static ParsedList* list_;
};
ParseLog* FtmZala::log_ = nullptr;
ParsedList* FtmZala::list_ = nullptr;

TEST_F(FtmZala, CompaniesAndPeopleBecomeEntitiesRelationsDoNot) {
  // 91 lines: Company 11 + Person 6 = 17 parties; Sanction 41, Ownership 14, Address 11, Family 4,
  // Directorship 3, Passport 1 are folded in or left out, never counted as skipped.
  EXPECT_EQ(log_->records_seen(), 91u);
  EXPECT_EQ(list_->entities.size(), 17u);
  EXPECT_EQ(log_->skipped(), 0u);
}

TEST_F(FtmZala, SanctionsFillProgramsStartDateAndAuthority) {
  const Entity* e =
      FindId(*list_, "ftm:NK-aU5ybkbRFJucf8YMwsJvDw");  // Alexander ZAKHAROV, 13 sanctions
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "Alexander Vyacheslavovich ZAKHAROV");
  EXPECT_THAT(e->programs, Contains("SECO-UKRAINE"));
  EXPECT_THAT(e->programs, Contains("EU-UKR"));
  EXPECT_EQ(e->start_date, "2023-07-01");  // earliest startDate/listingDate of his sanctions
  EXPECT_THAT(e->remarks, HasSubstr("Sanctioned by State Secretariat for Economic Affairs"));
  EXPECT_THAT(e->birth_dates, Contains("1965-09-21"));
}

TEST_F(FtmZala, AddressEntitiesAreResolved) {
  const Entity* e = FindId(*list_, "ftm:NK-aU5ybkbRFJucf8YMwsJvDw");
  ASSERT_NE(e, nullptr);
  const bool izhevsk = std::any_of(e->addresses.begin(), e->addresses.end(), [](const Address& a) {
    return a.full.find("272 Pushkinskaya Street, Apt 41") != std::string::npos && a.country == "RU";
  });
  EXPECT_TRUE(izhevsk);
}

TEST_F(FtmZala, WeakAliasesAreWeakAndCyrillicNamesTagged) {
  const Entity* e = FindId(*list_, "ftm:NK-abdzbEBkqyT29GyREbiURZ");  // LLC CST Company (ZALA)
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  const Alias* zala = FindAlias(*e, "ZALA");
  ASSERT_NE(zala, nullptr);
  EXPECT_EQ(zala->quality, AliasQuality::kWeak);
  size_t cyrillic = 0;
  for (const Entity& x : list_->entities)
    cyrillic += std::count_if(x.aliases.begin(), x.aliases.end(),
                              [](const Alias& a) { return a.script == "Cyrillic"; });
  EXPECT_GT(cyrillic, 0u);
}

TEST(FtmErrors, GarbageLinesAreSkippedByLineAndTheRestKept) {
  std::string bytes = ReadBytes(kOs + "/yente-t1/entities.ftm.json");
  if (bytes.back() != '\n') bytes += '\n';            // the fixture's last line has no line end
  bytes += "this is not json\n";                      // line 8
  bytes += "{\"id\": \"x1\", \"properties\": {}}\n";  // line 9: no schema
  bytes += "[1, 2]\n";                                // line 10: not an object
  bytes += "{\"id\": \"cut\", \"schema\": \"Person\", \"properties\": {\"na";  // line 11: truncated
  ParseLog log("garbage.json");
  auto r = ParseFtmJson(bytes, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 6u);
  ASSERT_EQ(log.skipped(), 4u);
  EXPECT_EQ(log.issues()[0].line, 8u);
  EXPECT_EQ(log.issues()[1].line, 9u);
  EXPECT_THAT(log.issues()[1].reason, HasSubstr("schema"));
  EXPECT_EQ(log.issues()[2].line, 10u);
  EXPECT_EQ(log.issues()[3].line, 11u);
  EXPECT_EQ(log.issues()[0].file, "garbage.json");
}

TEST(FtmErrors, PropertiesOfTheWrongTypeAreIgnoredNotFatal) {
  const std::string line =
      R"({"id": "p1", "schema": "Person", "properties": {"name": ["Ann Example", 7, null], "birthDate": "1970",)"
      R"( "nationality": [{"x": 1}]}, "datasets": "not-a-list"})";
  ParseLog log("types.json");
  auto r = ParseFtmJson(line + "\n", log);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].name, "Ann Example");
  EXPECT_TRUE(r->entities[0].birth_dates.empty());
}

}  // namespace
}  // namespace partyscreen
