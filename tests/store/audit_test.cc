// The audit trail: appended records verify; any edit, deletion, reordering or truncation is
// detected and the first bad record is named; the background writer loses nothing.
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

AuditRecord Record(int i) {
  AuditRecord r;
  r.kind = "screen";
  r.who = "analyst";
  r.query_json = nlohmann::json{{"name", "Customer " + std::to_string(i)}}.dump();
  r.snapshot = std::string(64, 'a');
  r.engine = "test";
  r.threshold = 0.9;
  r.hits.push_back(
      {"ofac:" + std::to_string(i), 0.5 + i / 1000.0, "NAME " + std::to_string(i), ""});
  return r;
}

void AppendN(Database& db, int n) {
  std::vector<AuditRecord> records;
  for (int i = 1; i <= n; ++i) records.push_back(Record(i));
  auto seq = AuditLog(db).Append(records);
  ASSERT_TRUE(seq.ok()) << seq.status().ToString();
  EXPECT_EQ(*seq, n);
}

// Runs raw SQL on the database file, as someone tampering with it would.
void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

AuditVerification VerifyFile(const std::string& path) {
  auto db = OpenOrDie(path);
  auto v = AuditLog(*db).Verify();
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return *v;
}

class AuditTamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("audit.db");
    auto db = OpenOrDie(path_);
    AppendN(*db, 10);
  }
  TempDir dir_;
  std::string path_;
};

TEST_F(AuditTamperTest, IntactChainVerifies) {
  const AuditVerification v = VerifyFile(path_);
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.records, 10u);
}

TEST_F(AuditTamperTest, EditedHitScoreIsNamed) {
  Tamper(path_,
         "UPDATE audit SET body = replace(body, '\"score\":0.504', '\"score\":0.2') WHERE seq = 4");
  const AuditVerification v = VerifyFile(path_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 4);
}

TEST_F(AuditTamperTest, EditedWhoColumnIsNamed) {
  Tamper(path_, "UPDATE audit SET who = 'someone-else' WHERE seq = 7");
  const AuditVerification v = VerifyFile(path_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 7);
}

TEST_F(AuditTamperTest, DeletedMiddleRecordIsNamed) {
  Tamper(path_, "DELETE FROM audit WHERE seq = 5");
  const AuditVerification v = VerifyFile(path_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 5);
}

TEST_F(AuditTamperTest, DeletedAndRenumberedRecordIsNamed) {
  // Delete record 5 and shift the later ones down so there is no gap in the numbering.
  Tamper(path_, "DELETE FROM audit WHERE seq = 5; UPDATE audit SET seq = seq - 1 WHERE seq > 5");
  const AuditVerification v = VerifyFile(path_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 5);
}

TEST_F(AuditTamperTest, SwappedRecordsAreNamed) {
  Tamper(path_,
         "UPDATE audit SET seq = -1 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 6;"
         "UPDATE audit SET seq = 6 WHERE seq = -1");
  const AuditVerification v = VerifyFile(path_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditTamperTest, TruncatedTailIsDetected) {
  Tamper(path_, "DELETE FROM audit WHERE seq >= 9");
  const AuditVerification v = VerifyFile(path_);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 9);
}

TEST_F(AuditTamperTest, ChainContinuesAcrossOpens) {
  {
    auto db = OpenOrDie(path_);
    auto seq = AuditLog(*db).Append({Record(11)});
    ASSERT_TRUE(seq.ok());
    EXPECT_EQ(*seq, 11);
  }
  EXPECT_TRUE(VerifyFile(path_).ok);
}

TEST_F(AuditTamperTest, ExportWritesEveryRecordWithItsHashes) {
  auto db = OpenOrDie(path_);
  std::ostringstream out;
  auto n = AuditLog(*db).Export("", "", out);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 10u);
  std::istringstream in(out.str());
  std::string line, prev(64, '0');
  int lines = 0;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    // The exported hashes chain: each record names the previous record's hash.
    EXPECT_EQ(j["prev_hash"], prev);
    prev = j["hash"];
    EXPECT_EQ(j["seq"], ++lines);
    EXPECT_EQ(j["who"], "analyst");
  }
  EXPECT_EQ(lines, 10);
  std::ostringstream none;
  auto zero = AuditLog(*db).Export("2999-01-01", "", none);
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(*zero, 0u);
}

TEST(AuditWriterTest, ConcurrentAppendsAreAllCommittedInOneChain) {
  TempDir dir;
  const std::string path = dir.File("writer.db");
  constexpr int kThreads = 4, kPerThread = 2500;
  {
    auto writer = AuditWriter::Open(path, [] {
      AuditWriterOptions o;
      o.max_batch = 500;
      o.max_delay = std::chrono::milliseconds(20);
      return o;
    }());
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) (*writer)->Append(Record(t * kPerThread + i));
      });
    for (auto& th : threads) th.join();
    EXPECT_TRUE((*writer)->Flush().ok());
    // Appends after a flush are committed by the destructor.
    (*writer)->Append(Record(-1));
  }
  const AuditVerification v = VerifyFile(path);
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.records, static_cast<uint64_t>(kThreads * kPerThread + 1));
}

TEST(AuditWriterTest, ScreeningRecordNamesQuerySnapshotEngineAndHits) {
  auto screener = testing::BuildScreener({testing::MakeEntity("ofac:1", "AEROFLOT")});
  Query q;
  q.name = "Aeroflot";
  ScreenOptions opt;
  const std::vector<Hit> hits = screener->Screen(q, opt);
  ASSERT_EQ(hits.size(), 1u);
  const AuditRecord r = ScreeningAuditRecord("api-key-7", q, *screener, opt, hits);
  EXPECT_EQ(r.who, "api-key-7");
  EXPECT_EQ(r.snapshot, screener->snapshot().hash);
  EXPECT_EQ(r.engine, EngineVersion());
  EXPECT_EQ(r.threshold, opt.threshold);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].entity_id, "ofac:1");
  EXPECT_EQ(nlohmann::json::parse(r.query_json)["name"], "Aeroflot");
}

}  // namespace
}  // namespace partyscreen
