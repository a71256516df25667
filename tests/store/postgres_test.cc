// The store on PostgreSQL: the same schema and logic as SQLite, against a real server started for
// the test from Debian's postgresql package (initdb into a temporary directory, pg_ctl start on a
// free port; as the `postgres` user via runuser when running as root, since initdb refuses root).
// Skipped, with the reason, when no server can be started or the build has no libpq.
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "core/strings.h"
#include "store/audit_chain.h"
#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::AllAlerts;
using testing::BuildScreener;
using testing::MakeEntity;

const char* kPgBin = "/usr/lib/postgresql/15/bin";

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

// A throwaway PostgreSQL server for the whole test suite.
class PostgresServer {
 public:
  PostgresServer() {
#ifndef PARTYSCREEN_HAVE_POSTGRES
    error_ = "this build has no libpq (PARTYSCREEN_HAVE_POSTGRES undefined)";
    return;
#endif
    if (access((std::string(kPgBin) + "/initdb").c_str(), X_OK) != 0) {
      error_ = std::string("no initdb in ") + kPgBin;
      return;
    }
    std::string tmpl = "/tmp/partyscreen-pg-XXXXXX";
    dir_ = mkdtemp(tmpl.data());
    std::string as_user;
    if (geteuid() == 0) {
      const passwd* pw = getpwnam("postgres");
      if (!pw) {
        error_ = "running as root and there is no postgres user to run initdb as";
        return;
      }
      if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        error_ = "cannot chown " + dir_ + " to postgres";
        return;
      }
      as_user = "runuser -u postgres -- ";
    }
    port_ = FreePort();
    const std::string data = dir_ + "/data";
    const std::string init = as_user + kPgBin + "/initdb -D " + data + " -A trust -U postgres >" +
                             dir_ + "/initdb.log 2>&1";
    if (std::system(init.c_str()) != 0) {
      error_ = "initdb failed (see " + dir_ + "/initdb.log)";
      return;
    }
    pg_ctl_ = as_user + kPgBin + "/pg_ctl -D " + data;
    const std::string start = pg_ctl_ + " -w -l " + dir_ + "/server.log -o \"-p " +
                              std::to_string(port_) + " -k " + dir_ +
                              " -c listen_addresses=''\" start >/dev/null 2>&1";
    if (std::system(start.c_str()) != 0) {
      error_ = "pg_ctl start failed (see " + dir_ + "/server.log)";
      pg_ctl_.clear();
      return;
    }
  }
  ~PostgresServer() {
    if (!pg_ctl_.empty())
      (void)std::system((pg_ctl_ + " -m immediate stop >/dev/null 2>&1").c_str());
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::string ConnInfo(const std::string& dbname) const {
    return "host=" + dir_ + " port=" + std::to_string(port_) + " user=postgres dbname=" + dbname;
  }
  // A fresh database per test.
  std::string NewDatabase(const std::string& name) const {
    auto admin = store::OpenPostgres(ConnInfo("postgres"));
    EXPECT_TRUE(admin.ok()) << admin.status().ToString();
    if (!admin.ok()) return "";
    (void)(*admin)->ExecScript("DROP DATABASE IF EXISTS " + name);
    Status s = (*admin)->ExecScript("CREATE DATABASE " + name);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return ConnInfo(name);
  }

 private:
  std::string dir_, pg_ctl_, error_;
  int port_ = 0;
};

class PostgresStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new PostgresServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->ok()) GTEST_SKIP() << "no PostgreSQL server for this test: " << server_->error();
  }
  static PostgresServer* server_;
};
PostgresServer* PostgresStoreTest::server_ = nullptr;

TEST_F(PostgresStoreTest, MigrationsAreIdempotentAndCustomersImport) {
  const std::string info = server_->NewDatabase("ps_customers");
  testing::TempDir dir;
  {
    auto db = testing::OpenOrDie(info);
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(db->schema_version(), Database::CurrentSchemaVersion());
    auto r = CustomerRegister(*db).ImportFile(
        dir.Write("c.csv",
                  "id,name,schema,country\nc1,Aeroflot,Organization,RU\nc2,,Person,\nc3,Mahan "
                  "Air,Organization,IR\n"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->imported, 2u);
    ASSERT_EQ(r->issues.size(), 1u);
    EXPECT_EQ(r->issues[0].line, 3u);
  }
  auto again = testing::OpenOrDie(info);  // second open: nothing to migrate
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(*CustomerRegister(*again).Count(), 2u);
  EXPECT_TRUE(*CustomerRegister(*again).Delete("c1"));
  EXPECT_EQ(*CustomerRegister(*again).Count(), 1u);
}

TEST_F(PostgresStoreTest, DeltaEqualsFullAndAuditChainDetectsAnEdit) {
  const std::vector<Customer> customers = {
      {"c1", "Aeroflot", Schema::kOrganization, "", "", {}},
      {"c2", "Rosneft", Schema::kOrganization, "", "", {}},
      {"c3", "Mahan Air", Schema::kOrganization, "", "", {}},
      {"c4", "Acme Widgets", Schema::kOrganization, "", "", {}}};
  auto before =
      BuildScreener({MakeEntity("ofac:1", "AEROFLOT"), MakeEntity("ofac:3", "MAHAN AIR")});
  auto after = BuildScreener({MakeEntity("ofac:1", "AEROFLOT"), MakeEntity("ofac:2", "ROSNEFT")});

  auto delta_db = testing::OpenOrDie(server_->NewDatabase("ps_delta"));
  ASSERT_NE(delta_db, nullptr);
  ASSERT_TRUE(CustomerRegister(*delta_db).Upsert(customers).ok());
  ASSERT_TRUE(Rescreener(*delta_db, *before).All(testing::Threads(2)).ok());
  auto delta =
      Rescreener(*delta_db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(2));
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->new_alerts.size(), 1u);
  EXPECT_EQ(delta->cleared_alerts.size(), 1u);

  auto full_db = testing::OpenOrDie(server_->NewDatabase("ps_full"));
  ASSERT_TRUE(CustomerRegister(*full_db).Upsert(customers).ok());
  ASSERT_TRUE(Rescreener(*full_db, *after).All(testing::Threads(2)).ok());
  EXPECT_EQ(AllAlerts(*delta_db), AllAlerts(*full_db));

  // The diff can use the snapshot stored by the re-screen.
  auto stored = SnapshotArchive(*delta_db).Load(before->snapshot().hash);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->entities.size(), 2u);

  AuditLog audit(*delta_db);
  auto v = audit.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  ASSERT_TRUE(
      store::ConnectionOf(*delta_db).Run("UPDATE audit SET who = 'mallory' WHERE seq = 3").ok());
  v = audit.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_seq, 3);
}

// With PARTYSCREEN_REGISTER_INDEX_DIR set, a PostgreSQL database keeps its register index there
// (named by the database id): the import writes it, the delta reads it, and stays exact.
TEST_F(PostgresStoreTest, RegisterIndexIsKeptInTheGivenDirectory) {
  testing::TempDir dir;
  ASSERT_EQ(setenv("PARTYSCREEN_REGISTER_INDEX_DIR", dir.path().c_str(), 1), 0);
  auto before =
      BuildScreener({MakeEntity("ofac:1", "AEROFLOT"), MakeEntity("ofac:3", "MAHAN AIR")});
  auto after = BuildScreener({MakeEntity("ofac:1", "AEROFLOT"), MakeEntity("ofac:2", "ROSNEFT"),
                              MakeEntity("ofac:4", "ACME WIDGETS TRADING")});
  const std::string file =
      dir.Write("c.csv",
                "id,name,schema\nc1,Aeroflot,Organization\nc2,Rosneft,Organization\nc3,Mahan "
                "Air,Organization\nc4,Acme Widgets Trading,Organization\n");
  auto delta_db = testing::OpenOrDie(server_->NewDatabase("ps_index"));
  ASSERT_NE(delta_db, nullptr);
  auto imported = CustomerRegister(*delta_db).ImportFile(file);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->register_index, "register index rebuilt (4 customers)");
  EXPECT_TRUE(std::filesystem::exists(dir.File(delta_db->id() + ".register-index")));
  ASSERT_TRUE(Rescreener(*delta_db, *before).All(testing::Threads(2)).ok());
  auto delta =
      Rescreener(*delta_db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(2));
  unsetenv("PARTYSCREEN_REGISTER_INDEX_DIR");
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->register_index, "saved index of 4 customers + 0 written since");
  EXPECT_EQ(delta->new_alerts.size(), 2u);  // Rosneft, Acme Widgets Trading
  auto full_db = testing::OpenOrDie(server_->NewDatabase("ps_index_full"));
  ASSERT_TRUE(CustomerRegister(*full_db).ImportFile(file).ok());
  ASSERT_TRUE(Rescreener(*full_db, *after).All(testing::Threads(2)).ok());
  EXPECT_EQ(AllAlerts(*delta_db), AllAlerts(*full_db));
}

// Reviews on the party (schema 4) on PostgreSQL: one review clears both listings of a party; a
// listing that joins it reopens them in the delta, which agrees with a full pass.
TEST_F(PostgresStoreTest, PartyReviewClearsBothListingsAndANewListingReopensThem) {
  Entity ofac = MakeEntity("ofac:10", "SEA LANTERN");
  Entity csl = MakeEntity("csl:10", "SEA LANTERN");
  csl.source = "csl";
  csl.list = "Specially Designated Nationals (SDN) - Treasury Department";
  Entity un = MakeEntity("un:20", "SEA LANTERN");
  un.source = "un";
  un.list = "UN";
  for (Entity* e : {&ofac, &csl, &un}) e->identifiers.push_back({"IMO", "9999990", "", ""});
  auto before = BuildScreener({ofac, csl});
  auto after = BuildScreener({ofac, csl, un});
  auto db = testing::OpenOrDie(server_->NewDatabase("ps_party_reviews"));
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(
      CustomerRegister(*db).Upsert({{"c1", "Sea Lantern", Schema::kUnknown, "", "", {}}}).ok());
  ASSERT_TRUE(Rescreener(*db, *before).All(testing::Threads(1)).ok());
  auto recorded = testing::Review(
      *db, *before, {"c1", "ofac:10", ReviewVerdict::kFalsePositive, "other ship", "alice"});
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->alerts.size(), 2u);
  auto states = [&] {
    std::map<std::string, AlertState> out;
    auto rec = CustomerRegister(*db).Get("c1");
    EXPECT_TRUE(rec.ok() && rec->has_value());
    if (rec.ok() && rec->has_value())
      for (const Alert& a : (*rec)->alerts) out[a.entity_id] = a.state;
    return out;
  };
  EXPECT_EQ(states(), (std::map<std::string, AlertState>{{"csl:10", AlertState::kSuppressed},
                                                         {"ofac:10", AlertState::kSuppressed}}));
  auto delta = Rescreener(*db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(1));
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(states(), (std::map<std::string, AlertState>{{"csl:10", AlertState::kReopened},
                                                         {"ofac:10", AlertState::kReopened},
                                                         {"un:20", AlertState::kReopened}}));
  const std::vector<std::string> after_delta = AllAlerts(*db);
  ASSERT_TRUE(Rescreener(*db, *after).All(testing::Threads(1)).ok());
  EXPECT_EQ(AllAlerts(*db), after_delta);
}

TEST_F(PostgresStoreTest, AuditWriterCommitsFromManyThreads) {
  const std::string info = server_->NewDatabase("ps_writer");
  {
    auto writer = AuditWriter::Open(info);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 300; ++i) {
          AuditRecord r;
          r.who = "api";
          r.query_json = "{\"name\":\"x\"}";
          (*writer)->Append(std::move(r));
        }
      });
    for (auto& th : threads) th.join();
    EXPECT_TRUE((*writer)->Flush().ok());
  }
  auto db = testing::OpenOrDie(info);
  auto v = AuditLog(*db).Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->records, 900u);
}

// Two servers on one database (issue 17): two writers race for the chain's very first record,
// when audit_head has no row yet for FOR UPDATE to lock. The second must wait for the first and
// link to it (the advisory lock), not start a second chain at the genesis hash and fail on seq 1.
TEST_F(PostgresStoreTest, TwoWritersRacingForTheFirstAuditRecordKeepOneChain) {
  const std::string info = server_->NewDatabase("ps_first_race");
  auto db1 = testing::OpenOrDie(info);
  auto db2 = testing::OpenOrDie(info);
  AuditRecord record;
  record.who = "server-a";
  record.query_json = "{\"name\":\"x\"}";
  store::SqlConnection& first = store::ConnectionOf(*db1);
  store::WriteTransaction t1(first);
  ASSERT_TRUE(t1.status().ok());
  auto seq1 = store::AppendAuditInTransaction(first, {record});
  ASSERT_TRUE(seq1.ok()) << seq1.status().ToString();
  EXPECT_EQ(*seq1, 1);
  Result<int64_t> seq2 = Status::Internal("not run");
  Status commit2 = Status::Internal("not run");
  std::thread other([&] {
    store::SqlConnection& second = store::ConnectionOf(*db2);
    store::WriteTransaction t2(second);
    AuditRecord r = record;
    r.who = "server-b";
    seq2 = store::AppendAuditInTransaction(second, {r});
    commit2 = seq2.ok() ? t2.Commit() : seq2.status();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the other is waiting by now
  ASSERT_TRUE(t1.Commit().ok());
  other.join();
  ASSERT_TRUE(seq2.ok()) << seq2.status().ToString();
  EXPECT_TRUE(commit2.ok()) << commit2.ToString();
  EXPECT_EQ(*seq2, 2);
  auto v = AuditLog(*db1).Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->records, 2u);
}

// The workbench queue on PostgreSQL: the pg_trgm index of customer names is created when the
// server has the extension (Debian's postgresql has it); the search by a part of a name gives
// the rows a brute-force substring check gives; keyset pages walk the whole queue.
TEST_F(PostgresStoreTest, QueueNameSearchAndKeysetPagingOnPostgres) {
  const std::string info = server_->NewDatabase("ps_queue");
  auto db = testing::OpenOrDie(info);
  ASSERT_NE(db, nullptr);
  store::SqlConnection& c = store::ConnectionOf(*db);
  auto available = c.Query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'");
  ASSERT_TRUE(available.ok());
  auto index = c.Query("SELECT 1 FROM pg_indexes WHERE indexname = 'customers_name_trgm'");
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index->empty(), available->empty()) << "pg_trgm available: " << !available->empty();
  const std::vector<std::string> names = {"Aeroflot",    "AEROFLOT Cargo", "Mahan Air",
                                          "Iran Air",    "Müller GmbH",    "Air Müller",
                                          "Sky 100% Air"};
  ASSERT_TRUE(c.BeginWrite().ok());
  for (size_t i = 0; i < 140; ++i) {
    const std::string id = "c" + std::to_string(i);
    ASSERT_TRUE(c.Run("INSERT INTO customers (id, name, schema, country, birth_date, identifiers,"
                      " content_hash, updated_at) VALUES (?, ?, '', '', '', '[]', 'h', 't')",
                      {id, names[i % names.size()] + " " + std::to_string(i % 5)})
                    .ok());
    ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                      " snapshot) VALUES (?, 'csl:1', ?, 'x', 'open', 's')",
                      {id, 0.8 + static_cast<double>(i % 9) / 100})
                    .ok());
  }
  ASSERT_TRUE(c.Commit().ok());
  for (const std::string q : {"aeroflot", "roflot c", "AIR", "ir 3", "c17", "zzz"}) {
    QueueFilter f;
    f.customer = q;
    f.limit = 500;
    auto page = AlertQueue(*db).Page(f);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    uint64_t expected = 0;
    for (size_t i = 0; i < 140; ++i) {
      const std::string name = names[i % names.size()] + " " + std::to_string(i % 5);
      expected +=
          "c" + std::to_string(i) == q || AsciiLower(name).find(AsciiLower(q)) != std::string::npos;
    }
    EXPECT_EQ(page->total, expected) << q;
    EXPECT_EQ(page->rows.size(), expected) << q;
  }
  // The same rows when many names contain the part and the queue is walked (names_first_max
  // lowered to make 20-100 names "many" here), counted up to count_cap, as by the reference scan.
  for (const std::string q : {"air", "AIR", "a", "r 3", "%", "zzz"}) {
    QueueFilter walk;
    walk.customer = q;
    walk.names_first_max = 10;
    walk.count_cap = 15;
    walk.limit = 7;
    QueueFilter scan = walk;
    scan.use_name_index = false;
    for (int page_no = 0; page_no < 30; ++page_no) {
      auto w = AlertQueue(*db).Page(walk);
      auto sc = AlertQueue(*db).Page(scan);
      ASSERT_TRUE(w.ok()) << w.status().ToString();
      ASSERT_TRUE(sc.ok()) << sc.status().ToString();
      ASSERT_EQ(w->rows.size(), sc->rows.size()) << q;
      for (size_t i = 0; i < w->rows.size(); ++i)
        EXPECT_EQ(w->rows[i].customer_id, sc->rows[i].customer_id) << q << " " << page_no;
      if (q == "air" && page_no == 0) {
        EXPECT_EQ(w->name_search, "queue walk");
        EXPECT_TRUE(w->total_capped);
        EXPECT_EQ(w->total, 15u);
        EXPECT_GT(sc->total, 15u);
      }
      if (!w->total_capped) {
        EXPECT_EQ(w->total, sc->total) << q;
      }
      EXPECT_EQ(w->next, sc->next) << q;
      if (w->next.empty()) break;
      walk.after = w->next;
      scan.after = sc->next;
    }
  }
  // The programme filter's listings and the bulk groups' parties (JSON parameters) on PostgreSQL.
  ASSERT_TRUE(c.Run("INSERT INTO alerts (customer_id, entity_id, score, matched_name, state,"
                    " snapshot) VALUES ('c0', 'ofac:1', 0.9, 'x', 'open', 's'), ('c7', 'un:1',"
                    " 0.9, 'x', 'open', 's')")
                  .ok());
  QueueFilter programme;
  programme.listings = std::vector<std::string>{"ofac:1", "un:1", "o'\"x"};
  auto under = AlertQueue(*db).Page(programme);
  ASSERT_TRUE(under.ok()) << under.status().ToString();
  ASSERT_EQ(under->rows.size(), 2u);
  EXPECT_EQ(under->total, 2u);
  // c0 and c35 are both "Aeroflot 0": c35 on csl:1 and c0 on ofac:1 are one group once the two
  // listings are one party (the other alerts on csl:1 go).
  ASSERT_TRUE(
      c.Run("DELETE FROM alerts WHERE entity_id = 'csl:1' AND customer_id NOT IN ('c35')").ok());
  auto apart = AlertQueue(*db).IdenticalAlerts(50, {});
  ASSERT_TRUE(apart.ok()) << apart.status().ToString();
  EXPECT_TRUE(apart->empty());
  auto together =
      AlertQueue(*db).IdenticalAlerts(50, {{"csl:1", "party:ofac:1"}, {"ofac:1", "party:ofac:1"}});
  ASSERT_TRUE(together.ok()) << together.status().ToString();
  ASSERT_EQ(together->size(), 2u);
  EXPECT_EQ((*together)[0].customer_name, (*together)[1].customer_name);
  QueueFilter f;
  f.sort = "customer";
  f.limit = 500;
  auto all = AlertQueue(*db).Page(f);
  ASSERT_TRUE(all.ok());
  f.limit = 30;
  std::vector<std::string> walked;
  for (auto page = AlertQueue(*db).Page(f);;) {
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const QueueRow& r : page->rows) walked.push_back(r.customer_id);
    if (page->next.empty()) break;
    f.after = page->next;
    page = AlertQueue(*db).Page(f);
  }
  ASSERT_EQ(walked.size(), all->rows.size());
  for (size_t i = 0; i < walked.size(); ++i) EXPECT_EQ(walked[i], all->rows[i].customer_id);
}

// Two servers' heartbeats from two connections: each sees the other's row, with its snapshot,
// and the ages come from the database's clock.
TEST_F(PostgresStoreTest, HeartbeatsOfTwoServersAreSeenByBoth) {
  const std::string info = server_->NewDatabase("ps_heartbeats");
  auto db1 = testing::OpenOrDie(info);
  auto db2 = testing::OpenOrDie(info);
  ServerHeartbeat a;
  a.server_id = "server-a";
  a.snapshot = "hash-a";
  a.engine = EngineVersion();
  a.generation = 1;
  a.listen = "10.0.0.1:8080";
  a.started_at = UtcNowIso();
  ServerHeartbeat b = a;
  b.server_id = "server-b";
  b.snapshot = "hash-b";
  ASSERT_TRUE(HeartbeatTable(*db1).Beat(a).ok());
  ASSERT_TRUE(HeartbeatTable(*db2).Beat(b).ok());
  a.snapshot = "hash-b";  // a reloads
  a.generation = 2;
  ASSERT_TRUE(HeartbeatTable(*db1).Beat(a).ok());
  for (Database* db : {db1.get(), db2.get()}) {
    auto live = HeartbeatTable(*db).List(60);
    ASSERT_TRUE(live.ok()) << live.status().ToString();
    ASSERT_EQ(live->size(), 2u);
    EXPECT_EQ((*live)[0].server_id, "server-a");
    EXPECT_EQ((*live)[0].snapshot, "hash-b");
    EXPECT_EQ((*live)[0].generation, 2u);
    EXPECT_EQ((*live)[1].server_id, "server-b");
    for (const ServerHeartbeat& h : *live) {
      EXPECT_GE(h.age_seconds, 0.0);
      EXPECT_LT(h.age_seconds, 30.0);
    }
  }
  ASSERT_TRUE(HeartbeatTable(*db2).Remove("server-b").ok());
  auto live = HeartbeatTable(*db1).List(60);
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->size(), 1u);
}

}  // namespace
}  // namespace partyscreen
