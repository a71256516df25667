// Regression tests for inputs the fuzzers (fuzz/, docs/FUZZING.md) found, one per finding, named
// after the case. Each rebuilds the essence of the crashing input from a real file or by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/input.h"
#include "core/strings.h"
#include "list_test_util.h"
#include "lists/parsers.h"
#include "test_zip.h"

namespace partyscreen {
namespace {

using testutil::ReadBytes;

using test_zip::MakeWorkbook;
using ::testing::HasSubstr;

// fuzz_ofac_xml / fuzz_ofac_enhanced_xml: XML damaged between two records logged a skip without
// counting a record, so skipped() > records_seen(). Since issue 12 damaged XML is refused as a
// whole, which also settles the count.
TEST(FuzzRegressions, OfacXmlDamagedBetweenRecordsIsRefused) {
  const std::string zip = ReadBytes(std::string(PARTYSCREEN_SHARED_DIR) +
                                    "/lists/ofac/sdn-xml-excerpt-2019-03/sdn.xml.zip");
  auto xml = ReadZipMember(zip, "sdn.xml", "sdn.xml.zip");
  ASSERT_TRUE(xml.ok()) << xml.status().ToString();
  const std::string damaged = xml->substr(0, xml->find("<sdnEntry>")) + "\n<<<";
  ParseLog log("damaged-sdn.xml");
  auto r = ParseOfacSdnXml(damaged, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("damaged-sdn.xml"));
  EXPECT_LE(log.skipped(), log.records_seen());
}

// fuzz_ofac_xml: pugixml copies invalid UTF-8 into text nodes, so an alias could be non-UTF-8.
TEST(FuzzRegressions, OfacXmlThatIsNotUtf8IsAnError) {
  const std::string zip = ReadBytes(std::string(PARTYSCREEN_SHARED_DIR) +
                                    "/lists/ofac/sdn-xml-excerpt-2019-03/sdn.xml.zip");
  auto xml = ReadZipMember(zip, "sdn.xml", "sdn.xml.zip");
  ASSERT_TRUE(xml.ok()) << xml.status().ToString();
  std::string bad = *xml;
  bad.insert(bad.find("</lastName>"), "\xC3\x28");
  ParseLog log("bad-utf8-sdn.xml");
  auto r = ParseOfacSdnXml(bad, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("UTF-8"));
  EXPECT_THAT(r.status().message(), HasSubstr("bad-utf8-sdn.xml"));
}

// fuzz_uk_ofsi_xlsx: pugixml passes invalid UTF-8 through, so a workbook could give a name that
// is not UTF-8 (the JSON output would then throw). Such a row is now skipped.
TEST(FuzzRegressions, XlsxCellWithInvalidUtf8SkipsTheRow) {
  const std::string sheet =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Name 6</t></is></c><c r="B2" t="inlineStr"><is><t>Group ID</t>)"
      R"(</is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>MIT)"
      "\xFF\xFE"
      R"(HU</t></is></c><c r="B3"><v>1</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>GOOD</t></is></c>)"
      R"(<c r="B4"><v>2</v></c></row></sheetData></worksheet>)";
  ParseLog log("bad-utf8.xlsx");
  auto r = ParseUkOfsiXlsx(MakeWorkbook(sheet), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].name, "GOOD");
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 3u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("UTF-8"));
}

}  // namespace
}  // namespace partyscreen

namespace partyscreen {
namespace {

// fuzz_un_xml: an invalid UTF-8 byte inside a name reached the entity (pugixml does not check).
TEST(FuzzRegressions, UnXmlThatIsNotUtf8IsAnError) {
  std::string xml = testutil::ReadSharedList("un/UN_consolidated.xml");
  ASSERT_FALSE(xml.empty());
  xml.insert(xml.find("</FIRST_NAME>"), "\xC3\x28");
  ParseLog log("bad-utf8-un.xml");
  auto r = ParseUnXml(xml, log);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("UTF-8"), std::string::npos);
  EXPECT_NE(r.status().message().find("bad-utf8-un.xml"), std::string::npos);
}

// fuzz_csl_csv: a record with an invalid UTF-8 byte gave a name that is not UTF-8. That record is
// now skipped with its line; the records around it load.
TEST(FuzzRegressions, CslRecordThatIsNotUtf8IsSkippedWithItsLine) {
  const std::string header =
      "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_"
      "date,"
      "end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_"
      "tonnage,"
      "gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,"
      "citizenships,"
      "dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n";
  auto row = [](const std::string& id, const std::string& name) {
    return id + ",Entity List (EL) - Bureau of Industry and Security,,,," + name +
           std::string(23, ',') + "\n";
  };
  const std::string csv = header + row("a1", "Good One Ltd") + row("a2", "Bad \xC3\x28 Name") +
                          row("a3", "Good Two Ltd");
  ParseLog log("bad-utf8-csl.csv");
  auto r = ParseCslCsv(csv, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 2u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 3u);
  EXPECT_NE(log.issues()[0].reason.find("UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace partyscreen
