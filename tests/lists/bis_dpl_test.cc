#include <gtest/gtest.h>

#include <set>

#include "list_test_util.h"
#include "lists/parsers.h"

namespace partyscreen {
namespace {

const std::string kHeader =
    "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_"
    "Date\"\t"
    "\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n";

TEST(BisDpl, RealFileLoadsEveryRecordWithStableUniqueIds) {
  ParseLog log("dpl.txt");
  auto r = ParseBisDpl(testutil::ReadSharedList("bis/dpl-2023-11/dpl.txt"), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // PROVENANCE.md: header + 665 records. Two of them (DAQING ZHOU, NEI-CHIEN CHU) are published
  // twice, field for field: one entity each, with a note naming the repeat.
  EXPECT_EQ(log.records_seen(), 665u);
  EXPECT_EQ(r->entities.size(), 663u);
  EXPECT_EQ(log.skipped(), 0u);
  ASSERT_EQ(log.issues().size(), 2u);
  EXPECT_NE(log.issues()[0].reason.find("exact repeat of the record on line"), std::string::npos);
  EXPECT_EQ(r->published, "2023-11-16");  // newest Effective_Date
  std::set<std::string> ids;
  for (const Entity& e : r->entities) ids.insert(e.id);
  EXPECT_EQ(ids.size(), r->entities.size()) << "ids must be unique";
  // Parsing again gives the same ids (they are content hashes, not positions).
  ParseLog log2("dpl.txt");
  auto again = ParseBisDpl(testutil::ReadSharedList("bis/dpl-2023-11/dpl.txt"), log2);
  EXPECT_EQ(again->entities[10].id, r->entities[10].id);
}

TEST(BisDpl, LeadingSpaceNameAndLegalFields) {
  ParseLog log("dpl.txt");
  auto r = ParseBisDpl(testutil::ReadSharedList("bis/dpl-2023-11/dpl.txt"), log);
  ASSERT_TRUE(r.ok());
  const Entity& ash = r->entities.front();
  EXPECT_EQ(ash.name, "I. ASH");
  EXPECT_EQ(ash.start_date, "2003-06-19");
  EXPECT_EQ(ash.end_date, "2056-06-29");
  EXPECT_EQ(ash.standard_order, "Y");
  EXPECT_NE(ash.federal_register.find("68 F.R. 38290"), std::string::npos);
  ASSERT_EQ(ash.addresses.size(), 1u);
  EXPECT_EQ(ash.addresses[0].country, "US");
  EXPECT_EQ(ash.source, "bis-dpl");
}

TEST(BisDpl, DahuaElectronicsIsADistinctDplParty) {
  ParseLog log("dpl.txt");
  auto r = ParseBisDpl(testutil::ReadSharedList("bis/dpl-2023-11/dpl.txt"), log);
  ASSERT_TRUE(r.ok());
  bool found = false;
  for (const Entity& e : r->entities)
    if (e.name == "DAHUA ELECTRONICS CORPORATION") found = true;
  EXPECT_TRUE(found);
}

TEST(BisDpl, WrongFieldCountIsSkippedWithItsLine) {
  const std::string data = kHeader +
                           "\"A PERSON\"\t\"1 "
                           "ST\"\t\"X\"\t\"\"\t\"US\"\t\"1\"\t\"01/02/"
                           "2003\"\t\"\"\t\"Y\"\t\"2003-01-02\"\t\"\"\t\"1 FR 2\"\n"
                           "\"BROKEN\"\t\"only three\"\n"
                           "\"B PERSON\"\t\"2 "
                           "ST\"\t\"Y\"\t\"\"\t\"DE\"\t\"2\"\t\"02/03/"
                           "2004\"\t\"\"\t\"N\"\t\"2004-02-03\"\t\"\"\t\"3 FR 4\"\n";
  ParseLog log("dpl.txt");
  auto r = ParseBisDpl(data, log);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entities.size(), 2u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 3u);
}

TEST(BisDpl, TruncatedFileKeepsEarlierRecords) {
  const std::string full = testutil::ReadSharedList("bis/dpl-2023-11/dpl.txt");
  ParseLog log("dpl.txt");
  auto r = ParseBisDpl(full.substr(0, full.size() / 2), log);
  ASSERT_TRUE(r.ok());
  EXPECT_GT(r->entities.size(), 300u);
  EXPECT_LE(log.skipped(), 1u);
}

TEST(BisDpl, NotADplFileIsAClearError) {
  ParseLog log("x.txt");
  auto r = ParseBisDpl("hello\tworld\n", log);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("x.txt line 1"), std::string::npos);
  ParseLog log2("y.txt");
  EXPECT_FALSE(ParseBisDpl("\x91\x92 not utf8", log2).ok());
}

}  // namespace
}  // namespace partyscreen
