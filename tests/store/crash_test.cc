// Crash safety: the partyscreen binary is killed with SIGKILL in the middle of an import and of a
// re-screen. The database must open, hold only whole committed transactions, keep an intact audit
// chain, and a rerun must finish the work without duplicates.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

const std::string kSdn2021 =
    "ofac-csv:" + std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2021-07";
const std::string kSdn2024 =
    "ofac-csv:" + std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2024-07-02";

// Runs the binary with `args`, output to /dev/null; returns its pid.
pid_t Spawn(std::vector<std::string> args) {
  args.insert(args.begin(), PARTYSCREEN_BINARY);
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

int64_t ScalarQuery(const std::string& db_path, const std::string& sql) {
  auto db = OpenOrDie(db_path);
  auto rows = store::ConnectionOf(*db).Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() && !rows->empty() ? store::AsInt((*rows)[0][0]) : -1;
}

// Polls until `sql` returns at least `min` or the process exits; true if it was still running.
bool WaitForProgress(pid_t pid, const std::string& db_path, const std::string& sql, int64_t min) {
  for (int i = 0; i < 1200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (waitpid(pid, nullptr, WNOHANG) == pid) return false;
    if (ScalarQuery(db_path, sql) >= min) return true;
  }
  return true;
}

std::string SyntheticCsv(int n) {
  std::string csv = "id,name,schema,country,birth_date,identifiers\n";
  const char* words[] = {"Northern", "Atlas",  "Harbor", "Crescent",
                         "Pioneer",  "Summit", "Delta",  "Orchid"};
  for (int i = 0; i < n; ++i)
    csv += fmt::format("K{:07},{} {} Trading {},Organization,US,,\n", i, words[i % 8],
                       words[(i / 8) % 8], i);
  return csv;
}

TEST(CrashTest, KilledImportKeepsWholeTransactionsAndRerunCompletes) {
  TempDir dir;
  constexpr int kRows = 20000;
  const std::string csv = dir.Write("customers.csv", SyntheticCsv(kRows));
  const std::string db = dir.File("crash.db");
  OpenOrDie(db);  // create the schema first so the poller never races the migration

  const pid_t pid = Spawn({"customers", "import", csv, "--db", db});
  const bool killed = WaitForProgress(pid, db, "SELECT COUNT(*) FROM customers", 5000);
  if (killed) kill(pid, SIGKILL);
  WaitExit(pid);
  const int64_t after_kill = ScalarQuery(db, "SELECT COUNT(*) FROM customers");
  if (killed && after_kill < kRows) {
    EXPECT_EQ(after_kill % 5000, 0) << "a partial transaction is visible";
  }

  const pid_t rerun = Spawn({"customers", "import", csv, "--db", db});
  EXPECT_EQ(WaitExit(rerun), 0);
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM customers"), kRows);
}

TEST(CrashTest, KilledRescreenResumesWithoutDuplicateAuditRecords) {
  TempDir dir;
  constexpr int kRows = 12000;
  const std::string db = dir.File("rescreen.db");
  {
    auto d = OpenOrDie(db);
    auto r = CustomerRegister(*d).ImportFile(dir.Write("customers.csv", SyntheticCsv(kRows)));
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->imported, static_cast<uint64_t>(kRows));
  }
  const pid_t pid = Spawn({"rescreen", "--all", "--list", kSdn2024, "--db", db, "--threads", "1"});
  const bool killed = WaitForProgress(
      pid, db, "SELECT COALESCE(MAX(screened), 0) FROM rescreen_runs WHERE state = 'running'",
      4000);
  if (killed) kill(pid, SIGKILL);
  WaitExit(pid);
  if (!killed)
    GTEST_SKIP()
        << "the re-screen finished before it could be killed (machine too fast for this test)";

  // Committed chunks only: screened customers, run progress and audit records agree.
  const int64_t screened =
      ScalarQuery(db, "SELECT COUNT(*) FROM customers WHERE screened_epoch IS NOT NULL");
  EXPECT_GT(screened, 0);
  EXPECT_LT(screened, kRows);
  EXPECT_EQ(ScalarQuery(db, "SELECT screened FROM rescreen_runs WHERE state = 'running'"),
            screened);
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM audit WHERE kind = 'rescreen'"), screened);
  {
    auto d = OpenOrDie(db);
    auto v = AuditLog(*d).Verify();
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->ok) << v->problem;
  }

  const pid_t rerun =
      Spawn({"rescreen", "--all", "--list", kSdn2024, "--db", db, "--threads", "1"});
  EXPECT_EQ(WaitExit(rerun), 0);
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM customers WHERE screened_epoch IS NOT NULL"),
            kRows);
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM audit WHERE kind = 'rescreen'"),
            kRows);                                                     // each customer once
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM rescreen_runs"), 1);  // resumed, not restarted
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM rescreen_runs WHERE state = 'done'"), 1);
  auto d = OpenOrDie(db);
  auto v = AuditLog(*d).Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
}

std::shared_ptr<const Snapshot> LoadOrDie(const std::string& spec) {
  auto snap = LoadSnapshot({ParseListSpec(spec)});
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  return snap.ok() ? std::make_shared<const Snapshot>(std::move(snap).value()) : nullptr;
}

// A register the SDN 2021 -> 2024 change affects almost entirely (named after the entries added
// or changed since), screened against 2021 in `db_path`.
void PrepareDeltaRegister(const std::string& db_path, const Snapshot& sdn2021,
                          const Snapshot& sdn2024) {
  const ListDiff diff = DiffEntitySets(EntitySetOf(sdn2021), EntitySetOf(sdn2024));
  std::vector<Customer> customers;
  for (const ArchivedEntity& e : diff.added)
    customers.push_back({"A" + e.id, e.name, Schema::kUnknown, "", "", {}});
  for (const EntityChange& e : diff.changed)
    customers.push_back({"C" + e.id, e.name, Schema::kUnknown, "", "", {}});
  auto db = OpenOrDie(db_path);
  ASSERT_TRUE(CustomerRegister(*db).Upsert(customers).ok());
  auto screener = Screener::Build(std::make_shared<const Snapshot>(sdn2021));
  ASSERT_TRUE(screener.ok());
  auto base = Rescreener(*db, **screener).All(testing::Threads(2));
  ASSERT_TRUE(base.ok()) << base.status().ToString();
}

TEST(CrashTest, KilledDeltaRescreenResumesAndEqualsAnUninterruptedOne) {
  auto sdn2021 = LoadOrDie(kSdn2021);
  auto sdn2024 = LoadOrDie(kSdn2024);
  ASSERT_TRUE(sdn2021 && sdn2024);
  TempDir dir;
  const std::string db = dir.File("delta.db");
  const std::string reference = dir.File("reference.db");
  PrepareDeltaRegister(db, *sdn2021, *sdn2024);  // closed: checkpointed into the one file
  std::filesystem::copy_file(db, reference);
  const int64_t customers = ScalarQuery(db, "SELECT COUNT(*) FROM customers");
  ASSERT_GT(customers, 10000);
  const std::vector<std::string> delta_args = {
      "rescreen", "--since-snapshot", kSdn2021, "--list",  kSdn2024, "--db",
      db,         "--threads",        "1",      "--chunk", "300"};

  const pid_t pid = Spawn(delta_args);
  const bool killed = WaitForProgress(
      pid, db,
      "SELECT COALESCE(MAX(screened), 0) FROM rescreen_runs WHERE kind = 'delta' AND state = "
      "'running'",
      600);
  if (killed) kill(pid, SIGKILL);
  WaitExit(pid);
  if (!killed)
    GTEST_SKIP() << "the delta finished before it could be killed (machine too fast for this test)";

  // Committed chunks only: customers moved to the new snapshot, run progress and audit agree; the
  // register as a whole is still on 2021 (the base moves only when the run finishes).
  const int64_t written = ScalarQuery(
      db,
      "SELECT COUNT(*) FROM customers c JOIN rescreen_runs r ON r.epoch = c.screened_epoch"
      " WHERE r.kind = 'delta'");
  EXPECT_GT(written, 0);
  EXPECT_LT(written, customers);
  EXPECT_EQ(written % 300, 0) << "a partial chunk is visible";
  EXPECT_EQ(ScalarQuery(db, "SELECT screened FROM rescreen_runs WHERE kind = 'delta'"), written);
  EXPECT_EQ(ScalarQuery(db,
                        "SELECT COUNT(*) FROM audit WHERE kind = 'rescreen' AND body LIKE "
                        "'%\"mode\":\"delta\"%'"),
            written);
  EXPECT_EQ(ScalarQuery(db,
                        "SELECT COUNT(*) FROM customers c JOIN screening_epochs e ON e.id = "
                        "c.screened_epoch WHERE e.snapshot = '" +
                            sdn2021->hash + "'"),
            customers - written);

  const pid_t rerun = Spawn(delta_args);
  EXPECT_EQ(WaitExit(rerun), 0);
  const pid_t uninterrupted = Spawn({"rescreen", "--since-snapshot", kSdn2021, "--list", kSdn2024,
                                     "--db", reference, "--threads", "1"});
  EXPECT_EQ(WaitExit(uninterrupted), 0);

  // Same alerts as the delta that was never killed; every customer on 2024; one run, resumed;
  // each re-scored customer audited once.
  auto d = OpenOrDie(db);
  auto r = OpenOrDie(reference);
  EXPECT_EQ(testing::AllAlerts(*d), testing::AllAlerts(*r));
  EXPECT_EQ(ScalarQuery(db,
                        "SELECT COUNT(*) FROM customers c JOIN screening_epochs e ON e.id = "
                        "c.screened_epoch WHERE e.snapshot = '" +
                            sdn2024->hash + "'"),
            customers);
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM rescreen_runs WHERE kind = 'delta'"), 1);
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) FROM rescreen_runs WHERE state = 'done'"), 2);
  const std::string delta_audits =
      "FROM audit WHERE kind = 'rescreen' AND body LIKE '%\"mode\":\"delta\"%'";
  EXPECT_EQ(ScalarQuery(db, "SELECT COUNT(*) " + delta_audits),
            ScalarQuery(reference, "SELECT COUNT(*) " + delta_audits));
  auto v = AuditLog(*d).Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
}

}  // namespace
}  // namespace partyscreen
