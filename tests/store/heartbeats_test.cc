// HeartbeatTable (heartbeats.h) on SQLite: one row per server, updated in place, ages on the
// database's clock, removed and pruned. The PostgreSQL run is in postgres_test.cc.
#include "partyscreen/store/heartbeats.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

ServerHeartbeat Beat(const std::string& id, const std::string& snapshot, uint64_t generation) {
  ServerHeartbeat b;
  b.server_id = id;
  b.snapshot = snapshot;
  b.engine = "engine-x";
  b.loaded_unix_seconds = 1700000000.5;
  b.generation = generation;
  b.listen = "127.0.0.1:8080";
  b.started_at = "2026-12-01T00:00:00.000Z";
  return b;
}

TEST(HeartbeatTable, OneRowPerServerUpdatedInPlaceWithItsAge) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("hb.db"));
  HeartbeatTable table(*db);
  ASSERT_TRUE(table.Beat(Beat("a", "hash-1", 1)).ok());
  ASSERT_TRUE(table.Beat(Beat("b", "hash-1", 1)).ok());
  ASSERT_TRUE(table.Beat(Beat("a", "hash-2", 2)).ok());  // a reloaded
  auto live = table.List(60);
  ASSERT_TRUE(live.ok()) << live.status().ToString();
  ASSERT_EQ(live->size(), 2u);
  EXPECT_EQ((*live)[0].server_id, "a");
  EXPECT_EQ((*live)[0].snapshot, "hash-2");
  EXPECT_EQ((*live)[0].generation, 2u);
  EXPECT_DOUBLE_EQ((*live)[0].loaded_unix_seconds, 1700000000.5);
  EXPECT_EQ((*live)[0].listen, "127.0.0.1:8080");
  EXPECT_EQ((*live)[1].server_id, "b");
  EXPECT_EQ((*live)[1].snapshot, "hash-1");
  for (const ServerHeartbeat& b : *live) {
    EXPECT_GE(b.age_seconds, -1.0);
    EXPECT_LT(b.age_seconds, 30.0);
    EXPECT_FALSE(b.beat_at.empty());
  }
}

TEST(HeartbeatTable, SilentServersAreNotListedAndArePrunedAndRemoved) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("hb.db"));
  HeartbeatTable table(*db);
  ASSERT_TRUE(table.Beat(Beat("old", "hash-1", 1)).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  ASSERT_TRUE(table.Beat(Beat("new", "hash-1", 1)).ok());
  auto recent = table.List(1.0);  // "old" beat more than a second ago
  ASSERT_TRUE(recent.ok());
  ASSERT_EQ(recent->size(), 1u);
  EXPECT_EQ((*recent)[0].server_id, "new");
  auto all = table.List(3600);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  ASSERT_TRUE(table.Prune(1.0).ok());
  all = table.List(3600);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].server_id, "new");
  ASSERT_TRUE(table.Remove("new").ok());
  ASSERT_TRUE(table.Remove("never-there").ok());
  all = table.List(3600);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

}  // namespace
}  // namespace partyscreen
