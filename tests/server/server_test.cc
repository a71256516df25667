// The HTTP API end to end: a real Server on a free loopback port serving the OFAC SDN list of
// July 2021 (/work/shared/lists/ofac/sdn-2021-07), called over HTTP with httplib::Client.
#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "partyscreen/screener.h"
#include "partyscreen/store.h"
#include "test_server.h"

namespace partyscreen::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using testing::Auth;
using testing::Body;
using testing::kAdminKey;
using testing::kSlowdown;
using testing::kUserKey;
using testing::Options;
using testing::StartServer;
// From sdn-2021-07/sdn.csv: ent_num 22790 "MADURO MOROS, Nicolas", DOB 23 Nov 1962;
// ent_num 306 "BANCO NACIONAL DE CUBA".
constexpr char kMaduroId[] = "ofac:22790";
constexpr char kBncId[] = "ofac:306";

std::string Shared(const std::string& rel) {
  return std::string(PARTYSCREEN_SHARED_DIR) + "/lists/" + rel;
}

// A private copy of an OFAC CSV set, so a test can replace the files and reload.
class ListDir {
 public:
  explicit ListDir(const std::string& name)
      : dir_(fs::temp_directory_path() /
             ("partyscreen_server_test_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~ListDir() { fs::remove_all(dir_); }
  // Makes the directory hold exactly the files of `shared_dir`.
  void CopyFrom(const std::string& shared_dir) {
    for (const auto& e : fs::directory_iterator(dir_)) fs::remove(e.path());
    for (const auto& e : fs::directory_iterator(Shared(shared_dir)))
      fs::copy_file(e.path(), dir_ / e.path().filename());
  }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

void ExpectJsonError(const httplib::Result& r, int status, const std::string& code) {
  ASSERT_TRUE(r) << "no response";
  EXPECT_EQ(r->status, status) << r->body;
  const json j = Body(r);
  ASSERT_TRUE(j.is_object()) << r->body;
  EXPECT_EQ(j["error"]["code"], code) << r->body;
  EXPECT_TRUE(j["error"]["message"].is_string()) << r->body;
  EXPECT_EQ(j["detail"], j["error"]["message"]) << r->body;  // yente clients read "detail"
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    lists_ = new ListDir("main");
    lists_->CopyFrom("ofac/sdn-2021-07");
    server_ = StartServer(Options(lists_->path())).release();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete lists_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    return c;
  }

  static ListDir* lists_;
  static Server* server_;
};
ListDir* ServerTest::lists_ = nullptr;
Server* ServerTest::server_ = nullptr;

TEST_F(ServerTest, HealthAndReadinessNeedNoKey) {
  auto c = Client();
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto ready = c.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);
  EXPECT_EQ(Body(ready)["status"], "ready");
  EXPECT_EQ(Body(ready)["snapshot"].get<std::string>().size(), 64u);
  // Staleness (issue 14): an OFAC CSV carries no date, so nobody can say it is current.
  const json lists = Body(ready)["lists"];
  ASSERT_EQ(lists.size(), 1u) << ready->body;
  EXPECT_EQ(lists[0]["format"], "ofac-csv");
  EXPECT_TRUE(lists[0]["stale"].get<bool>());
  EXPECT_NE(Body(ready)["warning"].get<std::string>().find("ofac-csv (date unknown)"),
            std::string::npos)
      << ready->body;
}

TEST_F(ServerTest, ScreenFindsMaduroWithExplanationSnapshotAndEngine) {
  auto c = Client();
  auto r = c.Post("/screen", Auth(kUserKey),
                  R"({"id": "cust-7", "name": "Nicolas Maduro Moros", "schema": "Person"})",
                  "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  EXPECT_EQ(j["id"], "cust-7");
  EXPECT_EQ(j["engine_version"], EngineVersion());
  EXPECT_EQ(j["snapshot"].get<std::string>().size(), 64u);
  ASSERT_FALSE(j["hits"].empty()) << r->body;
  EXPECT_EQ(j["hits"][0]["entity_id"], kMaduroId) << r->body;
  EXPECT_TRUE(j["hits"][0]["explanation"].is_object());
  EXPECT_FALSE(j["hits"][0]["explanation"]["summary"].get<std::string>().empty());
}

TEST_F(ServerTest, ScreenBatchAnswersInOrderWithIds) {
  auto c = Client();
  auto r = c.Post("/screen", Auth(kUserKey),
                  R"({"explain": false, "queries": [{"id": "a", "name": "Banco Nacional de Cuba"},
                      {"name": "Nicolas Maduro Moros", "limit": 1},
                      {"id": 9, "name": "Zzyzx Qwerty Plonk"}]})",
                  "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json results = Body(r)["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["id"], "a");
  ASSERT_FALSE(results[0]["hits"].empty());
  EXPECT_EQ(results[0]["hits"][0]["entity_id"], kBncId);
  EXPECT_FALSE(results[0]["hits"][0].contains("explanation"));
  EXPECT_EQ(results[1]["id"], "1");
  ASSERT_EQ(results[1]["hits"].size(), 1u);
  EXPECT_EQ(results[1]["hits"][0]["entity_id"], kMaduroId);
  EXPECT_EQ(results[2]["id"], "9");
  EXPECT_TRUE(results[2]["hits"].empty());
}

TEST_F(ServerTest, MatchSpeaksYenteWithApiKeyScheme) {
  auto c = Client();
  const std::string body = R"({"queries": {"q1": {"schema": "Person", "properties": {
      "name": ["Nicolas Maduro Moros"], "birthDate": ["1962-11-23"], "nationality": ["ve"]}},
      "q2": {"schema": "Company", "properties": {"name": "Banco Nacional de Cuba"}}}})";
  auto r = c.Post("/match/default?limit=3&algorithm=best",
                  {{"Authorization", std::string("ApiKey ") + kUserKey}}, body, "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  EXPECT_EQ(j["limit"], 3);
  EXPECT_EQ(j["matcher"]["requested"], "best");
  const json q1 = j["responses"]["q1"];
  EXPECT_EQ(q1["status"], 200);
  EXPECT_EQ(q1["total"]["relation"], "eq");
  ASSERT_FALSE(q1["results"].empty()) << r->body;
  const json top = q1["results"][0];
  EXPECT_EQ(top["id"], kMaduroId);
  EXPECT_EQ(top["schema"], "Person");
  EXPECT_EQ(top["match"], true);
  EXPECT_EQ(top["datasets"], json::array({"ofac"}));
  EXPECT_NE(top["properties"]["birthDate"].dump().find("1962-11-23"), std::string::npos)
      << top.dump();
  EXPECT_EQ(top["caption"], "MADURO MOROS, Nicolas");
  EXPECT_TRUE(top["explanations"].is_object());
  EXPECT_EQ(q1["query"]["properties"]["nationality"], json::array({"ve"}));
  ASSERT_FALSE(j["responses"]["q2"]["results"].empty());
  EXPECT_EQ(j["responses"]["q2"]["results"][0]["id"], kBncId);
}

TEST_F(ServerTest, MatchDatasetSelectsASourceAndUnknownIs404) {
  auto c = Client();
  const std::string body =
      R"({"queries": {"q": {"schema": "Company", "properties": {"name": ["Banco Nacional de Cuba"]}}}})";
  auto ofac = c.Post("/match/ofac", Auth(kUserKey), body, "application/json");
  ASSERT_TRUE(ofac);
  EXPECT_EQ(ofac->status, 200) << ofac->body;
  auto sanctions = c.Post("/match/sanctions", Auth(kUserKey), body, "application/json");
  ASSERT_TRUE(sanctions);
  EXPECT_EQ(sanctions->status, 200) << sanctions->body;
  ExpectJsonError(c.Post("/match/nope", Auth(kUserKey), body, "application/json"), 404,
                  "unknown_dataset");
}

TEST_F(ServerTest, MatchExcludesEntityIds) {
  auto c = Client();
  const std::string body =
      R"({"queries": {"q": {"schema": "Company", "properties": {"name": ["Banco Nacional de Cuba"]}}}})";
  auto r = c.Post(std::string("/match/default?exclude_entity_ids=") + kBncId, Auth(kUserKey), body,
                  "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  ASSERT_TRUE(j["responses"]["q"]["results"].is_array()) << r->body;
  for (const json& res : j["responses"]["q"]["results"]) EXPECT_NE(res["id"], kBncId);
}

TEST_F(ServerTest, EntityByIdAndUnknownEntity) {
  auto c = Client();
  auto r = c.Get(std::string("/entities/") + kBncId, Auth(kUserKey));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["id"], kBncId);
  EXPECT_EQ(Body(r)["name"], "BANCO NACIONAL DE CUBA");
  ExpectJsonError(c.Get("/entities/ofac:999999999", Auth(kUserKey)), 404, "not_found");
}

TEST_F(ServerTest, ListsNamesSourcesWithoutServerPaths) {
  auto c = Client();
  auto r = c.Get("/lists", Auth(kUserKey));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  ASSERT_EQ(j["sources"].size(), 1u);
  EXPECT_EQ(j["sources"][0]["source"], "ofac");
  EXPECT_GT(j["sources"][0]["records"].get<uint64_t>(), 8000u);  // sdn.csv has 8977 lines
  EXPECT_EQ(r->body.find(lists_->path()), std::string::npos) << "server path leaked";
  EXPECT_EQ(j["engine_version"], EngineVersion());
}

TEST_F(ServerTest, MetricsCountRequestsByRouteAndCode) {
  auto c = Client();
  ASSERT_TRUE(c.Post("/screen", Auth(kUserKey), R"({"name": "Banco Nacional de Cuba"})",
                     "application/json"));
  ASSERT_TRUE(c.Post("/screen", Auth(kUserKey), "{", "application/json"));
  auto r = c.Get("/metrics", Auth(kUserKey));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("partyscreen_http_requests_total{route=\"/screen\",code=\"200\"}"),
            std::string::npos)
      << r->body;
  EXPECT_NE(r->body.find("partyscreen_http_requests_total{route=\"/screen\",code=\"400\"}"),
            std::string::npos);
  EXPECT_NE(r->body.find(
                "partyscreen_http_request_duration_seconds_bucket{route=\"/screen\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(r->body.find("partyscreen_snapshot_info{hash=\""), std::string::npos);
  EXPECT_NE(r->body.find("partyscreen_hits_total "), std::string::npos);
}

TEST_F(ServerTest, CheckDecidesATransaction) {
  auto c = Client();
  auto r = c.Post(
      "/check", Auth(kUserKey),
      R"({"parties": [{"name": "Banco Nacional de Cuba", "role": "end_user"}], "destination": "CU"})",
      "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json j = Body(r);
  EXPECT_EQ(j["outcome"], "BLOCK") << r->body;
  bool listed = false;
  for (const json& reason : j["reasons"]) listed |= reason.value("entity_id", "") == kBncId;
  EXPECT_TRUE(listed) << r->body;
  ExpectJsonError(c.Post("/check", Auth(kUserKey), R"({"parties": []})", "application/json"), 422,
                  "invalid_request");
}

TEST_F(ServerTest, MalformedJsonIs400) {
  auto c = Client();
  ExpectJsonError(c.Post("/screen", Auth(kUserKey), R"({"name": "x",)", "application/json"), 400,
                  "invalid_json");
  ExpectJsonError(c.Post("/screen", Auth(kUserKey), "[1,2]", "application/json"), 400,
                  "invalid_json");
  ExpectJsonError(c.Post("/match/default", Auth(kUserKey), "nope", "application/json"), 400,
                  "invalid_json");
}

TEST_F(ServerTest, WrongTypesAre422NamingTheField) {
  auto c = Client();
  auto r = c.Post("/screen", Auth(kUserKey), R"({"name": 5})", "application/json");
  ExpectJsonError(r, 422, "invalid_request");
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("name"), std::string::npos);
  r = c.Post("/screen", Auth(kUserKey),
             R"({"queries": [{"name": "a"}, {"name": "b", "limit": "3"}]})", "application/json");
  ExpectJsonError(r, 422, "invalid_request");
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("queries[1].limit"),
            std::string::npos)
      << r->body;
  ExpectJsonError(
      c.Post("/screen", Auth(kUserKey), R"({"name": "a", "threshold": 2})", "application/json"),
      422, "invalid_request");
  ExpectJsonError(c.Post("/screen", Auth(kUserKey), R"({"name": "a", "schema": "Spaceship"})",
                         "application/json"),
                  422, "invalid_request");
  ExpectJsonError(c.Post("/screen", Auth(kUserKey), R"({"name": "   "})", "application/json"), 422,
                  "invalid_request");
  ExpectJsonError(
      c.Post("/match/default", Auth(kUserKey),
             R"({"queries": {"q": {"schema": "Person", "properties": {"name": [{}]}}}})",
             "application/json"),
      422, "invalid_request");
  ExpectJsonError(
      c.Post("/match/default?limit=abc", Auth(kUserKey),
             R"({"queries": {"q": {"properties": {"name": ["a"]}}}})", "application/json"),
      422, "invalid_request");
}

TEST_F(ServerTest, HugeBodyIs413Json) {
  auto c = Client();
  const std::string huge = R"({"name": ")" + std::string(200 * 1024, 'a') + R"("})";
  ExpectJsonError(c.Post("/screen", Auth(kUserKey), huge, "application/json"), 413,
                  "body_too_large");
}

TEST_F(ServerTest, TooManyQueriesIs413WithTheLimit) {
  auto c = Client();
  json body{{"queries", json::array()}};
  for (int i = 0; i < 11; ++i) body["queries"].push_back({{"name", std::to_string(i) + " n"}});
  auto r = c.Post("/screen", Auth(kUserKey), body.dump(), "application/json");
  ExpectJsonError(r, 413, "too_many_queries");
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("10"), std::string::npos);
  json match{{"queries", json::object()}};
  for (int i = 0; i < 11; ++i)
    match["queries"][std::to_string(i) + "q"] = {{"properties", {{"name", {"x"}}}}};
  ExpectJsonError(c.Post("/match/default", Auth(kUserKey), match.dump(), "application/json"), 413,
                  "too_many_queries");
}

TEST_F(ServerTest, MissingOrWrongKeyIs401AndXApiKeyWorks) {
  auto c = Client();
  const std::string body = R"({"name": "Banco Nacional de Cuba"})";
  ExpectJsonError(c.Post("/screen", body, "application/json"), 401, "unauthorized");
  ExpectJsonError(c.Post("/screen", Auth("alice-0123456789abcdeX"), body, "application/json"), 401,
                  "unauthorized");
  ExpectJsonError(c.Get("/lists"), 401, "unauthorized");
  ExpectJsonError(c.Get("/metrics"), 401, "unauthorized");
  auto ok = c.Post("/screen", {{"X-API-Key", kUserKey}}, body, "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, NonAdminReloadIs403) {
  auto c = Client();
  ExpectJsonError(c.Post("/admin/reload", Auth(kUserKey), "", "application/json"), 403,
                  "forbidden");
}

TEST_F(ServerTest, UnknownRouteIsJson404) {
  auto c = Client();
  ExpectJsonError(c.Get("/nope", Auth(kUserKey)), 404, "not_found");
}

TEST(ServerStartup, RefusesToStartWithoutKeysUnlessNoAuth) {
  ServerOptions o;
  o.port = 0;
  o.lists = {ListSpec{Shared("ofac/sdn-2021-07"), "ofac-csv"}};
  auto refused = Server::Create(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("--no-auth"), std::string::npos);
}

// `serve --max-list-age`: /readyz calls the UN file (dated years ago) stale at the default age,
// current under an age beyond its own; a non-positive age refuses to start.
TEST(ServerStartup, MaxListAgeDecidesWhatReadyzCallsStale) {
  for (const double days : {kDefaultMaxListAgeDays, 365.0 * 100}) {
    ServerOptions o = Options(Shared("ofac/sdn-2021-07"));
    o.lists = {ListSpec{Shared("un/UN_consolidated.xml"), "un-xml"}};
    o.max_list_age_days = days;
    auto server = StartServer(std::move(o));
    ASSERT_NE(server, nullptr);
    httplib::Client c("127.0.0.1", server->port());
    auto ready = c.Get("/readyz");
    ASSERT_TRUE(ready);
    ASSERT_EQ(ready->status, 200);
    const json lists = Body(ready)["lists"];
    ASSERT_EQ(lists.size(), 1u) << ready->body;
    const bool stale = days == kDefaultMaxListAgeDays;
    EXPECT_EQ(lists[0]["stale"].get<bool>(), stale) << ready->body;
    EXPECT_EQ(Body(ready).contains("warning"), stale) << ready->body;
    server->Stop();
  }
  ServerOptions o = Options(Shared("ofac/sdn-2021-07"));
  o.max_list_age_days = 0;
  auto refused = Server::Create(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("--max-list-age"), std::string::npos);
}

TEST(ServerRateLimit, SecondRequestBeyondTheBucketIs429WithRetryAfter) {
  ListDir dir("rate");
  dir.CopyFrom("ofac/sdn-2021-07");
  ServerOptions o = Options(dir.path());
  o.rate_limit_per_second = 0.5;  // burst 1
  auto server = StartServer(std::move(o));
  ASSERT_NE(server, nullptr);
  httplib::Client c("127.0.0.1", server->port());
  const std::string body = R"({"name": "Banco Nacional de Cuba"})";
  auto first = c.Post("/screen", Auth(kUserKey), body, "application/json");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  auto second = c.Post("/screen", Auth(kUserKey), body, "application/json");
  ExpectJsonError(second, 429, "rate_limited");
  EXPECT_EQ(second->get_header_value("Retry-After"), "2");
  // Another key has its own bucket; health checks are never limited.
  auto admin = c.Post("/screen", Auth(kAdminKey), body, "application/json");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 200);
  EXPECT_EQ(c.Get("/healthz")->status, 200);
}

TEST(ServerReload, ShrunkListIsRefusedWith409UnlessOverridden) {
  ListDir dir("shrunk");
  dir.CopyFrom("ofac/sdn-2024-07-02");
  auto server = StartServer(Options(dir.path()));
  ASSERT_NE(server, nullptr);
  httplib::Client c("127.0.0.1", server->port());
  c.set_read_timeout(60, 0);
  const json before = Body(c.Get("/readyz"));
  {  // the same file cut to its first 1,000 lines: a truncated download, not a mass delisting
    std::ifstream in(dir.path() + "/sdn.csv", std::ios::binary);
    std::string line, head;
    for (int i = 0; i < 1000 && std::getline(in, line); ++i) head += line + "\n";
    in.close();
    std::ofstream(dir.path() + "/sdn.csv", std::ios::binary | std::ios::trunc) << head;
  }
  ExpectJsonError(c.Post("/admin/reload?max_shrink=2", Auth(kAdminKey), "", "application/json"),
                  400, "bad_request");
  auto r = c.Post("/admin/reload", Auth(kAdminKey), "", "application/json");
  ExpectJsonError(r, 409, "list_shrunk");
  EXPECT_NE(r->body.find("'ofac'"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("max_shrink=1"), std::string::npos) << r->body;
  EXPECT_EQ(Body(c.Get("/readyz"))["snapshot"], before["snapshot"]);  // still serving the old one
  auto forced = c.Post("/admin/reload?max_shrink=1", Auth(kAdminKey), "", "application/json");
  ASSERT_TRUE(forced);
  ASSERT_EQ(forced->status, 200) << forced->body;
  EXPECT_LT(Body(forced)["entities"].get<size_t>(), before["entities"].get<size_t>() / 2);
}

TEST(ServerReload, FailedReloadKeepsServingAndHidesPaths) {
  ListDir dir("badreload");
  dir.CopyFrom("ofac/sdn-2021-07");
  auto server = StartServer(Options(dir.path()));
  ASSERT_NE(server, nullptr);
  httplib::Client c("127.0.0.1", server->port());
  c.set_read_timeout(60, 0);
  const std::string before = Body(c.Get("/readyz"))["snapshot"];
  fs::remove_all(dir.path());  // the lists vanish
  auto r = c.Post("/admin/reload", Auth(kAdminKey), "", "application/json");
  ExpectJsonError(r, 500, "reload_failed");
  EXPECT_NE(r->body.find("list load failed"), std::string::npos) << r->body;
  EXPECT_EQ(r->body.find(fs::temp_directory_path().string()), std::string::npos) << r->body;
  EXPECT_EQ(Body(c.Get("/readyz"))["snapshot"], before);
  auto screen = c.Post("/screen", Auth(kUserKey), R"({"name": "Banco Nacional de Cuba"})",
                       "application/json");
  ASSERT_TRUE(screen);
  EXPECT_EQ(screen->status, 200);
  EXPECT_EQ(Body(screen)["hits"][0]["entity_id"], kBncId);
}

// Clients hammer /screen while the admin reloads, alternating the list files between the SDN of
// July 2021 and of July 2024: no request may fail, and every answer must be the answer of the
// snapshot it names (same snapshot hash -> same hits).
TEST(ServerReload, ConcurrentReloadUnderLoadLosesNoRequestAndStaysConsistent) {
  ListDir dir("reload");
  dir.CopyFrom("ofac/sdn-2021-07");
  auto server = StartServer(Options(dir.path()));
  ASSERT_NE(server, nullptr);
  const int port = server->port();
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, requests{0};
  std::mutex mu;
  std::map<std::string, std::set<std::string>> answers;  // snapshot -> distinct hit lists
  auto client = [&] {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60 * kSlowdown, 0);
    while (!stop) {
      auto r = c.Post("/screen", Auth(kUserKey),
                      R"({"name": "Nicolas Maduro Moros", "explain": false})", "application/json");
      ++requests;
      if (!r || r->status != 200) {
        ++failures;
        continue;
      }
      const json j = Body(r);
      std::string hits;
      for (const json& h : j["hits"]) hits += h["entity_id"].get<std::string>() + ";";
      std::lock_guard<std::mutex> lock(mu);
      answers[j["snapshot"]].insert(hits);
    }
  };
  std::vector<std::thread> clients;
  // The clients stop and are joined however the test ends (a failed ASSERT returns early; a
  // joinable std::thread destroyed would terminate the whole test binary).
  struct JoinClients {
    std::atomic<bool>& stop;
    std::vector<std::thread>& clients;
    ~JoinClients() {
      stop = true;
      for (std::thread& t : clients)
        if (t.joinable()) t.join();
    }
  } join_clients{stop, clients};
  for (int i = 0; i < 4; ++i) clients.emplace_back(client);
  httplib::Client admin("127.0.0.1", port);
  admin.set_read_timeout(120 * kSlowdown, 0);
  std::set<std::string> loaded{Body(admin.Get("/readyz"))["snapshot"]};
  for (int round = 0; round < 4; ++round) {
    dir.CopyFrom(round % 2 == 0 ? "ofac/sdn-2024-07-02" : "ofac/sdn-2021-07");
    auto r = admin.Post("/admin/reload", Auth(kAdminKey), "", "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    loaded.insert(Body(r)["snapshot"].get<std::string>());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures, 0) << "of " << requests << " requests";
  EXPECT_EQ(loaded.size(), 2u) << "two distinct list versions";
  for (const auto& [snapshot, distinct] : answers) {
    EXPECT_TRUE(loaded.count(snapshot)) << snapshot;
    EXPECT_EQ(distinct.size(), 1u) << "snapshot " << snapshot << " gave different answers";
  }
  EXPECT_GE(answers.size(), 2u) << "requests were served by both snapshots";
  auto metrics = admin.Get("/metrics", Auth(kAdminKey));
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("partyscreen_snapshot_reloads_total{result=\"ok\"} 4"),
            std::string::npos);
}

}  // namespace
}  // namespace partyscreen::server

namespace partyscreen::server {
namespace {

// The bundled default snapshot's Consolidated Screening List file: the Entity List record of
// Hikvision, csl:f095626c9f8becc70b5948507fb6de6e443b257a, through both APIs.
TEST(ServerCsl, HikvisionFoundThroughScreenAndYenteMatch) {
  ServerOptions o = Options("");
  o.lists = {
      ListSpec{std::string(PARTYSCREEN_DATA_DIR) + "/default/csl/consolidated.csv.gz", "csl-csv"}};
  auto server = StartServer(std::move(o));
  ASSERT_NE(server, nullptr);
  httplib::Client c("127.0.0.1", server->port());
  c.set_read_timeout(60, 0);
  constexpr char kHikvision[] = "csl:f095626c9f8becc70b5948507fb6de6e443b257a";
  auto screen = c.Post("/screen", Auth(kUserKey), R"({"name": "Hikvision", "limit": 100})",
                       "application/json");
  ASSERT_TRUE(screen);
  ASSERT_EQ(screen->status, 200) << screen->body;
  bool found = false;
  const json screened = Body(screen);
  for (const json& h : screened["hits"]) {
    if (h["entity_id"].get<std::string>() != kHikvision) continue;
    found = true;
    EXPECT_NE(h["federal_register"].get<std::string>().find("84 FR 54002"), std::string::npos);
  }
  EXPECT_TRUE(found) << screen->body;
  auto match = c.Post(
      "/match/csl?limit=100", Auth(kUserKey),
      R"({"queries": {"h": {"schema": "Company", "properties": {"name": ["Hikvision"], "country": ["cn"]}}}})",
      "application/json");
  ASSERT_TRUE(match);
  ASSERT_EQ(match->status, 200) << match->body;
  found = false;
  const json matched = Body(match);
  // One result per party: the Entity List row is the CMIC listing's party, named in "referents".
  ASSERT_EQ(matched["responses"]["h"]["results"].size(), 1u) << match->body;
  for (const json& r : matched["responses"]["h"]["results"]) {
    found |= r["id"].get<std::string>() == kHikvision;
    for (const json& id : r["referents"]) found |= id.get<std::string>() == kHikvision;
  }
  EXPECT_TRUE(found) << match->body;
  ExpectJsonError(c.Post("/match/ofac", Auth(kUserKey), R"({"queries": {}})", "application/json"),
                  404, "unknown_dataset");
}

}  // namespace
}  // namespace partyscreen::server

namespace partyscreen::server {
namespace {

// Every screening through the API lands in the audit trail with the caller's key name.
TEST(ServerAudit, ScreenAndMatchAreRecordedWithTheKeyName) {
  ListDir lists("audit");
  lists.CopyFrom("ofac/sdn-2021-07");
  const std::string db_path = lists.path() + "/audit.db";
  ServerOptions o = Options(lists.path());
  o.audit_db = db_path;
  std::unique_ptr<Server> server = StartServer(std::move(o));
  ASSERT_NE(server, nullptr);
  httplib::Client c("127.0.0.1", server->port());
  c.set_read_timeout(60, 0);
  auto r =
      c.Post("/screen", Auth(kUserKey), R"({"name": "Nicolas Maduro Moros"})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto m = c.Post(
      "/match/default", Auth(kUserKey),
      R"({"queries": {"q1": {"schema": "Person", "properties": {"name": ["Maduro Moros"]}}}})",
      "application/json");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->status, 200) << m->body;
  server.reset();  // stops the server and flushes the audit writer
  auto db = Database::Open(db_path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  AuditLog log(**db);
  auto v = log.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->records, 2u);
  std::ostringstream out;
  ASSERT_TRUE(log.Export("", "", out).ok());
  EXPECT_NE(out.str().find("\"alice\""), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Maduro"), std::string::npos);
}

}  // namespace
}  // namespace partyscreen::server
