// OFAC XML formats on the real files in /work/shared/lists/ofac (see PROVENANCE.md there).
// Expected figures come from PROVENANCE.md or from reading the XML with Python's ElementTree.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "core/input.h"
#include "list_test_util.h"
#include "lists/parsers.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

using testutil::FindAlias;
using testutil::FindId;
using testutil::ReadBytes;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kOfac = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac";
const std::string kClassicZip = kOfac + "/sdn-xml-excerpt-2019-03/sdn.xml.zip";
const std::string kEnhancedZip = kOfac + "/nonsdn-enhanced-2025-01/CONS_ENHANCED.ZIP";

// --- classic sdn.xml ---

TEST(OfacSdnXml, ExcerptFromZip) {
  ParseLog log(kClassicZip);
  auto r = ParseOfacSdnXml(ReadBytes(kClassicZip), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 17u);
  EXPECT_EQ(log.skipped(), 0u);
  EXPECT_EQ(r->published, "2019-03-11");  // <publshInformation><Publish_Date>03/11/2019
  EXPECT_EQ(r->list_name, "OFAC Specially Designated Nationals (SDN) List");

  const Entity* bnc = FindId(*r, "ofac:306");
  ASSERT_NE(bnc, nullptr);
  EXPECT_EQ(bnc->name, "BANCO NACIONAL DE CUBA");
  EXPECT_EQ(bnc->schema, Schema::kOrganization);
  EXPECT_THAT(bnc->programs, ElementsAre("CUBA"));
  ASSERT_NE(FindAlias(*bnc, "BNC"), nullptr);
  EXPECT_EQ(FindAlias(*bnc, "BNC")->quality, AliasQuality::kWeak);
  ASSERT_NE(FindAlias(*bnc, "NATIONAL BANK OF CUBA"), nullptr);
  EXPECT_EQ(FindAlias(*bnc, "NATIONAL BANK OF CUBA")->quality, AliasQuality::kStrong);
  ASSERT_EQ(bnc->addresses.size(), 4u);
  EXPECT_EQ(bnc->addresses[0].full, "Zweierstrasse 35, Zurich, CH-8022, Switzerland");
  EXPECT_EQ(bnc->addresses[0].city, "Zurich");
  EXPECT_EQ(bnc->addresses[0].country, "CH");

  const Entity* herrera = FindId(*r, "ofac:4106");
  ASSERT_NE(herrera, nullptr);
  EXPECT_EQ(herrera->name, "HERRERA BUITRAGO, Helmer");
  EXPECT_EQ(herrera->schema, Schema::kPerson);
  EXPECT_THAT(herrera->birth_dates, ElementsAre("1951-08-24", "1951-07-05"));
  ASSERT_EQ(herrera->identifiers.size(), 2u);
  EXPECT_EQ(herrera->identifiers[0].type, "Passport");
  EXPECT_EQ(herrera->identifiers[0].value, "J287011");
  EXPECT_EQ(herrera->identifiers[0].country, "CO");
}

TEST(OfacSdnXml, PlainXmlGivesTheSameAsTheZip) {
  auto xml = ReadZipMember(ReadBytes(kClassicZip), "sdn.xml", "sdn.xml.zip");
  ASSERT_TRUE(xml.ok());
  ParseLog log("sdn.xml");
  auto r = ParseOfacSdnXml(*xml, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 17u);
}

// Issue 12 item 2: a file cut short is refused (it used to load the entries before the cut).
TEST(OfacSdnXml, CutInHalfIsRefusedNamingTheFileAndLine) {
  auto xml = ReadZipMember(ReadBytes(kClassicZip), "sdn.xml", "sdn.xml.zip");
  ASSERT_TRUE(xml.ok());
  const std::string half = xml->substr(0, xml->size() / 2);
  ParseLog log("sdn.xml");
  auto r = ParseOfacSdnXml(half, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("sdn.xml: incomplete or damaged"));
  EXPECT_THAT(r.status().message(), HasSubstr("XML error at line"));
}

TEST(OfacSdnXml, CorruptZipAndGarbageAreErrors) {
  std::string zip = ReadBytes(kClassicZip);
  for (size_t i = 40; i < zip.size() - 30; ++i) zip[i] = static_cast<char>(zip[i] ^ 0x5A);
  ParseLog log("sdn.xml.zip");
  auto r = ParseOfacSdnXml(zip, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("sdn.xml.zip"));

  const std::string cut_zip = ReadBytes(kClassicZip).substr(0, 700);
  EXPECT_FALSE(ParseOfacSdnXml(cut_zip, log).ok());

  auto garbage = ParseOfacSdnXml("\x01\x02 not xml at all <<<", log);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), Status::Code::kCorrupt);
  EXPECT_THAT(garbage.status().message(), HasSubstr("not an OFAC sdn.xml file"));
}

TEST(OfacSdnXml, EntryWithoutUidIsSkippedWithItsLine) {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n<sdnList xmlns=\"http://tempuri.org/sdnList.xsd\">\n"
      "<sdnEntry><lastName>NO UID</lastName><sdnType>Entity</sdnType></sdnEntry>\n"
      "<sdnEntry><uid>7</uid><lastName>KEPT</lastName><sdnType>Entity</sdnType>"
      "<remarks>a.k.a. 'KEPT ALIAS'.</remarks></sdnEntry>\n</sdnList>\n";
  ParseLog log("sdn.xml");
  auto r = ParseOfacSdnXml(xml, log);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].id, "ofac:7");
  EXPECT_NE(FindAlias(r->entities[0], "KEPT ALIAS"), nullptr);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 3u);
}

// --- ENHANCED_XML (CONS_ENHANCED.ZIP) ---

class ConsEnhanced : public testutil::ParsedFileSuite<ConsEnhanced> {
 public:
  static std::string Path() { return kEnhancedZip; }
  static Result<ParsedList> Parse(std::string_view data, ParseLog& log) {
    return ParseOfacEnhancedXml(data, log);
  }
};

TEST_F(ConsEnhanced, CountsAndPublicationDate) {
  EXPECT_EQ(list_->entities.size(), 443u);
  EXPECT_EQ(log_->skipped(), 0u);
  EXPECT_EQ(list_->published, "2025-01-10");
  EXPECT_EQ(list_->list_name, "OFAC Consolidated (non-SDN) List");
  size_t strong = 0, weak = 0, scripted = 0, people = 0;
  for (const Entity& e : list_->entities) {
    EXPECT_EQ(e.source, "ofac-cons");
    people += e.schema == Schema::kPerson;
    for (const Alias& a : e.aliases) {
      if (!a.script.empty()) {
        ++scripted;
      } else if (a.quality == AliasQuality::kWeak) {
        ++weak;
      } else {
        ++strong;
      }
    }
  }
  EXPECT_EQ(people, 80u);    // entityType Individual
  EXPECT_EQ(strong, 1065u);  // distinct Latin alias names (ElementTree count)
  EXPECT_EQ(weak, 70u);      // isLowQuality names
  EXPECT_EQ(scripted, 45u);  // Cyrillic 39, Chinese Simplified 5, Chinese Traditional 1
}

TEST_F(ConsEnhanced, HikvisionRecord) {
  const Entity* e = FindId(*list_, "ofac-cons:30946");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.");
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->list, "Non-SDN CMIC List");
  EXPECT_THAT(e->programs, ElementsAre("CMIC-EO13959"));
  ASSERT_EQ(e->aliases.size(), 2u);
  EXPECT_EQ(e->aliases[0].name, "HIKVISION");
  EXPECT_EQ(e->aliases[0].type, "aka");
  EXPECT_EQ(e->aliases[1].name, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].full, "555, Qianmo Road, Binjiang District, Hangzhou, 310051, China");
  EXPECT_EQ(e->addresses[0].country, "CN");
  EXPECT_THAT(e->countries, ElementsAre("CN"));
  auto has_id = [&](std::string_view type, std::string_view value, std::string_view country) {
    return std::any_of(e->identifiers.begin(), e->identifiers.end(), [&](const Identifier& i) {
      return i.type == type && i.value == value && i.country == country;
    });
  };
  EXPECT_TRUE(has_id("Unified Social Credit Code (USCC)", "91330000733796106P", "CN"));
  EXPECT_TRUE(has_id("ISIN", "CNE100000PM8", ""));
}

TEST_F(ConsEnhanced, NonLatinTranslationsAreAliasesWithTheirScript) {
  const Entity* vtb = nullptr;
  for (const Entity& e : list_->entities)
    if (e.name == "VTB BANK PUBLIC JOINT STOCK COMPANY") vtb = &e;
  ASSERT_NE(vtb, nullptr);
  const Alias* cyrillic = FindAlias(*vtb, "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО");
  ASSERT_NE(cyrillic, nullptr);
  EXPECT_EQ(cyrillic->script, "Cyrillic");
}

TEST_F(ConsEnhanced, IndividualWithBirthDateAndPlace) {
  const Entity* e = FindId(*list_, "ofac-cons:9639");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_THAT(e->birth_dates, ElementsAre("1962"));
  EXPECT_THAT(e->birth_places, ElementsAre("Shati"));
  EXPECT_THAT(e->programs, ElementsAre("NS-PLC"));
  EXPECT_NE(FindAlias(*e, "HANIYYA, Ismaeel"), nullptr);
}

TEST(OfacEnhancedXml, SdnEnhancedFileGetsOfacIds) {
  const std::string xml =
      "<?xml "
      "version=\"1.0\"?>\n<sanctionsData><publicationInfo><dataAsOf>2025-02-03T00:00:00</dataAsOf>"
      "<filters><sanctionsLists><sanctionsList refId=\"1550\">SDN "
      "List</sanctionsList></sanctionsLists>"
      "</filters></publicationInfo>\n<referenceValues><referenceValue refId=\"601\"><type>PARTY "
      "TYPE</type>"
      "<value>Entity</value></referenceValue></referenceValues>\n<entities>\n<entity "
      "id=\"36\"><generalInfo>"
      "<entityType "
      "refId=\"601\"/></generalInfo><names><name><isPrimary>true</isPrimary><isLowQuality>false"
      "</isLowQuality><translations><translation><isPrimary>true</isPrimary><script>Latin</script>"
      "<formattedFullName>AEROCARIBBEAN "
      "AIRLINES</formattedFullName></translation></translations></name>"
      "</names></entity>\n</entities></sanctionsData>\n";
  ParseLog log("SDN_ENHANCED.XML");
  auto r = ParseOfacEnhancedXml(xml, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].id, "ofac:36");
  EXPECT_EQ(r->entities[0].schema, Schema::kOrganization);  // from the referenceValues table
  EXPECT_EQ(r->published, "2025-02-03");
  EXPECT_EQ(r->list_name, "OFAC Specially Designated Nationals (SDN) List");
}

TEST(OfacEnhancedXml, CutInHalfIsRefused) {
  auto xml = ReadZipMember(ReadBytes(kEnhancedZip), "CONS_ENHANCED.XML", "CONS_ENHANCED.ZIP");
  ASSERT_TRUE(xml.ok());
  const std::string half = xml->substr(0, xml->size() / 2);
  ParseLog log("CONS_ENHANCED.XML");
  auto r = ParseOfacEnhancedXml(half, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("CONS_ENHANCED.XML: incomplete or damaged"));
}

TEST(OfacEnhancedXml, CorruptZipIsAnError) {
  std::string zip = ReadBytes(kEnhancedZip);
  zip.resize(zip.size() / 3);
  ParseLog log("CONS_ENHANCED.ZIP");
  auto r = ParseOfacEnhancedXml(zip, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("CONS_ENHANCED.ZIP"));
  EXPECT_FALSE(ParseOfacEnhancedXml("<sdnList/>", log).ok());
}

TEST(OfacEnhancedXml, LoadSnapshotDetectsTheZip) {
  auto snap = LoadSnapshot({{kEnhancedZip, ""}});
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ(snap->entities.size(), 443u);
  ASSERT_EQ(snap->sources.size(), 1u);
  EXPECT_EQ(snap->sources[0].format, "ofac-enhanced-xml");
  EXPECT_EQ(snap->sources[0].published, "2025-01-10");
  EXPECT_NE(snap->Find("ofac-cons:30946"), nullptr);
}

}  // namespace
}  // namespace partyscreen
