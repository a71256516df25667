// Store side of the workbench: accounts (Argon2id hashes, roles, disabling) and the alert queue's
// work state (assignment, four-eyes proposals, history, audit records).
#include <gtest/gtest.h>

#include "partyscreen/store.h"
#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

TEST(WorkbenchUsers, PasswordsAreArgon2idHashesAndOnlyTheRightOneVerifies) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("u.db"));
  UserStore users(*db);
  ASSERT_TRUE(users.Add("alice", "correct horse battery", Role::kAnalyst, "admin").ok());
  auto rows =
      store::ConnectionOf(*db).Query("SELECT password_hash FROM users WHERE name = 'alice'");
  ASSERT_TRUE(rows.ok());
  const std::string hash = store::AsText((*rows)[0][0]);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("correct horse"), std::string::npos);
  auto ok = users.Verify("alice", "correct horse battery");
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(ok->has_value());
  EXPECT_EQ((*ok)->role, Role::kAnalyst);
  EXPECT_FALSE(users.Verify("alice", "correct horse batterY")->has_value());
  EXPECT_FALSE(users.Verify("nobody", "correct horse battery")->has_value());
}

TEST(WorkbenchUsers, BadNamesShortPasswordsAndDuplicatesAreRefused) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("u.db"));
  UserStore users(*db);
  EXPECT_FALSE(users.Add("bad name", "long enough pw", Role::kAnalyst).ok());
  EXPECT_FALSE(users.Add("bob", "short", Role::kAnalyst).ok());
  ASSERT_TRUE(users.Add("bob", "long enough pw", Role::kSupervisor).ok());
  auto again = users.Add("bob", "long enough pw", Role::kAdmin);
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("exists"), std::string::npos);
}

TEST(WorkbenchUsers, DisabledUsersCannotLogInAndTheChangeIsAudited) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("u.db"));
  UserStore users(*db);
  ASSERT_TRUE(users.Add("carol", "long enough pw", Role::kAdmin, "root").ok());
  ASSERT_TRUE(*users.Disable("carol", "root"));
  EXPECT_FALSE(*users.Disable("nobody", "root"));
  EXPECT_FALSE(users.Verify("carol", "long enough pw")->has_value());
  auto listed = users.List();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].disabled);
  auto v = AuditLog(*db).Verify();
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->records, 2u);  // add + disable
  EXPECT_EQ(AuditLog(*db).Head()->seq, 2);
}

TEST(WorkbenchQueue, ActionsNeedAnExistingAlertAndKnownAction) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  AlertQueue queue(*db);
  auto missing = queue.Record({"c1", "csl:1", "", "alice", "assign", "alice", "", 0});
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_FALSE(queue.Record({"c1", "csl:1", "", "alice", "delete", "", "", 0}).ok());
  auto page = queue.Page(QueueFilter());
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 0u);
}

// A filter with one field changed from its defaults.
template <typename F>
QueueFilter With(F change) {
  QueueFilter f;
  change(f);
  return f;
}

TEST(WorkbenchQueue, ProposalWaitsThenConfirmationEndsItWithHistoryAndAudit) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                    " content_hash, updated_at) VALUES ('c1', 'Acme Trading', '', '', '', '[]',"
                    " 'h', 't')")
                  .ok());
  for (const char* e : {"csl:1", "ofac:2"})
    ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                      " snapshot) VALUES ('c1', ?, ?, 'ACME', 'open', 's')",
                      {std::string(e), std::string(e) == "csl:1" ? 0.99 : 0.85})
                    .ok());
  AlertQueue queue(*db);
  ASSERT_TRUE(queue
                  .Record({"c1", "csl:1", "", "alice", "propose_clearance", "false_positive",
                           "not them", 0})
                  .ok());
  auto pending = queue.Page(With([](QueueFilter& f) { f.pending_only = true; }));
  ASSERT_EQ(pending->rows.size(), 1u);
  EXPECT_EQ(pending->rows[0].pending_by, "alice");
  EXPECT_EQ(pending->pending, 1u);
  ASSERT_TRUE(
      queue.Record({"c1", "csl:1", "", "bob", "confirm_clearance", "alice", "checked", 0}).ok());
  EXPECT_TRUE(queue.Get("c1", "csl:1")->value().pending_by.empty());
  // Filters: list, score band, sorting.
  EXPECT_EQ(queue.Page(With([](QueueFilter& f) { f.list = "ofac"; }))->total, 1u);
  EXPECT_EQ(queue.Page(With([](QueueFilter& f) { f.min_score = 0.9; }))->total, 1u);
  auto asc = queue.Page(With([](QueueFilter& f) { f.descending = false; }));
  ASSERT_EQ(asc->rows.size(), 2u);
  EXPECT_EQ(asc->rows[0].entity_id, "ofac:2");
  EXPECT_EQ(queue.Page(With([](QueueFilter& f) { f.customer = "acme"; }))->total, 2u);
  EXPECT_EQ(queue.Page(With([](QueueFilter& f) { f.customer = "zeta"; }))->total, 0u);
  auto history = queue.History("c1");
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].action, "propose_clearance");
  EXPECT_EQ((*history)[1].who, "bob");
  EXPECT_TRUE(AuditLog(*db).Verify()->ok);
  EXPECT_EQ(AuditLog(*db).Head()->seq, 2);
}

}  // namespace
}  // namespace partyscreen
