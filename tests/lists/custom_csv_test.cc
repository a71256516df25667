// An organisation's own list (docs/CUSTOM_LISTS.md) on the example file
// data/examples/custom_list.csv (fictional people) and on small hand-written inputs for every rule
// of the format.
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

using testutil::ReadBytes;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kExample = std::string(PARTYSCREEN_SOURCE_DIR) + "/data/examples/custom_list.csv";
const std::string kHeader =
    "id,name,aliases,schema,countries,nationalities,birth_dates,identifiers,programs,list,remarks,"
    "legal_basis,"
    "start_date,source_url\n";

TEST(CustomCsvExample, EveryDocumentedColumnIsRead) {
  const std::string bytes = ReadBytes(kExample);
  ParseLog log(kExample);
  auto r = ParseCustomCsv(bytes, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 4u);
  EXPECT_EQ(log.skipped(), 0u);
  EXPECT_TRUE(log.issues().empty());

  const Entity& e = r->entities[0];
  EXPECT_EQ(e.id, "custom:VR-0001");
  EXPECT_EQ(e.source, "custom");
  EXPECT_EQ(e.name, "Marek Dvorsky");
  EXPECT_EQ(e.schema, Schema::kPerson);
  ASSERT_EQ(e.aliases.size(), 2u);
  EXPECT_EQ(e.aliases[0].name, "Marek Dvorsk\u00fd");
  EXPECT_THAT(e.countries, ElementsAre("CZ"));
  EXPECT_THAT(e.birth_dates, ElementsAre("1968-03-14"));
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].type, "Passport");
  EXPECT_EQ(e.identifiers[0].value, "CZ4410927");
  EXPECT_THAT(e.programs, ElementsAre("VISA-RESTRICTION"));
  EXPECT_EQ(e.list, "Example Co. visa-restriction list");
  EXPECT_EQ(e.federal_register, "Internal compliance decision 2024/17");
  EXPECT_EQ(e.start_date, "2024-05-02");
  EXPECT_THAT(e.remarks, HasSubstr("FICTIONAL"));

  EXPECT_EQ(r->entities[1].aliases[0].script, "Cyrillic");
  EXPECT_THAT(r->entities[2].countries, ElementsAre("CY", "AE"));
  EXPECT_EQ(r->entities[3].schema, Schema::kVessel);

  auto format = DetectFormat(kExample, bytes);
  ASSERT_TRUE(format.ok());
  EXPECT_EQ((*format)->name, "custom-csv");
}

TEST(CustomCsvRules, OnlyIdAndNameAreRequiredAndColumnsMayComeInAnyOrder) {
  ParseLog log("min.csv");
  auto r = ParseCustomCsv("Name,ID\nAnn Example,7\n", log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].id, "custom:7");
  EXPECT_EQ(r->entities[0].name, "Ann Example");
  EXPECT_EQ(r->entities[0].list, "Custom list");
}

TEST(CustomCsvRules, HeaderWithoutIdOrNameIsAnError) {
  ParseLog log("noid.csv");
  auto r = ParseCustomCsv("name,country\nAnn,CZ\n", log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("noid.csv"));
  EXPECT_THAT(r.status().message(), HasSubstr("'id'"));
}

TEST(CustomCsvRules, NonUtf8FileIsAnErrorNamingTheLine) {
  ParseLog log("latin1.csv");
  auto r = ParseCustomCsv("id,name\n1,Ann\n2,Ren\xE9\n", log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("latin1.csv line 3"));
  EXPECT_THAT(r.status().message(), HasSubstr("UTF-8"));
}

TEST(CustomCsvRules, BadRowsAreSkippedByLineAndGoodRowsKept) {
  const std::string csv =
      kHeader +
      "1,Good One,,,,,,,,,,,,\n"             // line 2
      "2,,,,,,,,,,,,,\n"                     // line 3: no name
      "3,Bad Id,,,,,,passport-only,,,,,,\n"  // line 4: identifier not type:value
      "4,Bad Date,,,,,not a date,,,,,,,\n"   // line 5
      "1,Duplicate,,,,,,,,,,,,\n"            // line 6: id repeats line 2
      "5,Too,Few\n"                          // line 7
      "6,Bad Schema,,Spaceship,,,,,,,,,,\n"  // line 8
      "7,\"Unterminated,,,,,,,,,,,,,\n"      // line 9: broken quote
      "8,Good Two,,,,,,,,,,,,\n";            // line 10
  ParseLog log("bad.csv");
  auto r = ParseCustomCsv(csv, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 2u);
  EXPECT_EQ(r->entities[0].name, "Good One");
  EXPECT_EQ(r->entities[1].name, "Good Two");
  EXPECT_EQ(log.records_seen(), 9u);
  ASSERT_EQ(log.skipped(), 7u);
  std::vector<uint64_t> lines;
  for (const ParseIssue& i : log.issues()) lines.push_back(i.line);
  EXPECT_THAT(lines, ElementsAre(3, 4, 5, 6, 7, 8, 9));
  EXPECT_THAT(log.issues()[1].reason, HasSubstr("type:value"));
}

TEST(CustomCsvRules, UnknownColumnsAreNotedAndIgnored) {
  ParseLog log("extra.csv");
  auto r = ParseCustomCsv("id,name,favourite_colour\n1,Ann,blue\n", log);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(log.skipped(), 0u);
  ASSERT_EQ(log.issues().size(), 1u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("favourite_colour"));
}

TEST(CustomCsvRules, EmptyFileIsAnError) {
  ParseLog log("empty.csv");
  EXPECT_FALSE(ParseCustomCsv("", log).ok());
}

}  // namespace
}  // namespace partyscreen
