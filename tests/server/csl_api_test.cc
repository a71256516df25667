// The trade.gov CSL API served offline (GET /consolidated_screening_list/search and /sources) over
// the real CSL file of April 2022 plus the OFAC SDN CSV of July 2021, called over HTTP the way a
// script written for the CSL API calls it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "test_server.h"

namespace partyscreen::server {
namespace {

using nlohmann::json;
using testing::Body;
using testing::kUserKey;

// The Entity List row of Hikvision in csl-2022-04 (its CMIC row is _id 30946).
constexpr char kHikvisionElId[] = "f095626c9f8becc70b5948507fb6de6e443b257a";
constexpr char kElSource[] = "Entity List (EL) - Bureau of Industry and Security";

// Every field the CSL API documents for a result.
constexpr const char* kResultFields[] = {"id",
                                         "name",
                                         "alt_names",
                                         "type",
                                         "source",
                                         "source_list_url",
                                         "source_information_url",
                                         "programs",
                                         "addresses",
                                         "ids",
                                         "nationalities",
                                         "citizenships",
                                         "dates_of_birth",
                                         "places_of_birth",
                                         "federal_register_notice",
                                         "start_date",
                                         "end_date",
                                         "standard_order",
                                         "license_requirement",
                                         "license_policy",
                                         "call_sign",
                                         "vessel_type",
                                         "gross_tonnage",
                                         "gross_registered_tonnage",
                                         "vessel_flag",
                                         "vessel_owner",
                                         "title",
                                         "remarks",
                                         "entity_number"};

class CslApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = testing::StartServer(testing::CslOptions()).release(); }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  // GET with the CSL API's own header, as its client scripts send it.
  static httplib::Result Get(const std::string& path_and_query) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    return c.Get(path_and_query, {{"subscription-key", kUserKey}});
  }
  static json Search(const std::string& query) {
    auto r = Get("/consolidated_screening_list/search?" + query);
    EXPECT_TRUE(r);
    if (!r) return json();
    EXPECT_EQ(r->status, 200) << query << ": " << r->body;
    return Body(r);
  }
  static const json* FindId(const json& body, const std::string& id) {
    for (const json& r : body["results"])
      if (r["id"] == id) return &r;
    return nullptr;
  }

  static Server* server_;
};
Server* CslApiTest::server_ = nullptr;

TEST_F(CslApiTest, HikvisionShowsTheEntityListRecordWithEveryDocumentedField) {
  const json body = Search("name=hikvision");
  EXPECT_GE(body["total"].get<int>(), 2);  // the Entity List and CMIC rows
  const json* el = FindId(body, kHikvisionElId);
  ASSERT_NE(el, nullptr) << body.dump(1);
  for (const char* field : kResultFields) EXPECT_TRUE(el->contains(field)) << field;
  EXPECT_FALSE(el->contains("score"));  // only fuzzy searches are scored
  EXPECT_EQ((*el)["source"], kElSource);
  EXPECT_EQ((*el)["type"], "Entity");
  EXPECT_EQ((*el)["name"], "Hangzhou Hikvision Digital Technology Co., Ltd.");
  ASSERT_FALSE((*el)["addresses"].empty());
  EXPECT_EQ((*el)["addresses"][0]["country"], "CN");
  EXPECT_TRUE((*el)["license_requirement"].is_string());
  EXPECT_TRUE((*el)["federal_register_notice"].is_string());
  EXPECT_TRUE((*el)["source_information_url"].is_string());
  // The envelope.
  EXPECT_TRUE(body["search_performed_at"].is_string());
  ASSERT_TRUE(body["sources_used"].is_array());
  std::set<std::string> used;
  for (const json& s : body["sources_used"]) {
    used.insert(s["source"].get<std::string>());
    EXPECT_TRUE(s["last_imported"].is_string());
  }
  EXPECT_TRUE(used.count(kElSource));
}

TEST_F(CslApiTest, FuzzyNameFindsAMisspellingWithAScore) {
  EXPECT_EQ(Search("name=hikvison")["total"], 0);  // plain search: the words must be there
  const json body = Search("name=hikvison%20digital%20technology&fuzzy_name=true");
  const json* el = FindId(body, kHikvisionElId);
  ASSERT_NE(el, nullptr) << body.dump(1);
  ASSERT_TRUE((*el)["score"].is_number());
  EXPECT_GT((*el)["score"].get<double>(), 80);
  EXPECT_LE((*el)["score"].get<double>(), 100);
  double previous = 101;  // best first
  for (const json& r : body["results"]) {
    EXPECT_LE(r["score"].get<double>(), previous);
    previous = r["score"].get<double>();
  }
}

TEST_F(CslApiTest, SourcesTypesAndCountriesFilter) {
  const json el = Search("name=hikvision&sources=EL");
  ASSERT_GE(el["total"].get<int>(), 1);
  for (const json& r : el["results"]) EXPECT_EQ(r["source"], kElSource);
  ASSERT_EQ(el["sources_used"].size(), 1u);
  EXPECT_EQ(el["sources_used"][0]["source"], kElSource);
  EXPECT_EQ(Search("name=hikvision&sources=DPL")["total"], 0);

  const json people = Search("sources=SDN&types=Individual&countries=VE&size=50");
  ASSERT_GT(people["total"].get<int>(), 0);
  for (const json& r : people["results"]) {
    EXPECT_EQ(r["type"], "Individual");
    bool venezuela = false;
    for (const json& a : r["addresses"]) venezuela = venezuela || a["country"] == "VE";
    EXPECT_TRUE(venezuela) << r.dump();
  }
  EXPECT_EQ(Search("name=hikvision&countries=US")["total"], 0);
  EXPECT_GE(Search("name=hikvision&countries=cn,us")["total"].get<int>(), 2);
}

TEST_F(CslApiTest, OfacListsLoadedDirectlyAnswerAsSdn) {
  const json body = Search("name=maduro%20moros&sources=SDN");
  const json* maduro = FindId(body, "ofac:22790");
  ASSERT_NE(maduro, nullptr) << body.dump(1);
  EXPECT_EQ((*maduro)["source"], "Specially Designated Nationals (SDN) - Treasury Department");
  EXPECT_EQ((*maduro)["entity_number"], "22790");
  EXPECT_EQ((*maduro)["type"], "Individual");
}

TEST_F(CslApiTest, SizeAndOffsetPageConsistentlyWithTotal) {
  const json first = Search("sources=DPL&size=7");
  const int total = first["total"].get<int>();
  ASSERT_GT(total, 20);
  EXPECT_EQ(first["results"].size(), 7u);
  std::set<std::string> seen;
  for (int offset = 0; offset < total; offset += 50) {
    const json page = Search("sources=DPL&size=50&offset=" + std::to_string(offset));
    EXPECT_EQ(page["total"], total);
    EXPECT_EQ(page["results"].size(), static_cast<size_t>(std::min(50, total - offset)));
    for (const json& r : page["results"]) EXPECT_TRUE(seen.insert(r["id"]).second) << r["id"];
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(total));
  EXPECT_EQ(Search("sources=DPL&size=500")["results"].size(), 50u);  // the API's maximum
  EXPECT_EQ(Search("sources=DPL")["results"].size(), 10u);           // its default
  EXPECT_TRUE(Search("sources=DPL&offset=100000")["results"].empty());
}

TEST_F(CslApiTest, DateRangesFilterStartDate) {
  const json day = Search("sources=EL&start_date=2019-05-21%20TO%202019-05-21&size=50");
  EXPECT_EQ(day["total"], 92);  // Entity List rows of 21 May 2019 in this file
  for (const json& r : day["results"]) EXPECT_EQ(r["start_date"], "2019-05-21");
  const json open = Search("sources=EL&start_date=2022-04-01%20TO%20*");
  EXPECT_GE(open["total"].get<int>(), 121);
  auto bad = Get("/consolidated_screening_list/search?start_date=yesterday");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(CslApiTest, SourcesListsWhatIsLoaded) {
  auto r = Get("/consolidated_screening_list/sources");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::set<std::string> codes;
  const json body = Body(r);  // kept: a range-for over Body(r)["sources"] would dangle
  for (const json& s : body["sources"]) {
    codes.insert(s["code"].get<std::string>());
    EXPECT_GT(s["records"].get<int>(), 0);
  }
  for (const char* code : {"SDN", "EL", "DPL", "UVL", "ISN", "MEU", "SSI", "DTC", "CMIC", "CAP"})
    EXPECT_TRUE(codes.count(code)) << code;
}

TEST_F(CslApiTest, UnknownParametersAndBadValuesAre400) {
  for (const char* query : {"q=hikvision", "name=x&size=ten", "types=Company", "offset=-1",
                            "fuzzy_name=yes&name=x", "countries=CHN", "fuzzy_name=true"}) {
    auto r = Get(std::string("/consolidated_screening_list/search?") + query);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << query;
    const json j = Body(r);
    EXPECT_EQ(j["error"]["code"], "bad_request") << query;
    ASSERT_TRUE(j["errors"].is_array()) << query;
    EXPECT_EQ(j["errors"][0], j["error"]["message"]) << query;
  }
}

TEST_F(CslApiTest, NeedsAKeyInAnyOfTheAcceptedHeaders) {
  httplib::Client c("127.0.0.1", server_->port());
  const std::string path = "/consolidated_screening_list/search?name=hikvision";
  auto none = c.Get(path);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto wrong = c.Get(path, {{"subscription-key", "not-a-key-0123456789"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  for (const httplib::Headers& h :
       {httplib::Headers{{"Authorization", std::string("Bearer ") + kUserKey}},
        httplib::Headers{{"X-API-Key", kUserKey}}, httplib::Headers{{"subscription-key", kUserKey}},
        httplib::Headers{{"Subscription-Key", kUserKey}}}) {
    auto ok = c.Get(path, h);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200) << h.begin()->first;
  }
}

}  // namespace
}  // namespace partyscreen::server
