// Store side of the workbench: accounts (Argon2id hashes, roles, disabling) and the alert queue's
// work state (assignment, four-eyes proposals, history, audit records).
#include <gtest/gtest.h>

#include <map>
#include <set>

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

// Customer c1 "Acme Trading" with an open alert on each listing given (entity id, score).
void InsertAcmeWithAlerts(store::SqlConnection& c,
                          const std::vector<std::pair<std::string, double>>& alerts) {
  ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                    " content_hash, updated_at) VALUES ('c1', 'Acme Trading', '', '', '', '[]',"
                    " 'h', 't')")
                  .ok());
  for (const auto& [entity, score] : alerts)
    ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                      " snapshot) VALUES ('c1', ?, ?, 'ACME', 'open', 's')",
                      {entity, score})
                    .ok());
}

TEST(WorkbenchQueue, ProposalWaitsThenConfirmationEndsItWithHistoryAndAudit) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  InsertAcmeWithAlerts(c, {{"csl:1", 0.99}, {"ofac:2", 0.85}});
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

// A report for a period lists the workbench actions taken in it and sums up the audit records
// written in it.
TEST(WorkbenchQueue, ActionsAndAuditRecordsOfAPeriod) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  InsertAcmeWithAlerts(c, {{"csl:1", 0.9}});
  AlertQueue queue(*db);
  ASSERT_TRUE(queue.Record({"c1", "csl:1", "", "alice", "assign", "alice", "", 0}).ok());
  ASSERT_TRUE(queue.Record({"c1", "csl:1", "", "alice", "escalate", "", "unsure", 0}).ok());
  // Move the two actions into November and December.
  ASSERT_TRUE(
      c.Run("UPDATE alert_actions SET at = '2026-11-30T23:59:59Z' WHERE action = 'assign'").ok());
  ASSERT_TRUE(
      c.Run("UPDATE alert_actions SET at = '2026-12-01T00:00:00Z' WHERE action = 'escalate'").ok());
  auto december = queue.ActionsBetween("2026-12-01", "2027-01-01");
  ASSERT_TRUE(december.ok());
  ASSERT_EQ(december->size(), 1u);
  EXPECT_EQ((*december)[0].action, "escalate");
  EXPECT_EQ((*december)[0].reason, "unsure");
  auto november = queue.ActionsBetween("2026-11-01", "2026-12-01");
  ASSERT_EQ(november->size(), 1u);
  EXPECT_EQ((*november)[0].action, "assign");
  EXPECT_EQ(queue.ActionsBetween("", "")->size(), 2u);
  EXPECT_TRUE(queue.ActionsBetween("2027-01-01", "")->empty());

  // The audit records: the two actions (kind "workbench", written now), then screenings in 2027.
  AuditLog audit(*db);
  const int64_t before = audit.Head()->seq;
  AuditRecord a;
  a.kind = "batch";
  a.snapshot = "snap-a";
  a.engine = "engine-1";
  a.query_json = R"({"name":"Acme"})";
  a.hits = {{"csl:1", 0.9, "ACME", "open"}, {"ofac:2", 0.85, "ACME CO", "open"}};
  a.time = "2027-01-02T10:00:00Z";
  AuditRecord b = a;
  b.kind = "api";
  b.snapshot = "snap-b";
  b.hits.clear();
  b.time = "2027-01-03T10:00:00Z";
  AuditRecord late = a;
  late.time = "2027-02-01T00:00:00Z";
  ASSERT_TRUE(audit.Append({a, a, b, late}).ok());
  auto period = audit.Summarise("2027-01-01", "2027-02-01");
  ASSERT_TRUE(period.ok());
  EXPECT_EQ(period->records, 3u);
  EXPECT_EQ(period->first_seq, before + 1);
  EXPECT_EQ(period->last_seq, before + 3);
  EXPECT_EQ(period->by_kind, (std::map<std::string, uint64_t>{{"api", 1}, {"batch", 2}}));
  EXPECT_EQ(period->hits, 4u);
  ASSERT_EQ(period->screened_against.size(), 2u);
  EXPECT_EQ(period->screened_against[0].snapshot, "snap-a");
  EXPECT_EQ(period->screened_against[0].records, 2u);
  EXPECT_EQ(period->screened_against[1].snapshot, "snap-b");
  EXPECT_EQ(period->screened_against[1].engine, "engine-1");
  auto all = audit.Summarise("", "");
  EXPECT_EQ(all->records, static_cast<uint64_t>(before) + 4);
  auto none = audit.Summarise("2030-01-01", "");
  EXPECT_EQ(none->records, 0u);
  EXPECT_EQ(none->first_seq, 0);
}

// The programme filter's store side: only the alerts on the listings given (the workbench gives
// the listings of the parties under a programme), with the other filters, name search and paging.
TEST(WorkbenchQueue, ListingsFilterShowsOnlyAlertsOnTheListingsGiven) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  ASSERT_TRUE(c.BeginWrite().ok());
  for (int i = 0; i < 300; ++i) {
    const std::string id = "c" + std::to_string(i);
    ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                      " content_hash, updated_at) VALUES (?, ?, '', '', '', '[]', 'h', 't')",
                      {id, "Name " + std::to_string(i % 11)})
                    .ok());
    for (int a = 0; a < 2; ++a)
      ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                        " snapshot) VALUES (?, ?, ?, 'x', ?, 's')",
                        {id, "ofac:" + std::to_string((i + a * 7) % 40), 0.8 + (i % 13) / 100.0,
                         std::string(i % 5 == 0 ? "suppressed" : "open")})
                      .ok());
  }
  ASSERT_TRUE(c.Commit().ok());
  const std::vector<std::string> listings = {"ofac:3",  "ofac:17", "ofac:39", "ofac:0",
                                             "ofac:22", "ofac:5",  "un:1",    "o'f\"x"};
  const std::set<std::string> under(listings.begin(), listings.end());
  QueueFilter all;
  all.limit = 500;
  auto every = AlertQueue(*db).Page(all);
  ASSERT_TRUE(every.ok());
  ASSERT_EQ(every->total, 480u);
  for (const std::string q : {"", "name 3"}) {
    QueueFilter f = all;
    f.customer = q;
    f.listings = listings;
    auto page = AlertQueue(*db).Page(f);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> expected;
    for (const QueueRow& r : every->rows)
      if (under.count(r.entity_id) && (q.empty() || r.customer_name == "Name 3"))
        expected.push_back(r.customer_id + "/" + r.entity_id);
    ASSERT_GT(expected.size(), 3u) << q;
    ASSERT_EQ(page->rows.size(), expected.size()) << q;
    EXPECT_EQ(page->total, expected.size()) << q;
    for (size_t i = 0; i < expected.size(); ++i)
      EXPECT_EQ(page->rows[i].customer_id + "/" + page->rows[i].entity_id, expected[i]) << q;
    // The same rows in keyset pages of 5.
    f.limit = 5;
    std::vector<std::string> walked;
    for (auto p = AlertQueue(*db).Page(f);;) {
      ASSERT_TRUE(p.ok());
      EXPECT_EQ(p->total, expected.size());
      for (const QueueRow& r : p->rows) walked.push_back(r.customer_id + "/" + r.entity_id);
      if (p->next.empty()) break;
      f.after = p->next;
      p = AlertQueue(*db).Page(f);
    }
    EXPECT_EQ(walked, expected) << q;
  }
  QueueFilter none = all;
  none.listings = std::vector<std::string>{};  // a programme no served listing has
  auto empty = AlertQueue(*db).Page(none);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->total, 0u);
  EXPECT_TRUE(empty->rows.empty());
}

// Bulk groups: the same customer name on listings of one party is one group, given the listings'
// party; one customer on two listings of the party is no group (one decision covers both).
TEST(WorkbenchQueue, IdenticalAlertsGroupTheListingsOfOneParty) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("q.db"));
  store::SqlConnection& c = store::ConnectionOf(*db);
  auto alert = [&](const std::string& id, const std::string& name, const std::string& entity,
                   double score) {
    ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                      " content_hash, updated_at) VALUES (?, ?, '', '', '', '[]', 'h', 't')"
                      " ON CONFLICT DO NOTHING",
                      {id, name})
                    .ok());
    ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                      " snapshot) VALUES (?, ?, ?, 'x', 'open', 's')",
                      {id, entity, score})
                    .ok());
  };
  alert("c1", "Acme Trading", "csl:30946", 0.91);  // Acme: three customers, one per listing
  alert("c2", "Acme Trading", "ofac-cons:30946", 0.95);
  alert("c3", "Acme Trading", "csl:f0956", 0.93);
  alert("c4", "Beta Ltd", "csl:30946", 0.9);  // Beta: one customer on two listings
  alert("c4", "Beta Ltd", "ofac-cons:30946", 0.9);
  alert("c5", "Gamma", "un:7", 0.88);  // Gamma: two customers on one listing
  alert("c6", "Gamma", "un:7", 0.89);
  alert("c7", "Acme Trading", "un:7", 0.97);       // another party
  alert("c8", "Acme Trading", "csl:30946", 0.99);  // waiting for a second person
  ASSERT_TRUE(
      AlertQueue(*db)
          .Record({"c8", "csl:30946", "", "alice", "propose_clearance", "false_positive", "r", 0})
          .ok());
  auto groups = [&](const std::map<std::string, std::string>& party_of) {
    auto rows = AlertQueue(*db).IdenticalAlerts(50, party_of);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> out;
    for (const QueueRow& r : *rows) out.push_back(r.customer_id + "/" + r.entity_id);
    return out;
  };
  // Without parties every listing is its own: only Gamma is a group.
  EXPECT_EQ(groups({}), (std::vector<std::string>{"c6/un:7", "c5/un:7"}));
  const std::map<std::string, std::string> party = {{"csl:30946", "party:ofac-cons:30946"},
                                                    {"ofac-cons:30946", "party:ofac-cons:30946"},
                                                    {"csl:f0956", "party:ofac-cons:30946"}};
  // Largest first, each by score: Acme's three listings of one party, then Gamma.
  EXPECT_EQ(groups(party), (std::vector<std::string>{"c2/ofac-cons:30946", "c3/csl:f0956",
                                                     "c1/csl:30946", "c6/un:7", "c5/un:7"}));
  auto one = AlertQueue(*db).IdenticalAlerts(1, party);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 3u);
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
