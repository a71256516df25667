// `serve --update-every`: the server updates its list directory on a timer and reloads when a
// list changed (SDN 2021-07 -> 2024-07 served by a local HTTP server), and keeps serving when an
// update fails. With --db it then runs the delta re-screen of the register and posts the new
// alerts to a webhook (an in-test receiver), each once.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "partyscreen/store.h"
#include "support/files.h"
#include "support/list_server.h"
#include "support/webhook_receiver.h"
#include "test_server.h"
#include "update/updater.h"

namespace partyscreen::server::testing {
namespace {

namespace fs = std::filesystem;

std::string Sdn(const std::string& edition) {
  return testing_support::ReadWholeFile(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/" +
                                        edition + "/sdn.csv");
}

// An empty directory under the temporary directory, private to this process.
std::string FreshDir(const std::string& name) {
  const std::string dir =
      (fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()))).string();
  fs::remove_all(dir);
  return dir;
}

// The sources file of one source, ofac-sdn, served by `lists` at /sdn.csv.
Result<std::vector<ListSource>> SdnSource(const testing_support::ListServer& lists) {
  return ParseSources("ofac-sdn\tofac-csv\tsdn.csv\t" + lists.Url("/sdn.csv") + "\n", "t");
}

TEST(ServerListUpdates, ReloadsWhenAListChangesAndKeepsServingWhenAnUpdateFails) {
  testing_support::ListServer lists;
  lists.Set("/sdn.csv", Sdn("sdn-2021-07"));
  const std::string dir = FreshDir("partyscreen_serve_update");
  auto sources = SdnSource(lists);
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

TEST(ServerListUpdates, WithADatabaseAnUpdateIsFollowedByTheDeltaRescreenAndItsWebhookPosts) {
  testing_support::ListServer lists;
  lists.Set("/sdn.csv", Sdn("sdn-2021-07"));
  const std::string dir = FreshDir("partyscreen_serve_rescreen");
  fs::create_directories(dir);
  auto sources = SdnSource(lists);
  ASSERT_TRUE(sources.ok());
  UpdateOptions first;
  first.dir = dir + "/lists";
  ASSERT_TRUE(UpdateLists(*sources, first).ok());

  // A register screened against the 2021 version: three names listed only by 2024, one innocent.
  auto v2021 = LoadSnapshot({ListSpec(first.dir, "")});
  auto v2024 = LoadSnapshot({ParseListSpec("ofac-csv:" + std::string(PARTYSCREEN_SHARED_DIR) +
                                           "/lists/ofac/sdn-2024-07-02")});
  ASSERT_TRUE(v2021.ok() && v2024.ok());
  std::vector<Customer> customers;
  for (size_t i = 0; i < v2024->entities.size() && customers.size() < 3; i += 101) {
    const Entity& e = v2024->entities[i];
    if (v2021->Find(e.id) || e.schema != Schema::kOrganization) continue;
    Customer c;
    c.id = "new" + std::to_string(customers.size());
    c.name = e.name;
    c.schema = Schema::kOrganization;
    customers.push_back(c);
  }
  ASSERT_EQ(customers.size(), 3u);
  Customer innocent;
  innocent.id = "innocent";
  innocent.name = "Blue Harbor Bakery";
  customers.push_back(innocent);
  const std::string db_path = dir + "/store.db";
  const std::string hash2021 = v2021->hash;
  {
    auto db = Database::Open(db_path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(CustomerRegister(**db).Upsert(customers).ok());
    auto screener = Screener::Build(std::make_shared<const Snapshot>(std::move(v2021).value()));
    ASSERT_TRUE(screener.ok());
    auto all = Rescreener(**db, **screener).All();
    ASSERT_TRUE(all.ok()) << all.status().ToString();
  }

  testing_support::WebhookReceiver receiver;
  receiver.FailNext(1);  // the first post is refused: retried, still delivered once
  std::ofstream(dir + "/secret") << testing_support::kWebhookSecret;
  auto hook = LoadWebhook(receiver.Url(), dir + "/secret");
  ASSERT_TRUE(hook.ok());
  ServerOptions o = Options(first.dir);
  o.lists = {ListSpec(first.dir, "")};
  o.update_dir = first.dir;
  o.update_sources = *sources;
  o.update_every_seconds = 0.3;
  o.audit_db = db_path;
  o.webhooks = {*hook};
  o.webhook_policy.first_backoff_seconds = 0.05;
  auto server = StartServer(std::move(o));
  ASSERT_TRUE(server);

  lists.Set("/sdn.csv", Sdn("sdn-2024-07-02"));
  std::map<std::string, std::string> acked;
  std::set<std::string> alerted;
  for (int i = 0; i < 300 && alerted.size() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    acked = receiver.Acknowledged();
    alerted.clear();
    for (const auto& [key, body] : acked)
      alerted.insert(nlohmann::json::parse(body)["customer_id"].get<std::string>());
  }
  EXPECT_EQ(alerted, (std::set<std::string>{"new0", "new1", "new2"}))
      << "the delta re-screen never posted the new alerts";
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // more ticks: nothing new
  server->Stop();
  server->Wait();

  std::vector<std::string> duplicates;
  acked = receiver.Acknowledged(&duplicates);
  EXPECT_TRUE(duplicates.empty());
  ASSERT_FALSE(acked.empty());
  const std::string served = nlohmann::json::parse(acked.begin()->second)["snapshot"];
  EXPECT_NE(served, hash2021);
  for (const auto& [key, body] : acked) {
    const nlohmann::json j = nlohmann::json::parse(body);
    EXPECT_EQ(j["run_id"].get<std::string>().rfind("delta-", 0), 0u) << body;
    EXPECT_EQ(j["snapshot"], served);
  }
  for (const auto& d : receiver.Deliveries()) EXPECT_TRUE(d.signature_ok);
  // The register is on the new lists, with the alerts committed and audited by the delta.
  auto db = Database::Open(db_path);
  ASSERT_TRUE(db.ok());
  auto rec = CustomerRegister(**db).Get("new0");
  ASSERT_TRUE(rec.ok() && *rec);
  EXPECT_EQ((*rec)->screened_snapshot, served);
  EXPECT_FALSE((*rec)->alerts.empty());
  auto verified = AuditLog(**db).Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
  fs::remove_all(dir);
}

// Stop() from two threads at once, then Wait() and Stop() once more, after it stopped.
void StopFromTwoThreadsThenOnceMore(Server& server) {
  std::thread other([&] { server.Stop(); });
  server.Stop();
  other.join();
  server.Wait();
  server.Stop();
}

// Server::Stop() is safe from any thread and more than once: here from two threads at once
// (e.g. a signal handler's thread and the owner's shutdown path) while the update timer runs.
// ListUpdates::Stop() used to join its std::thread without a lock, so two callers could both see
// it joinable and join it twice (a data race on the std::thread, ThreadSanitizer reports it, and
// std::system_error from the second join).
TEST(ServerListUpdates, StopFromTwoThreadsAtOnceStopsTheTimerOnce) {
  testing_support::ListServer lists;
  lists.Set("/sdn.csv", Sdn("sdn-2021-07"));
  const std::string dir = FreshDir("partyscreen_serve_stop");
  auto sources = SdnSource(lists);
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
    StopFromTwoThreadsThenOnceMore(*server);
  }
  fs::remove_all(dir);
}

// The same with webhooks: Server::Stop() stops their delivery threads (server/notifications.h).
// Notifications::Stop() used to join and clear its std::vector<std::thread> without a lock, so
// two Stop()s at once joined the same threads twice and cleared the vector under the other's
// loop (a data race ThreadSanitizer reports on the vector and the std::thread objects).
TEST(ServerListUpdates, StopFromTwoThreadsAtOnceStopsTheWebhookThreadsOnce) {
  const std::string dir = FreshDir("partyscreen_serve_stop_hooks");
  fs::create_directories(dir);
  testing_support::WebhookReceiver a, b, c;
  std::ofstream(dir + "/secret") << testing_support::kWebhookSecret;
  std::vector<Webhook> hooks;
  for (const testing_support::WebhookReceiver* r : {&a, &b, &c}) {
    auto hook = LoadWebhook(r->Url(), dir + "/secret");
    ASSERT_TRUE(hook.ok());
    hooks.push_back(*hook);
  }
  for (int round = 0; round < 3; ++round) {
    ServerOptions o = Options(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2021-07");
    o.audit_db = dir + "/store.db";
    o.webhooks = hooks;  // three delivery threads
    auto server = StartServer(std::move(o));
    ASSERT_TRUE(server);
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * round));
    StopFromTwoThreadsThenOnceMore(*server);
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
