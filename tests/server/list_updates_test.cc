// `serve --update-every`: the server updates its list directory on a timer and reloads when a
// list changed (SDN 2021-07 -> 2024-07 served by a local HTTP server), and keeps serving when an
// update fails.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "support/files.h"
#include "support/list_server.h"
#include "test_server.h"
#include "update/updater.h"

namespace partyscreen::server::testing {
namespace {

namespace fs = std::filesystem;

std::string Sdn(const std::string& edition) {
  return testing_support::ReadWholeFile(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/" +
                                        edition + "/sdn.csv");
}

TEST(ServerListUpdates, ReloadsWhenAListChangesAndKeepsServingWhenAnUpdateFails) {
  testing_support::ListServer lists;
  lists.Set("/sdn.csv", Sdn("sdn-2021-07"));
  const std::string dir =
      (fs::temp_directory_path() / ("partyscreen_serve_update_" + std::to_string(::getpid())))
          .string();
  fs::remove_all(dir);
  auto sources = ParseSources("ofac-sdn\tofac-csv\tsdn.csv\t" + lists.Url("/sdn.csv") + "\n", "t");
  ASSERT_TRUE(sources.ok());
  UpdateOptions first;
  first.dir = dir;
  ASSERT_TRUE(UpdateLists(*sources, first).ok());

  ServerOptions o = Options(dir);
  o.lists = {ListSpec(dir, "")};
  o.update_dir = dir;
  o.update_sources = *sources;
  o.update_every_seconds = 0.3;
  auto server = StartServer(std::move(o));
  ASSERT_TRUE(server);
  httplib::Client client("127.0.0.1", server->port());
  auto snapshot = [&] { return Body(client.Get("/lists", Auth(kUserKey))).value("snapshot", ""); };
  const std::string v1 = snapshot();
  ASSERT_FALSE(v1.empty());

  // Unchanged lists: no reload.
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  EXPECT_EQ(snapshot(), v1);

  lists.Set("/sdn.csv", Sdn("sdn-2024-07-02"));
  std::string v2 = v1;
  for (int i = 0; i < 150 * kSlowdown && v2 == v1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    v2 = snapshot();
  }
  EXPECT_NE(v2, v1) << "the server never reloaded the changed list";
  EXPECT_GT(Body(client.Get("/lists", Auth(kUserKey))).value("generation", 0), 1);

  // A broken download: the server keeps serving the last good version.
  lists.Set("/sdn.csv", "not,a,list\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(snapshot(), v2);
  server->Stop();
  server->Wait();
  fs::remove_all(dir);
}

// Server::Stop() is safe from any thread and more than once: here from two threads at once
// (e.g. a signal handler's thread and the owner's shutdown path) while the update timer runs.
// ListUpdates::Stop() used to join its std::thread without a lock, so two callers could both see
// it joinable and join it twice (a data race on the std::thread, ThreadSanitizer reports it, and
// std::system_error from the second join).
TEST(ServerListUpdates, StopFromTwoThreadsAtOnceStopsTheTimerOnce) {
  testing_support::ListServer lists;
  lists.Set("/sdn.csv", Sdn("sdn-2021-07"));
  const std::string dir =
      (fs::temp_directory_path() / ("partyscreen_serve_stop_" + std::to_string(::getpid())))
          .string();
  fs::remove_all(dir);
  auto sources = ParseSources("ofac-sdn\tofac-csv\tsdn.csv\t" + lists.Url("/sdn.csv") + "\n", "t");
  ASSERT_TRUE(sources.ok());
  UpdateOptions first;
  first.dir = dir;
  ASSERT_TRUE(UpdateLists(*sources, first).ok());
  for (int round = 0; round < 2; ++round) {
    ServerOptions o = Options(dir);
    o.lists = {ListSpec(dir, "")};
    o.update_dir = dir;
    o.update_sources = *sources;
    o.update_every_seconds = 0.05;  // the timer thread is busy (updating) or waiting
    auto server = StartServer(std::move(o));
    ASSERT_TRUE(server);
    std::this_thread::sleep_for(std::chrono::milliseconds(100 * round));
    std::thread other([&] { server->Stop(); });
    server->Stop();
    other.join();
    server->Wait();
    server->Stop();  // and once more, after it stopped
  }
  fs::remove_all(dir);
}

TEST(ServerListUpdates, UpdatesNeedADirectoryAndAPositivePeriod) {
  ServerOptions o = Options(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2021-07");
  o.update_every_seconds = 60;  // no update_dir
  auto server = Server::Create(std::move(o));
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("--update-every needs --update-dir"), std::string::npos);
}

}  // namespace
}  // namespace partyscreen::server::testing
