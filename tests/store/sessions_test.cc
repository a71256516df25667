// SessionTable (sessions.h) on SQLite: a session written through one connection is found through
// another (as by a second server on the same database), expires, is extended and removed, and
// only the token's hash is stored.
#include "partyscreen/store/sessions.h"

#include <gtest/gtest.h>

#include "core/sha256.h"
#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

TEST(SessionTable, ASessionWrittenByOneServerIsFoundByAnotherUntilItExpires) {
  TempDir dir;
  auto a = OpenOrDie(dir.File("s.db"));
  auto b = OpenOrDie(dir.File("s.db"));  // a second server on the same database
  const int64_t now = 1'800'000'000;
  ASSERT_TRUE(SessionTable(*a).Add("token-1", {"alice", "csrf-1", now + 100}, now).ok());

  auto found = SessionTable(*b).Find("token-1", now + 50);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->user, "alice");
  EXPECT_EQ((*found)->csrf, "csrf-1");
  EXPECT_EQ((*found)->expires_unix, now + 100);

  EXPECT_FALSE(SessionTable(*b).Find("token-1", now + 101)->has_value());  // expired
  EXPECT_FALSE(SessionTable(*b).Find("token-2", now)->has_value());        // unknown
  EXPECT_FALSE(SessionTable(*b).Find("", now)->has_value());

  ASSERT_TRUE(SessionTable(*b).Extend("token-1", now + 500).ok());
  EXPECT_TRUE(SessionTable(*a).Find("token-1", now + 400)->has_value());
  ASSERT_TRUE(SessionTable(*b).Remove("token-1").ok());  // logout on one server
  EXPECT_FALSE(SessionTable(*a).Find("token-1", now)->has_value());
}

TEST(SessionTable, OnlyTheTokensHashIsStoredAndExpiredRowsGoAtTheNextLogin) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("s.db"));
  const int64_t now = 1'800'000'000;
  ASSERT_TRUE(SessionTable(*db).Add("secret-token", {"alice", "c", now + 10}, now).ok());
  ASSERT_TRUE(SessionTable(*db).Add("other-token", {"bob", "d", now + 1000}, now).ok());
  store::SqlConnection& c = store::ConnectionOf(*db);
  auto rows = c.Query("SELECT token_hash FROM ui_sessions ORDER BY user_name");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(store::AsText((*rows)[0][0]), Sha256Hex("secret-token"));
  auto clear = c.Query("SELECT COUNT(*) FROM ui_sessions WHERE token_hash = 'secret-token'");
  EXPECT_EQ(store::AsInt((*clear)[0][0]), 0);

  // A login after alice's session expired removes her row.
  ASSERT_TRUE(SessionTable(*db).Add("third-token", {"carol", "e", now + 2000}, now + 20).ok());
  auto left = c.Query("SELECT user_name FROM ui_sessions ORDER BY user_name");
  ASSERT_TRUE(left.ok());
  ASSERT_EQ(left->size(), 2u);
  EXPECT_EQ(store::AsText((*left)[0][0]), "bob");
  EXPECT_EQ(store::AsText((*left)[1][0]), "carol");
}

}  // namespace
}  // namespace partyscreen
