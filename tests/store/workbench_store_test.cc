// Store side of the workbench: accounts (Argon2id hashes, roles, disabling) and the alert queue's
// work state (assignment, four-eyes proposals, history, audit records).
#include <gtest/gtest.h>

#include <random>

#include "core/strings.h"
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

// The search by a part of a customer name through the trigram index gives the rows of the scan
// (the reference) and of a brute-force substring check, for parts drawn from a generated register
// in other cases, parts of 1-2 characters (scan only), LIKE wildcards, quotes, non-ASCII letters,
// a customer id, and a part too common for the index.
TEST(WorkbenchQueue, NameSearchByTrigramIndexGivesTheScansRows) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  const std::vector<std::string> words = {
      "Acme",     "Trading", "Müller",   "GmbH", "ÖZTÜRK", "öztürk", "Zhōng",  "Hikvision",
      "O'Brien",  "\"Q\"",   "Ünal",     "ABC",  "abc",    "Co.",    "100%",   "a_b",
      "İstanbul", "KELVIN",  "Shipping", "Ltd",  "Anna",   "Maria",  "Petrov", "X"};
  std::mt19937 rng(16);
  std::vector<std::pair<std::string, std::string>> customers;  // id, name
  ASSERT_TRUE(c.BeginWrite().ok());
  for (int i = 0; i < 6000; ++i) {
    std::string name;
    if (i < 5200) {
      name = "Customer " + std::to_string(i) + " Trading";
    } else {
      const int n = 1 + static_cast<int>(rng() % 4);
      for (int w = 0; w < n; ++w) name += (w ? " " : "") + words[rng() % words.size()];
    }
    const std::string id = "c" + std::to_string(i);
    customers.emplace_back(id, name);
    ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                      " content_hash, updated_at) VALUES (?, ?, '', '', '', '[]', 'h', 't')",
                      {id, name})
                    .ok());
    for (int a = 0; a < 1 + (i % 2); ++a)
      ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                        " snapshot) VALUES (?, ?, ?, 'x', ?, 's')",
                        {id, "csl:" + std::to_string(a), 0.8 + (rng() % 200) / 1000.0,
                         std::string(i % 7 == 0 ? "suppressed" : "open")})
                      .ok());
  }
  ASSERT_TRUE(c.Commit().ok());
  // Brute force: open alerts whose customer has this id or an ASCII-lower-cased name containing
  // the ASCII-lower-cased part (no wildcard in the part).
  auto brute = [&](const std::string& q) {
    uint64_t n = 0;
    for (size_t i = 0; i < customers.size(); ++i)
      if (customers[i].first == q ||
          AsciiLower(customers[i].second).find(AsciiLower(q)) != std::string::npos)
        n += i % 7 == 0 ? 0 : 1 + (i % 2);
    return n;
  };
  std::vector<std::string> parts = {"ab",  "AB",     "b",       "ü",           "%",         "_",
                                    "a_b", "100%",   "\"q\"",   "\"",          "o'b",       "c5199",
                                    "ÖZT", "özt",    "ÜRK",     "zhō",         "ZHŌ",       "İst",
                                    "ist", "kelvin", "trading", "customer 51", "gmbh acme", "zzz"};
  for (int k = 0; k < 60; ++k) {  // parts of the varied names, in changed case
    const std::string& name = customers[5200 + rng() % 800].second;
    const size_t from = rng() % name.size(), len = 3 + rng() % 8;
    std::string part = name.substr(from, len);
    if (!IsValidUtf8(part)) continue;
    parts.push_back(k % 2 ? AsciiUpper(part) : part);
  }
  int indexed = 0;
  for (const std::string& q : parts) {
    for (const size_t offset : {size_t{0}, size_t{50}}) {
      QueueFilter by_index;
      by_index.customer = q;
      by_index.offset = offset;
      QueueFilter by_scan = by_index;
      by_scan.use_name_index = false;
      auto fast = AlertQueue(*db).Page(by_index);
      auto slow = AlertQueue(*db).Page(by_scan);
      ASSERT_TRUE(fast.ok()) << q << ": " << fast.status().ToString();
      ASSERT_TRUE(slow.ok()) << q << ": " << slow.status().ToString();
      EXPECT_FALSE(slow->name_index_used);
      EXPECT_EQ(fast->total, slow->total) << q;
      if (q.find_first_of("%_") == std::string::npos) {
        EXPECT_EQ(fast->total, brute(q)) << q;
      }
      ASSERT_EQ(fast->rows.size(), slow->rows.size()) << q;
      for (size_t i = 0; i < fast->rows.size(); ++i) {
        EXPECT_EQ(fast->rows[i].customer_id, slow->rows[i].customer_id) << q;
        EXPECT_EQ(fast->rows[i].entity_id, slow->rows[i].entity_id) << q;
      }
      indexed += fast->name_index_used;
      if (q == "ab" || q == "ü" || q == "a_b" || q == "trading") {
        EXPECT_FALSE(fast->name_index_used) << q;
      }
      if (q == "customer 51" || q == "ÖZT" || q == "\"q\"") {
        EXPECT_TRUE(fast->name_index_used) << q;
      }
    }
  }
  EXPECT_GT(indexed, 60);
  EXPECT_EQ(brute("zzz"), 0u);
  EXPECT_GT(brute("ÖZT"), 0u);
}

// The index follows every change of the register: new customers, renamed and deleted ones.
TEST(WorkbenchQueue, NameIndexFollowsInsertsRenamesAndDeletes) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  auto search = [&](const std::string& q) {
    QueueFilter f;
    f.customer = q;
    auto page = AlertQueue(*db).Page(f);
    EXPECT_TRUE(page.ok());
    EXPECT_TRUE(page->name_index_used) << q;
    std::vector<std::string> ids;
    for (const QueueRow& r : page->rows) ids.push_back(r.customer_id);
    return ids;
  };
  TempDir files;
  ASSERT_TRUE(CustomerRegister(*db)
                  .ImportFile(files.Write("c.csv",
                                          "id,name,schema,country\nc1,Aeroflot,Organization,RU\n"
                                          "c2,Mahan Air,Organization,IR\n"))
                  .ok());
  for (const char* id : {"c1", "c2"})
    ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                      " snapshot) VALUES (?, 'csl:1', 0.9, 'x', 'open', 's')",
                      {std::string(id)})
                    .ok());
  EXPECT_EQ(search("eroflo"), std::vector<std::string>{"c1"});
  EXPECT_EQ(search("HAN AI"), std::vector<std::string>{"c2"});
  ASSERT_TRUE(CustomerRegister(*db)
                  .ImportFile(files.Write("d.csv",
                                          "id,name,schema,country\nc1,Aeroflot,Organization,RU\n"
                                          "c2,Iran Air,Organization,IR\n"))
                  .ok());
  EXPECT_TRUE(search("han ai").empty());
  EXPECT_EQ(search("ran air"), std::vector<std::string>{"c2"});
  ASSERT_TRUE(c.Run("UPDATE customers SET name = 'Sky Cargo' WHERE id = 'c1'").ok());
  EXPECT_TRUE(search("eroflo").empty());
  EXPECT_EQ(search("y carg"), std::vector<std::string>{"c1"});
  ASSERT_TRUE(c.Run("DELETE FROM customers WHERE id = 'c2'").ok());
  ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                    " content_hash, updated_at) VALUES ('c3', 'Iran Airtour', '', '', '', '[]',"
                    " 'h', 't')")
                  .ok());
  ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                    " snapshot) VALUES ('c3', 'csl:1', 0.9, 'x', 'open', 's')")
                  .ok());
  EXPECT_EQ(search("ran air"), std::vector<std::string>{"c3"});
  auto rows = c.Query("SELECT COUNT(*) FROM customer_names");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(store::AsInt((*rows)[0][0]), 2);
}

// Keyset paging: page by page forwards and back again in every order gives the rows of one big
// page, with tied sort keys; alerts raised meanwhile neither repeat nor hide an earlier row.
TEST(WorkbenchQueue, KeysetPagesWalkTheWholeQueueBothWaysAndStayStableUnderInserts) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  auto add = [&](int i) {
    const std::string id = "c" + std::to_string(i % 97);
    ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                      " content_hash, updated_at) VALUES (?, ?, '', '', '', '[]', 'h', 't')"
                      " ON CONFLICT DO NOTHING",
                      {id, "Name " + std::to_string(i % 13)})
                    .ok());
    ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                      " snapshot) VALUES (?, ?, ?, 'x', 'open', 's')",
                      {id, "csl:" + std::to_string(i), 0.8 + (i % 7) / 100.0})
                    .ok());
    if (i % 3 == 0) return;  // raised outside a re-screen: no outbox event
    ASSERT_TRUE(c.Run("INSERT INTO alert_events (seq, id, at, kind, customer_id, customer_name,"
                      " entity_id, entity_name, matched_name, list, score, state, snapshot,"
                      " run_id, reason) VALUES (?, ?, ?, 'new', ?, '', ?, '', '', '', 0, '',"
                      " '', '', '')",
                      {int64_t{i}, "e" + std::to_string(i),
                       "2026-11-0" + std::to_string(1 + i % 5) + "T00:00:00Z", id,
                       "csl:" + std::to_string(i)})
                    .ok());
  };
  for (int i = 0; i < 230; ++i) add(i);
  auto key = [](const QueueRow& r) { return r.customer_id + "/" + r.entity_id; };
  for (const char* sort : {"score", "customer", "entity", "age"}) {
    for (const bool descending : {true, false}) {
      QueueFilter f;
      f.sort = sort;
      f.descending = descending;
      f.limit = 500;
      auto all = AlertQueue(*db).Page(f);
      ASSERT_TRUE(all.ok()) << all.status().ToString();
      ASSERT_EQ(all->rows.size(), 230u);
      EXPECT_TRUE(all->next.empty());
      f.limit = 40;
      std::vector<std::string> forward;
      std::string last_next;
      for (auto page = AlertQueue(*db).Page(f);;) {
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        EXPECT_EQ(page->previous.empty(), f.after.empty());
        for (const QueueRow& r : page->rows) forward.push_back(key(r));
        if (page->next.empty()) break;
        last_next = page->next;
        f.after = page->next;
        page = AlertQueue(*db).Page(f);
      }
      ASSERT_EQ(forward.size(), 230u) << sort;
      for (size_t i = 0; i < 230; ++i) EXPECT_EQ(forward[i], key(all->rows[i])) << sort << i;
      // Back from the last page to the first.
      f.after = last_next;
      auto last_page = AlertQueue(*db).Page(f);
      ASSERT_TRUE(last_page.ok());
      f.after.clear();
      f.before = last_page->previous;
      std::vector<std::string> backward;
      for (auto page = AlertQueue(*db).Page(f);;) {
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        EXPECT_FALSE(page->next.empty());
        std::vector<std::string> keys;
        for (const QueueRow& r : page->rows) keys.push_back(key(r));
        backward.insert(backward.begin(), keys.begin(), keys.end());
        if (page->previous.empty()) break;
        f.before = page->previous;
        page = AlertQueue(*db).Page(f);
      }
      ASSERT_EQ(backward.size() + last_page->rows.size(), 230u) << sort;
      for (size_t i = 0; i < backward.size(); ++i)
        EXPECT_EQ(backward[i], key(all->rows[i])) << sort << i;
    }
  }
  // Inserts between two pages: the second page starts right after the first page's last row.
  QueueFilter f;
  f.limit = 30;
  auto first = AlertQueue(*db).Page(f);
  for (int i = 230; i < 260; ++i) add(i);
  f.after = first->next;
  auto second = AlertQueue(*db).Page(f);
  f.limit = 500;
  f.after.clear();
  auto now = AlertQueue(*db).Page(f);
  size_t at = 0;
  while (key(now->rows[at]) != key(first->rows.back())) ++at;
  for (size_t i = 0; i < second->rows.size(); ++i)
    EXPECT_EQ(key(second->rows[i]), key(now->rows[at + 1 + i]));
  // Cursors that are not the queue's.
  for (const char* bad : {"x", "[1, 2, 3]", "[\"0.9\", \"c1\", \"csl:1\"]", "{}"}) {
    f.after = bad;
    auto refused = AlertQueue(*db).Page(f);
    EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace partyscreen
