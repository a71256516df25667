// The FCDO UK Sanctions List XML parser (format uk-sl-xml) on tests/lists/data/
// uk_sanctions_list_sample.xml: three designations in that layout, written from the facts of the
// same designations in the real OFSI workbook (../shared/lists/uk/ofsi-2025-04). No FCDO file is
// in ../shared/lists, so this checks the layout as publicly described, not a published file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "list_test_util.h"
#include "lists/formats.h"
#include "lists/parsers.h"

namespace partyscreen {
namespace {

using ::testing::HasSubstr;
using testutil::FindAlias;
using testutil::FindId;
using testutil::FindIdentifier;

const std::string kSample =
    std::string(PARTYSCREEN_SOURCE_DIR) + "/tests/lists/data/uk_sanctions_list_sample.xml";

class UkSlSample : public testutil::ParsedFileSuite<UkSlSample> {
 public:
  static std::string Path() { return kSample; }
  static Result<ParsedList> Parse(std::string_view data, ParseLog& log) {
    return ParseUkSanctionsListXml(data, log);
  }
};

TEST_F(UkSlSample, OneEntityPerDesignationWithTheListDate) {
  EXPECT_EQ(list_->entities.size(), 3u);
  EXPECT_EQ(log_->skipped(), 0u);
  EXPECT_EQ(list_->published, "2025-04-10");
  EXPECT_EQ(list_->list_name, "UK Sanctions List");
  auto detected = DetectFormat(kSample, *bytes_);
  ASSERT_TRUE(detected.ok()) << detected.status().ToString();
  EXPECT_EQ((*detected)->name, "uk-sl-xml");
}

TEST_F(UkSlSample, AnIndividualHasItsNamesDatesAndFacts) {
  const Entity* e = FindId(*list_, "uk:AFG0006");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "uk");
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->name, "MOHAMMAD HASSAN AKHUND");  // Name1 Name2 ... Name6
  // "Primary name variation" repeats the primary name but for case: dropped as a repeat.
  EXPECT_EQ(FindAlias(*e, "Mohammad Hassan Akhund"), nullptr);
  const Alias* low = FindAlias(*e, "Hasan Akhund");  // NameType written "ALias"
  ASSERT_NE(low, nullptr);
  EXPECT_EQ(low->quality, AliasQuality::kWeak);
  const Alias* arabic = FindAlias(*e, "محمد حسن آخوند");
  ASSERT_NE(arabic, nullptr);
  EXPECT_EQ(arabic->type, "original_script");
  EXPECT_EQ(arabic->script, "Arabic");
  EXPECT_EQ(e->birth_dates, (std::vector<std::string>{"1945", "1958"}));  // dd/mm/YYYY
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"AF"});
  EXPECT_EQ(e->birth_places,
            std::vector<std::string>{
                "Pashmul village, Panjwai District, Kandahar Province, Afghanistan"});
  EXPECT_EQ(e->title, "Mullah; Haji");
  EXPECT_EQ(e->gender, "Male");
  EXPECT_EQ(e->start_date, "2001-01-25");
  EXPECT_EQ(e->programs,
            std::vector<std::string>{"The Afghanistan (Sanctions) (EU Exit) Regulations 2020"});
  ASSERT_NE(FindIdentifier(*e, "UN Reference Number"), nullptr);
  EXPECT_EQ(FindIdentifier(*e, "UN Reference Number")->value, "TAi.002");
  EXPECT_EQ(FindIdentifier(*e, "OFSI Group ID")->value, "7172");
  EXPECT_EQ(FindIdentifier(*e, "UK Sanctions List Ref")->value, "AFG0006");
  EXPECT_THAT(e->remarks, HasSubstr("Sanctions imposed: Asset freeze, Travel Ban."));
  EXPECT_THAT(e->remarks, HasSubstr("Designation source: UN."));
  EXPECT_THAT(e->remarks, HasSubstr("Position: First Deputy, Council of Ministers"));
  EXPECT_THAT(e->remarks, HasSubstr("Belongs to Kakar tribe."));
}

TEST_F(UkSlSample, AnEntityHasItsAddressAndRegistrationNumber) {
  const Entity* e = FindId(*list_, "uk:RUS2102");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->name, "224TH FLIGHT UNIT STATE AIRLINES");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].country, "RU");
  EXPECT_THAT(e->addresses[0].full, HasSubstr("UL. Matrosskaya Tishina"));
  EXPECT_EQ(e->countries, std::vector<std::string>{"RU"});
  ASSERT_NE(FindIdentifier(*e, "Registration Number"), nullptr);
  EXPECT_EQ(FindIdentifier(*e, "Registration Number")->value, "Russian TIN: 7718763393");
  EXPECT_THAT(e->remarks, HasSubstr("involved person"));
}

TEST_F(UkSlSample, AShipHasItsImoAliasesAndFlag) {
  const Entity* e = FindId(*list_, "uk:DPR0097");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kVessel);
  EXPECT_EQ(e->name, "AN SAN 1");
  EXPECT_NE(FindAlias(*e, "ALCHIMIST ROTTERDAM"), nullptr);
  EXPECT_NE(FindAlias(*e, "ALCHIMIST MARATHON"), nullptr);
  ASSERT_NE(FindIdentifier(*e, "IMO"), nullptr);
  EXPECT_EQ(FindIdentifier(*e, "IMO")->value, "7303803");
  EXPECT_EQ(e->countries, std::vector<std::string>{"KP"});
}

// A designation without a UniqueID or a name is skipped with its position; the rest load.
TEST(UkSlXml, DesignationsWithoutIdOrNameAreSkippedAndNamed) {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<Designations><DateGenerated>02/09/2026</DateGenerated>
<Designation><Names><Name><Name6>NO ID LTD</Name6><NameType>Primary Name</NameType></Name></Names></Designation>
<Designation><UniqueID>RUS0001</UniqueID><Names/></Designation>
<Designation><UniqueID>RUS0002</UniqueID><Names><Name><Name6>KEPT LLC</Name6><NameType>Primary name</NameType></Name></Names><IndividualEntityShip>Entity</IndividualEntityShip></Designation>
</Designations>)";
  ParseLog log("inline.xml");
  auto r = ParseUkSanctionsListXml(xml, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].id, "uk:RUS0002");
  EXPECT_EQ(r->published, "2026-09-02");
  EXPECT_EQ(log.skipped(), 2u);
  EXPECT_EQ(log.records_seen(), 3u);
  ASSERT_EQ(log.issues().size(), 2u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("Designation 1: no UniqueID"));
  EXPECT_THAT(log.issues()[1].reason, HasSubstr("UniqueID RUS0001 has no name"));
  EXPECT_EQ(log.issues()[0].line, 3u);  // the line of each skipped <Designation>
  EXPECT_EQ(log.issues()[1].line, 4u);
}

// A file cut short is refused whole (loading the designations before the cut would drop every
// later one silently); other XML is not this format.
TEST(UkSlXml, TruncatedOrForeignDocumentsAreRefused) {
  auto bytes = ReadListFile(kSample);
  ASSERT_TRUE(bytes.ok());
  const std::string cut = bytes->substr(0, bytes->size() / 2);
  ParseLog log("cut.xml");
  auto truncated = ParseUkSanctionsListXml(cut, log);
  ASSERT_FALSE(truncated.ok());
  EXPECT_THAT(truncated.status().message(), HasSubstr("incomplete or damaged UK Sanctions List"));
  EXPECT_THAT(truncated.status().message(), HasSubstr("cut.xml"));

  ParseLog other_log("un.xml");
  auto other = ParseUkSanctionsListXml("<CONSOLIDATED_LIST/>", other_log);
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(other.status().message(), HasSubstr("no <Designations> root"));
  EXPECT_EQ(FindFormat("uk-sl-xml")->detect("x.xml", "<CONSOLIDATED_LIST dateGenerated=\"\">"), 0);
}

}  // namespace
}  // namespace partyscreen
