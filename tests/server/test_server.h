// What the server tests share: two API keys, options for a server on a free loopback port over an
// OFAC CSV list directory (or the real CSL file), starting it, and reading JSON answers.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "server/server.h"

namespace partyscreen::server::testing {

// Read timeouts of tests that wait for list loads are multiplied by this: a ThreadSanitizer build
// (tools/sanitize.sh tsan) runs the loading and indexing 5-15 times slower.
#if defined(__SANITIZE_THREAD__)
inline constexpr int kSlowdown = 10;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
inline constexpr int kSlowdown = 10;
#else
inline constexpr int kSlowdown = 1;
#endif
#else
inline constexpr int kSlowdown = 1;
#endif

inline constexpr char kUserKey[] = "alice-0123456789abcdef";
inline constexpr char kAdminKey[] = "ops-0123456789abcdef00";

// Port 0, 8 work slots, the keys above (alice, admin ops), --max-body 64 KiB, 10 queries.
inline ServerOptions Options(const std::string& ofac_csv_dir) {
  ServerOptions o;
  o.port = 0;
  o.threads = 8;
  o.lists = {ListSpec{ofac_csv_dir, "ofac-csv"}};
  auto keys = ApiKeyRing::Parse(std::string("alice:") + kUserKey + "\nadmin:ops:" + kAdminKey, '\n',
                                "test keys");
  EXPECT_TRUE(keys.ok()) << keys.status().ToString();
  o.api_keys = std::move(keys).value();
  o.max_body_bytes = 64 * 1024;
  o.max_queries = 10;
  return o;
}

// Options() over the real CSL file of April 2022 (Hikvision is on it as an Entity List and a CMIC
// record) plus the OFAC SDN CSV of July 2021 loaded directly, for the CSL API and OpenAPI tests.
inline ServerOptions CslOptions() {
  ServerOptions o = Options(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2021-07");
  o.lists.push_back(
      ListSpec{std::string(PARTYSCREEN_SHARED_DIR) + "/lists/csl/csl-2022-04/consolidated.csv.gz",
               "csl-csv"});
  return o;
}

// Created and started, or null (with a test failure).
inline std::unique_ptr<Server> StartServer(ServerOptions o) {
  auto server = Server::Create(std::move(o));
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  if (!server.ok()) return nullptr;
  Status s = (*server)->Start();
  EXPECT_TRUE(s.ok()) << s.ToString();
  return std::move(server).value();
}

inline httplib::Headers Auth(const std::string& key) {
  return {{"Authorization", "Bearer " + key}};
}

inline nlohmann::json Body(const httplib::Result& r) {
  return r ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
}

}  // namespace partyscreen::server::testing
