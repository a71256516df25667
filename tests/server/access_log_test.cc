// The access log (server/access_log.h) and the process metrics: one JSON line per request with the
// key name, route, status and queries; names only with log_queries; /metrics has process_*.
#include "server/access_log.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "test_server.h"

namespace partyscreen::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Auth;
using testing::kUserKey;

std::vector<json> ReadLines(const std::string& path) {
  std::vector<json> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  return lines;
}

TEST(AccessLogLine, NamesEveryFieldAndLeavesNamesOutUnlessKept) {
  AccessNote note;
  note.queries = 2;
  note.names = {"Hikvision", "Dahua"};
  AccessRecord r{"10.0.0.1", "alice", "POST", "/screen", "/screen", 200, 0.0012345, &note};
  const json j = json::parse(AccessLog::Line(r, 1796067538.25));
  EXPECT_EQ(j["time"], "2026-11-30T19:38:58.250Z");
  EXPECT_EQ(j["remote"], "10.0.0.1");
  EXPECT_EQ(j["key"], "alice");
  EXPECT_EQ(j["route"], "/screen");
  EXPECT_EQ(j["status"], 200);
  EXPECT_DOUBLE_EQ(j["latency_ms"].get<double>(), 1.235);
  EXPECT_EQ(j["queries"], 2);
  EXPECT_FALSE(j.contains("names"));
  note.keep_names = true;
  EXPECT_EQ(json::parse(AccessLog::Line(r, 0))["names"], json({"Hikvision", "Dahua"}));
  // Refused before any route: no key, no queries.
  const json refused = json::parse(
      AccessLog::Line(AccessRecord{"10.0.0.1", "", "PUT", "(unrouted)", "/x", 405, 0, nullptr}, 0));
  EXPECT_TRUE(refused["key"].is_null());
  EXPECT_EQ(refused["queries"], 0);
}

TEST(AccessLogFile, AnUnwritableFileIsRefusedAtStart) {
  ServerOptions o =
      testing::Options(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2021-07");
  o.access_log = "/nonexistent-dir/access.log";
  auto server = Server::Create(std::move(o));
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("/nonexistent-dir/access.log"), std::string::npos);
}

class AccessLogServer : public ::testing::TestWithParam<bool> {};

TEST_P(AccessLogServer, EveryRequestIsOneLineWithItsKeyRouteStatusAndQueries) {
  const bool log_queries = GetParam();
  const std::string path =
      (fs::temp_directory_path() / ("partyscreen_access_" + std::to_string(::getpid()) + "_" +
                                    std::to_string(log_queries) + ".log"))
          .string();
  fs::remove(path);
  ServerOptions o =
      testing::Options(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2021-07");
  o.access_log = path;
  o.log_queries = log_queries;
  {
    auto server = testing::StartServer(std::move(o));
    ASSERT_NE(server, nullptr);
    httplib::Client c("127.0.0.1", server->port());
    c.set_read_timeout(60, 0);
    ASSERT_EQ(c.Post("/screen", Auth(kUserKey),
                     R"({"queries": [{"name": "Banco Nacional de Cuba"}, {"name": "Maduro"}]})",
                     "application/json")
                  ->status,
              200);
    ASSERT_EQ(c.Post("/screen", R"({"name": "x"})", "application/json")->status, 401);
    ASSERT_EQ(c.Get("/nowhere")->status, 404);
    const auto metrics = c.Get("/metrics", Auth(kUserKey));
    ASSERT_EQ(metrics->status, 200);
    for (const char* m : {"process_cpu_seconds_total ", "process_resident_memory_bytes ",
                          "process_open_fds ", "process_max_fds ", "process_start_time_seconds ",
                          "partyscreen_access_log_failures_total 0"})
      EXPECT_NE(metrics->body.find(m), std::string::npos) << m;
    server->Stop();
    server->Wait();
  }
  const std::vector<json> lines = ReadLines(path);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["key"], "alice");
  EXPECT_EQ(lines[0]["route"], "/screen");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_EQ(lines[0]["queries"], 2);
  EXPECT_EQ(lines[0].contains("names"), log_queries);
  if (log_queries) {
    EXPECT_EQ(lines[0]["names"], json({"Banco Nacional de Cuba", "Maduro"}));
  }
  EXPECT_TRUE(lines[1]["key"].is_null());
  EXPECT_EQ(lines[1]["status"], 401);
  EXPECT_EQ(lines[1]["queries"], 0);
  EXPECT_EQ(lines[2]["status"], 404);
  EXPECT_EQ(lines[2]["path"], "/nowhere");
  EXPECT_EQ(lines[3]["route"], "/metrics");
  for (const json& l : lines) EXPECT_GE(l["latency_ms"].get<double>(), 0);
  fs::remove(path);
}

INSTANTIATE_TEST_SUITE_P(WithAndWithoutNames, AccessLogServer, ::testing::Bool());

}  // namespace
}  // namespace partyscreen::server
