// yente fidelity: yente's examples/match_api.py request and the cases of yente's own tests
// (tests/test_match.py, tests/test_search.py: Putin / Ermakov / Rotenberg examples, no schema,
// unknown algorithm, include/exclude dataset, topics, id pass-through, exclude_entity_ids by
// referent), replayed against a server over the OFAC SDN list of July 2021 and yente's own FtM
// fixtures (shared/lists/opensanctions: yente-zala, yente-t1). Where partyscreen answers
// differently from yente the test says so.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "partyscreen/screener.h"
#include "test_server.h"

namespace partyscreen::server {
namespace {

using nlohmann::json;
using testing::Auth;
using testing::Body;
using testing::kUserKey;

// yente-zala: Alexander Vyacheslavovich ZAKHAROV (Person, ru, born 1965-09-21), on eu_fsf and
// us_ofac_sdn among others, last_change 2026-04-24T10:57:01; one of his referents below.
constexpr char kZakharov[] = "NK-aU5ybkbRFJucf8YMwsJvDw";
constexpr char kZakharovReferent[] = "gb-fcdo-rus2051";

std::string Shared(const std::string& rel) {
  return std::string(PARTYSCREEN_SHARED_DIR) + "/lists/" + rel;
}

class YenteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions o = testing::Options(Shared("ofac/sdn-2021-07"));
    o.lists.push_back(ListSpec{Shared("opensanctions/yente-zala/entities.ftm.json"), "ftm-json"});
    o.lists.push_back(ListSpec{Shared("opensanctions/yente-t1/entities.ftm.json"), "ftm-json"});
    o.max_queries = 100;
    server_ = testing::StartServer(std::move(o)).release();
  }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    return c;
  }
  // POST /match/<path> with {"queries": {key: example}}; the JSON answer (null on no answer).
  static json Match(const std::string& path, const json& queries, int expect_status = 200) {
    auto r = Client().Post("/match/" + path, Auth(kUserKey), json{{"queries", queries}}.dump(),
                           "application/json");
    EXPECT_TRUE(r);
    if (!r) return json();
    EXPECT_EQ(r->status, expect_status) << path << ": " << r->body;
    return Body(r);
  }
  static json Get(const std::string& path, int expect_status = 200) {
    auto r = Client().Get(path, Auth(kUserKey));
    EXPECT_TRUE(r);
    if (!r) return json();
    EXPECT_EQ(r->status, expect_status) << path << ": " << r->body;
    return Body(r);
  }
  // The ids of every result (and its referents) of response `key`.
  static std::set<std::string> Ids(const json& answer, const std::string& key) {
    std::set<std::string> ids;
    for (const json& r : answer["responses"][key]["results"]) {
      ids.insert(r["id"].get<std::string>());
      for (const json& ref : r["referents"]) ids.insert(ref.get<std::string>());
    }
    return ids;
  }
  static json ZakharovExample() {
    return {
        {"schema", "Person"},
        {"properties", {{"name", {"Alexander Vyacheslavovich Zakharov"}}, {"country", "Russia"}}}};
  }
  // The error message of a refused request: yente's "detail".
  static std::string Detail(const json& answer) {
    return answer.contains("detail") ? answer["detail"].get<std::string>() : "(no detail)";
  }

  static Server* server_;
};
Server* YenteTest::server_ = nullptr;

// examples/match_api.py, unchanged: POST /match/sanctions with two examples.
TEST_F(YenteTest, MatchApiExampleRequestWorksOnSanctions) {
  const json batch = {
      {"q1",
       {{"schema", "Person"},
        {"properties",
         {{"name", {"Arkadiii Romanovich Rotenberg", "Ротенберг Аркадий"}},
          {"birthDate", {"1951"}}}}}},
      {"q2",
       {{"schema", "Company"},
        {"properties", {{"name", {"Stroygazmontazh"}}, {"jurisdiction", {"Russia"}}}}}}};
  const json answer = Match("sanctions", batch);
  const json& q2 = answer["responses"]["q2"];
  EXPECT_EQ(q2["query"]["properties"]["jurisdiction"], json::array({"ru"})) << q2.dump();
  ASSERT_FALSE(q2["results"].empty()) << answer.dump();
  EXPECT_EQ(q2["results"][0]["id"], "ofac:16828");  // STROYGAZMONTAZH
  ASSERT_FALSE(answer["responses"]["q1"]["results"].empty()) << answer.dump();
  EXPECT_EQ(answer["responses"]["q1"]["results"][0]["id"], "ofac:16669");  // ROTENBERG, Arkady
  for (const char* field : {"first_seen", "last_seen", "last_change", "referents", "target"})
    EXPECT_TRUE(q2["results"][0].contains(field)) << field;
  EXPECT_TRUE(q2["results"][0]["last_change"].is_null());  // an OFAC CSV row has no dates
}

// test_match_putin, on the fixture's Zakharov: country as text is echoed as yente's code, the id
// has no internal prefix, the dates and merged ids of the FtM record come through.
TEST_F(YenteTest, FtmResultHasYenteIdsCountriesDatesAndReferents) {
  const json answer = Match("default", {{"vv", ZakharovExample()}, {"xx", ZakharovExample()}});
  const json& vv = answer["responses"]["vv"];
  EXPECT_EQ(vv["query"]["schema"], "Person");
  EXPECT_EQ(vv["query"]["properties"]["country"][0], "ru");
  ASSERT_GT(vv["total"]["value"].get<int>(), 0);
  const json& top = vv["results"][0];
  EXPECT_EQ(top["id"], kZakharov) << top.dump();
  EXPECT_EQ(top["first_seen"], "2023-07-19T18:02:43");
  EXPECT_EQ(top["last_change"], "2026-04-24T10:57:01");
  EXPECT_EQ(top["properties"]["country"], json::array({"ru"}));
  EXPECT_NE(top["datasets"].dump().find("eu_fsf"), std::string::npos);
  EXPECT_NE(top["referents"].dump().find(kZakharovReferent), std::string::npos);
  EXPECT_NE(top["properties"]["topics"].dump().find("sanction"), std::string::npos);
}

// yente's test_match case of a name written without spaces: found through /match (engine
// match-14 reads a whole name as one word, docs/MATCHING.md).
TEST_F(YenteTest, NameWrittenWithoutSpacesIsFound) {
  const json answer = Match(
      "default",
      {{"vv",
        {{"schema", "Person"}, {"properties", {{"name", {"alexandervyacheslavovichzakharov"}}}}}}});
  EXPECT_TRUE(Ids(answer, "vv").count(kZakharov)) << answer.dump();
}

TEST_F(YenteTest, QueryWithoutSchemaIsRefusedLikeYente) {
  json answer = Match("default", {{"fail", {{"properties", {{"name", "Banana"}}}}}}, 422);
  EXPECT_NE(Detail(answer).find("schema"), std::string::npos) << answer.dump();
  // yente answers 400 for an unknown schema; partyscreen 422, naming the field.
  answer = Match("default", {{"fail", {{"schema", "xxx"}, {"properties", {{"name", "B"}}}}}}, 422);
  EXPECT_NE(Detail(answer).find("schema"), std::string::npos) << answer.dump();
}

TEST_F(YenteTest, UnknownAlgorithmIsRefusedAndBestIsTheEngine) {
  auto c = Client();
  const std::string body = json{{"queries", {{"vv", ZakharovExample()}}}}.dump();
  auto r = c.Post("/match/default?algorithm=neural-net", Auth(kUserKey), body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_NE(Detail(Body(r)).find("neural-net"), std::string::npos) << r->body;
  // logic-v1, name-based... are yente's engines, not ours: refused rather than silently replaced.
  r = c.Post("/match/default?algorithm=logic-v1", Auth(kUserKey), body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  for (const std::string& name : {std::string("best"), EngineVersion()}) {
    r = c.Post("/match/default?algorithm=" + name, Auth(kUserKey), body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
  }
  // test_match_logic_v2_with_algorithm_config: an unknown config key is 400.
  r = c.Post("/match/default", Auth(kUserKey),
             R"({"queries": {"vv": {"schema": "Person", "properties": {"name": "Zakharov"}}},
                 "config": {"invalid_option": 0.4}})",
             "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
}

TEST_F(YenteTest, ExcludeAndIncludeDatasetFilterResults) {
  const json q = {{"vv", ZakharovExample()}};
  EXPECT_TRUE(Ids(Match("default", q), "vv").count(kZakharov));
  EXPECT_FALSE(Ids(Match("default?exclude_dataset=eu_fsf", q), "vv").count(kZakharov));
  // Only lists without him: nothing of his; with one of his datasets: found.
  EXPECT_FALSE(Ids(Match("default?include_dataset=ofac", q), "vv").count(kZakharov));
  EXPECT_TRUE(
      Ids(Match("default?include_dataset=ofac&include_dataset=eu_fsf", q), "vv").count(kZakharov));
  EXPECT_FALSE(Ids(Match("default?include_dataset=eu_fsf&exclude_dataset=eu_fsf", q), "vv")
                   .count(kZakharov));
  // The dataset in the path filters the same way.
  EXPECT_TRUE(Ids(Match("eu_fsf", q), "vv").count(kZakharov));
  EXPECT_FALSE(Ids(Match("ofac", q), "vv").count(kZakharov));
  // An unknown dataset name is refused (yente would answer 200 with nothing filtered out).
  const json refused = Match("default?exclude_dataset=eu-fsf", q, 422);
  EXPECT_NE(Detail(refused).find("eu-fsf"), std::string::npos) << refused.dump();
  EXPECT_NE(Detail(Match("nope", q, 404)).find("nope"), std::string::npos);
}

TEST_F(YenteTest, TopicsFilterAndUnknownTopicIsRefused) {
  const json q = {{"vv", ZakharovExample()}};
  EXPECT_TRUE(Ids(Match("default?topics=sanction", q), "vv").count(kZakharov));
  EXPECT_FALSE(Ids(Match("default?topics=sanction.linked", q), "vv").count(kZakharov));
  // test_filter_topic: yente answers 200 and nothing for crime.cyber; no loaded listing carries
  // it here, so partyscreen refuses it (a typo would otherwise look like a clean result).
  EXPECT_NE(Detail(Match("default?topics=crime.cyber", q, 422)).find("crime.cyber"),
            std::string::npos);
}

TEST_F(YenteTest, ChangedSinceKeepsOnlyListingsChangedSince) {
  const json q = {{"vv", ZakharovExample()}};
  EXPECT_TRUE(Ids(Match("default?changed_since=2026-04-01", q), "vv").count(kZakharov));
  EXPECT_TRUE(Ids(Match("default?changed_since=2026-04-24T10:00:00", q), "vv").count(kZakharov));
  EXPECT_FALSE(Ids(Match("default?changed_since=2026-04-25", q), "vv").count(kZakharov));
  Match("default?changed_since=yesterday", q, 422);
}

TEST_F(YenteTest, ExcludeEntityIdsByIdOrReferent) {
  const json q = {{"vv", ZakharovExample()}};
  EXPECT_FALSE(
      Ids(Match(std::string("default?exclude_entity_ids=") + kZakharov, q), "vv").count(kZakharov));
  EXPECT_FALSE(Ids(Match(std::string("default?exclude_entity_ids=") + kZakharovReferent, q), "vv")
                   .count(kZakharov));
}

TEST_F(YenteTest, IdPassesThroughAndManyNamesAreScreened) {
  const json rotenberg = {
      {"id", "rotenberg"},
      {"schema", "Person"},
      {"properties",
       {{"name",
         {"Boris Romanovich ROTENBERG", "Boris Borissowitsch Rotenberg",
          "Борис Романович Ротенберг", "Борис РОТЕНБЕРГ", "Rotenberg Boris Romanovich"}}}}};
  const json answer = Match("default", {{"no1", rotenberg}});
  EXPECT_EQ(answer["responses"]["no1"]["query"]["id"], "rotenberg");
  EXPECT_EQ(answer["responses"]["no1"]["query"]["schema"], "Person");
  ASSERT_FALSE(answer["responses"]["no1"]["results"].empty());
  EXPECT_EQ(answer["responses"]["no1"]["results"][0]["id"], "ofac:16671");
  // Without an id the echo says null.
  EXPECT_TRUE(
      Match("default", {{"q", ZakharovExample()}})["responses"]["q"]["query"]["id"].is_null());
}

TEST_F(YenteTest, NumbersInPropertiesAreReadAsText) {
  const json answer =
      Match("default", {{"q",
                         {{"schema", "Person"},
                          {"properties", {{"name", "Rotenberg Arkady"}, {"birthDate", {1951}}}}}}});
  EXPECT_EQ(answer["responses"]["q"]["query"]["properties"]["birthDate"], json::array({"1951"}));
}

TEST_F(YenteTest, LimitUpTo500) {
  const json q = {{"q", ZakharovExample()}};
  EXPECT_EQ(Match("default?limit=500", q)["limit"], 500);
  EXPECT_NE(Detail(Match("default?limit=501", q, 422)).find("limit"), std::string::npos);
}

TEST_F(YenteTest, SearchFindsByNameWithFacetsAndFilters) {
  json answer = Get("/search/default?q=zakharov&limit=20");
  std::set<std::string> ids;
  for (const json& r : answer["results"]) ids.insert(r["id"].get<std::string>());
  EXPECT_TRUE(ids.count(kZakharov)) << answer.dump();
  EXPECT_GE(answer["total"]["value"].get<int>(), 1);
  EXPECT_EQ(answer["limit"], 20);
  EXPECT_TRUE(answer["facets"]["countries"]["values"].is_array());
  EXPECT_NE(answer["facets"]["countries"].dump().find("\"ru\""), std::string::npos);
  // Filters: country, dataset; paging.
  EXPECT_EQ(Get("/search/default?q=zakharov&countries=cu")["total"]["value"], 0);
  EXPECT_EQ(Get("/search/ofac?q=zakharov&datasets=eu_fsf")["total"]["value"], 0);
  const json page = Get("/search/default?q=zakharov&limit=1&offset=1");
  EXPECT_LE(page["results"].size(), 1u);
  // An empty q lists every listing of the dataset.
  EXPECT_EQ(Get("/search/eu_fsf?limit=1")["results"].size(), 1u);
  Get("/search/default?q=zakharov&sort=caption", 422);
  Get("/search/default?q=zakharov&fuzzy=maybe", 422);
}

TEST_F(YenteTest, CatalogAndAlgorithms) {
  const json catalog = Get("/catalog");
  std::set<std::string> names;
  for (const json& d : catalog["datasets"]) names.insert(d["name"].get<std::string>());
  for (const char* name : {"default", "sanctions", "ofac", "ftm", "eu_fsf", "us_ofac_sdn"})
    EXPECT_TRUE(names.count(name)) << name << " " << catalog.dump().substr(0, 500);
  const json algorithms = Get("/algorithms");
  EXPECT_EQ(algorithms["default"], EngineVersion());
  EXPECT_EQ(algorithms["best"], EngineVersion());
}

// nomenklatura's yente enricher reads /entities/{id}'s schema and properties.
TEST_F(YenteTest, EntityIsFtmShapedByPublicIdInternalIdOrReferent) {
  for (const std::string& id :
       {std::string(kZakharov), std::string("ftm:") + kZakharov, std::string(kZakharovReferent)}) {
    const json e = Get("/entities/" + id);
    EXPECT_EQ(e["id"], kZakharov) << id;
    EXPECT_EQ(e["listing_id"], std::string("ftm:") + kZakharov);
    EXPECT_EQ(e["schema"], "Person");
    EXPECT_EQ(e["properties"]["birthDate"], json::array({"1965-09-21"}));
    EXPECT_EQ(e["caption"], "Alexander Vyacheslavovich ZAKHAROV");
  }
  const json ofac = Get("/entities/ofac:16828");
  EXPECT_EQ(ofac["schema"], "Organization");
  EXPECT_EQ(ofac["name"], "STROYGAZMONTAZH");  // partyscreen's own fields stay
  EXPECT_TRUE(ofac["properties"]["name"].is_array());
  EXPECT_NE(Detail(Get("/entities/NK-nope", 404)).find("NK-nope"), std::string::npos);
}

}  // namespace
}  // namespace partyscreen::server
