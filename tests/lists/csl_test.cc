// trade.gov CSL parsers (CSV and JSON) on the real files in /work/shared/lists/csl.
// Expected figures come from /work/shared/lists/PROVENANCE.md.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/input.h"
#include "list_test_util.h"
#include "lists/parsers.h"

namespace partyscreen {
namespace {

using testutil::FindId;

using ::testing::HasSubstr;

const std::string kCsl = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/csl";

std::string ReadCsl2022() {
  auto bytes = ReadListFile(kCsl + "/csl-2022-04/consolidated.csv.gz");
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

std::string ReadPlain(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool HasAlias(const Entity& e, std::string_view name) {
  return std::any_of(e.aliases.begin(), e.aliases.end(),
                     [&](const Alias& a) { return a.name == name; });
}

class Csl2022 : public testutil::ParsedFileSuite<Csl2022> {
 public:
  static std::string Path() { return kCsl + "/csl-2022-04/consolidated.csv.gz"; }
  static Result<ParsedList> Parse(std::string_view data, ParseLog& log) {
    return ParseCslCsv(data, log);
  }
};

TEST_F(Csl2022, CountsAgreeWithProvenance) {
  EXPECT_EQ(list_->entities.size(), 14160u);
  EXPECT_EQ(log_->records_seen(), 14160u);
  EXPECT_EQ(log_->skipped(), 0u);
  std::map<std::string, size_t> by_list;
  for (const Entity& e : list_->entities) ++by_list[e.list.substr(0, e.list.find(" - "))];
  EXPECT_EQ(by_list["Specially Designated Nationals (SDN)"], 10026u);
  EXPECT_EQ(by_list["Entity List (EL)"], 2001u);
  EXPECT_EQ(by_list["Denied Persons List (DPL)"], 462u);
  EXPECT_EQ(by_list["Military End User (MEU) List"], 71u);
}

TEST_F(Csl2022, PublishedIsTheNewestListingDate) { EXPECT_EQ(list_->published, "2022-04-21"); }

TEST_F(Csl2022, HikvisionEntityListRowCarriesItsLegalFields) {
  const Entity* e = FindId(*list_, "csl:f095626c9f8becc70b5948507fb6de6e443b257a");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "csl");
  EXPECT_EQ(e->list, "Entity List (EL) - Bureau of Industry and Security");
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->name, "Hangzhou Hikvision Digital Technology Co., Ltd.");
  EXPECT_TRUE(HasAlias(*e, "Hikvision"));
  EXPECT_EQ(e->federal_register, "84 FR 54002; 85 FR 44159");
  EXPECT_EQ(e->start_date, "2019-10-09");
  EXPECT_THAT(e->license_requirement, HasSubstr("For all items subject to the EAR."));
  EXPECT_THAT(e->license_requirement, HasSubstr("744.11"));
  EXPECT_THAT(e->license_policy, HasSubstr("Case-by-case review for ECCNs 1A004.c"));
  EXPECT_THAT(e->license_policy,
              HasSubstr("and presumption of denial for all other items subject to the EAR."));
  ASSERT_EQ(e->addresses.size(), 3u);
  EXPECT_EQ(e->addresses[0].full, "No. 555 Qianmo Road, Binjiang District, Hangzhou, 310052, CN");
  EXPECT_EQ(e->addresses[0].city, "Hangzhou");
  EXPECT_EQ(e->addresses[0].country, "CN");
  EXPECT_EQ(e->addresses[1].city, "Urumqi");
  EXPECT_EQ(e->countries, std::vector<std::string>{"CN"});
  EXPECT_EQ(e->source_url, "http://bit.ly/1L47xrV");
}

TEST_F(Csl2022, ChenQuanguoIsAPersonWithBirthFacts) {
  const Entity* e = FindId(*list_, "csl:29220");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->name, "CHEN, Quanguo");
  EXPECT_EQ(e->programs, std::vector<std::string>{"GLOMAG"});
  EXPECT_EQ(e->birth_dates, std::vector<std::string>{"1955"});
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"Pingyu, Henan, China"});
  EXPECT_EQ(e->gender, "Male");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].country, "CN");
}

TEST_F(Csl2022, October2019EntityListRowsCarry84Fr54002) {
  // PROVENANCE.md: 27 EL rows of the 9 October 2019 rule read "84 FR 54002"; Shihezi reads 54004.
  size_t n = 0;
  for (const Entity& e : list_->entities)
    if (e.federal_register.find("84 FR 54002") != std::string::npos) {
      ++n;
      EXPECT_EQ(e.start_date, "2019-10-09") << e.id;
      EXPECT_EQ(e.list, "Entity List (EL) - Bureau of Industry and Security") << e.id;
    }
  EXPECT_EQ(n, 27u);
}

TEST_F(Csl2022, EntityListAndJoinedAliasesAreClean) {
  const auto it = std::find_if(list_->entities.begin(), list_->entities.end(), [](const Entity& e) {
    return e.name == "Beijing Sensetime Technology Development Co., Ltd.";
  });
  ASSERT_NE(it, list_->entities.end());
  EXPECT_TRUE(HasAlias(*it, "Beijing Shangtang Technology Development Co., Ltd."));
  EXPECT_TRUE(HasAlias(*it, "Sense Time"));
  const auto kel = std::find_if(
      list_->entities.begin(), list_->entities.end(),
      [](const Entity& e) { return e.name == "Kelamayi Municipality Public Security Bureau"; });
  ASSERT_NE(kel, list_->entities.end());
  EXPECT_TRUE(HasAlias(*kel, "Qaramay Municipality Public Security Bureau"));
  for (const Entity& e : list_->entities)
    for (const Alias& a : e.aliases) ASSERT_FALSE(a.name.rfind("and ", 0) == 0) << e.id << a.name;
}

TEST_F(Csl2022, PassportWithTwoDatesKeepsCountryNumberAndDates) {
  const Entity* e = FindId(*list_, "csl:17291");
  ASSERT_NE(e, nullptr);
  auto it = std::find_if(e->identifiers.begin(), e->identifiers.end(),
                         [](const Identifier& i) { return i.type == "Passport"; });
  ASSERT_NE(it, e->identifiers.end());
  EXPECT_EQ(it->value, "K475336");
  EXPECT_EQ(it->country, "JO");
  EXPECT_EQ(it->note, "issued 2009-08-31; expires 2014-08-30");
}

TEST(Csl2023Excerpt, RepeatedHeaderIsSkippedAndTheCutLastRecordReported) {
  // The excerpt ends inside a quoted field of its last record (checked with Python's csv module:
  // 4,226 complete 29-field rows, then one of 8 fields); PROVENANCE.md counts 4,228.
  ParseLog log("csl.csv");
  auto r = ParseCslCsv(ReadPlain(kCsl + "/csl-2023-11-excerpt/csl.csv"), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 4226u);
  EXPECT_EQ(log.skipped(), 1u);
  EXPECT_EQ(r->published, "2023-11-16");
  // Type-first identifiers of this file: "Cedula No., 42895110, CO".
  const Entity* e = FindId(*r, "csl:11474");
  ASSERT_NE(e, nullptr);
  ASSERT_FALSE(e->identifiers.empty());
  EXPECT_EQ(e->identifiers[0].type, "Cedula No.");
  EXPECT_EQ(e->identifiers[0].value, "42895110");
  EXPECT_EQ(e->identifiers[0].country, "CO");
}

// --- damaged input ---

TEST(CslCsvDamage, TruncatedMidRecordKeepsEarlierRecords) {
  const std::string all = ReadCsl2022();
  const size_t cut = all.find("f095626c9f8becc70b5948507fb6de6e443b257a") + 200;
  ParseLog log("cut.csv");
  auto r = ParseCslCsv(std::string_view(all).substr(0, cut), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(log.skipped(), 1u);  // the cut record
  ASSERT_FALSE(log.issues().empty());
  EXPECT_EQ(log.issues().back().file, "cut.csv");
  EXPECT_GT(r->entities.size(), 5000u);
  EXPECT_NE(FindId(*r, "csl:29220"), nullptr);
}

TEST(CslCsvDamage, WrongFieldCountAndUnterminatedQuoteAreCountedSkips) {
  std::string all = ReadCsl2022();
  const std::string header = all.substr(0, all.find('\n') + 1);
  const std::string chen =
      "29220,Specially Designated Nationals (SDN) - Treasury Department,29220,Individual,GLOMAG,"
      "\"CHEN, Quanguo\",,\"Xinjiang, CN\",,,,,,,,,,,,,,http://bit.ly/1I7ipyR,\"\",\"\",1955,\"\","
      "\"Pingyu, Henan, China\",http://bit.ly/1MLgpye,\"Male, Gender\"\n";
  const std::string text = header + chen + "1,too,few,fields\n" + chen + "2,\"unterminated,x\n";
  ParseLog log("bad.csv");
  auto r = ParseCslCsv(text, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 2u);
  EXPECT_EQ(log.skipped(), 2u);
  ASSERT_EQ(log.issues().size(), 2u);
  EXPECT_EQ(log.issues()[0].line, 3u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("found 4"));
  EXPECT_EQ(log.issues()[1].line, 5u);
}

TEST(CslCsvDamage, GarbageIsAnErrorNamingTheFile) {
  ParseLog log("garbage.bin");
  auto r = ParseCslCsv(std::string("\x00\xff\x13garbage\n\x01", 13), log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("garbage.bin"));
}

TEST(CslCsvDamage, CutGzipIsAnError) {
  const std::string gz = ReadPlain(kCsl + "/csl-2022-04/consolidated.csv.gz");
  auto r = Gunzip(std::string_view(gz).substr(0, gz.size() / 2), "cut.csv.gz");
  EXPECT_FALSE(r.ok());
}

// --- JSON ---

// Chen Quanguo and the Jordanian passport row, as trade.gov's JSON API writes them.
constexpr std::string_view kJson = R"json({"total": 2, "results": [
 {"_id": "29220", "source": "Specially Designated Nationals (SDN) - Treasury Department",
  "entity_number": "29220", "type": "Individual", "programs": ["GLOMAG"], "name": "CHEN, Quanguo",
  "title": null, "addresses": [{"address": null, "city": "Xinjiang", "state": null,
  "postal_code": null, "country": "CN"}], "federal_register_notice": null, "start_date": null,
  "end_date": null, "standard_order": null, "license_requirement": null, "license_policy": null,
  "call_sign": null, "vessel_type": null, "gross_tonnage": null, "gross_registered_tonnage": null,
  "vessel_flag": null, "vessel_owner": null, "remarks": null,
  "source_list_url": "http://bit.ly/1I7ipyR", "alt_names": [], "citizenships": [],
  "dates_of_birth": ["1955"], "nationalities": [], "places_of_birth": ["Pingyu, Henan, China"],
  "source_information_url": "http://bit.ly/1MLgpye",
  "ids": [{"type": "Gender", "number": "Male", "country": null}]},
 {"_id": "f095626c9f8becc70b5948507fb6de6e443b257a",
  "source": "Entity List (EL) - Bureau of Industry and Security", "type": null, "programs": [],
  "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
  "addresses": [{"address": "No. 555 Qianmo Road, Binjiang District", "city": "Hangzhou",
   "state": null, "postal_code": "310052", "country": "CN"}],
  "federal_register_notice": "84 FR 54002; 85 FR 44159", "start_date": "2019-10-09",
  "license_requirement": "For all items subject to the EAR.  (See §744.11 of the EAR)",
                           "alt_names" : ["Hikvision"],
                           "source_list_url" : "http://bit.ly/1L47xrV",
                           "ids": []}
]})json";

TEST(CslJson, SameRecordGivesTheSameEntityAsTheCsv) {
  ParseLog csv_log("consolidated.csv");
  auto csv = ParseCslCsv(ReadCsl2022(), csv_log);
  ASSERT_TRUE(csv.ok());
  ParseLog json_log("consolidated.json");
  auto json = ParseCslJson(kJson, json_log);
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  ASSERT_EQ(json->entities.size(), 2u);
  for (const Entity& j : json->entities) {
    const Entity* c = FindId(*csv, j.id);
    ASSERT_NE(c, nullptr) << j.id;
    EXPECT_EQ(j.name, c->name);
    EXPECT_EQ(j.list, c->list);
    EXPECT_EQ(j.schema, c->schema);
    EXPECT_EQ(j.programs, c->programs);
    EXPECT_EQ(j.birth_dates, c->birth_dates);
    EXPECT_EQ(j.birth_places, c->birth_places);
    EXPECT_EQ(j.gender, c->gender);
    EXPECT_EQ(j.federal_register, c->federal_register);
    EXPECT_EQ(j.start_date, c->start_date);
    EXPECT_EQ(j.license_requirement, c->license_requirement);
    EXPECT_EQ(j.source_url, c->source_url);
    ASSERT_EQ(j.aliases.size(), c->aliases.size());
    ASSERT_FALSE(j.addresses.empty());
    EXPECT_EQ(j.addresses[0].full, c->addresses[0].full);
    EXPECT_EQ(j.addresses[0].city, c->addresses[0].city);
    EXPECT_EQ(j.addresses[0].country, c->addresses[0].country);
  }
  EXPECT_EQ(json->published, "2019-10-09");
}

TEST(CslJson, WrongTypesAreCountedSkipsNamingTheRecord) {
  ParseLog log("bad.json");
  auto r = ParseCslJson(
      R"({"results": [{"_id": "1", "name": "OK CO"}, {"_id": "2", "name": ["not", "text"]},
        {"_id": "3", "name": "X", "addresses": "nowhere"}, 7]})",
      log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(log.skipped(), 3u);
  ASSERT_EQ(log.issues().size(), 3u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("results[1]"));
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("\"name\""));
}

TEST(CslJson, TruncatedJsonIsAnErrorNamingTheFile) {
  ParseLog log("cut.json");
  auto r = ParseCslJson(kJson.substr(0, kJson.size() / 2), log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("cut.json"));
}

}  // namespace
}  // namespace partyscreen
