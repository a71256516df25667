// The audit journal (store/audit_journal.h) and AuditWriter's use of it: frames round-trip, a torn
// last record is dropped with a message, damage is refused, and a writer opened after a crash
// replays what was journalled but not committed, exactly once, into one valid chain.
#include "store/audit_journal.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <zlib.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using std::chrono::milliseconds;
using store::AuditJournal;
using store::DecodeJournal;
using store::EncodeJournalFrame;
using store::EncodeJournalHeader;
using store::JournalContents;
using testing::OpenOrDie;
using testing::TempDir;

AuditRecord Record(int i) {
  AuditRecord r;
  r.kind = "screen";
  r.who = "alice";
  r.query_json = R"({"id":")" + std::to_string(i) + R"(","name":"Banco Nacional de Cuba"})";
  r.snapshot = "abc";
  r.engine = "partyscreen-test";
  r.threshold = 0.7 + i * 1e-9;
  r.hits = {{"ofac:1", 0.123456789012345 + i, "BANCO NACIONAL DE CUBA", ""},
            {"ofac:2", 1.0 / 3, "BNC", "open"}};
  r.time = "2026-11-30T12:00:00Z";
  return r;
}

// A journal of `db`'s records ids first..last (header included).
std::string Journal(const Database& db, uint64_t first, uint64_t last) {
  std::string bytes = EncodeJournalHeader(db.id());
  for (uint64_t id = first; id <= last; ++id)
    bytes += EncodeJournalFrame(id, Record(static_cast<int>(id)));
  return bytes;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int64_t AuditRows(Database& db) {
  auto rows = store::ConnectionOf(db).Query("SELECT COUNT(*) FROM audit");
  EXPECT_TRUE(rows.ok());
  return rows.ok() ? store::AsInt((*rows)[0][0]) : -1;
}

// The query ids of the audit rows, in chain order.
std::vector<std::string> AuditedIds(Database& db) {
  std::vector<std::string> ids;
  auto rows = store::ConnectionOf(db).Query("SELECT body FROM audit ORDER BY seq");
  EXPECT_TRUE(rows.ok());
  for (const auto& r : *rows) {
    const std::string body = store::AsText(r[0]);
    const size_t at = body.find(R"("id":")");
    ids.push_back(at == std::string::npos ? ""
                                          : body.substr(at + 6, body.find('"', at + 6) - at - 6));
  }
  return ids;
}

void ExpectIntact(Database& db) {
  auto v = AuditLog(db).Verify();
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->ok) << v->problem;
}

AuditWriterOptions WithJournal(const std::string& path) {
  AuditWriterOptions o;
  o.journal = path;
  o.max_delay = milliseconds(20);
  return o;
}

TEST(AuditJournal, FramesRoundTripEveryField) {
  const std::string bytes = EncodeJournalHeader("db1") + EncodeJournalFrame(7, Record(7)) +
                            EncodeJournalFrame(8, Record(8));
  auto j = DecodeJournal(bytes, "db1", "j");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  ASSERT_EQ(j->entries.size(), 2u);
  EXPECT_EQ(j->dropped, "");
  EXPECT_EQ(j->valid_bytes, bytes.size());
  for (int k = 0; k < 2; ++k) {
    const AuditRecord want = Record(7 + k), got = j->entries[k].record;
    EXPECT_EQ(j->entries[k].id, 7u + k);
    EXPECT_EQ(got.kind, want.kind);
    EXPECT_EQ(got.who, want.who);
    EXPECT_EQ(got.query_json, want.query_json);
    EXPECT_EQ(got.snapshot, want.snapshot);
    EXPECT_EQ(got.engine, want.engine);
    EXPECT_EQ(got.threshold, want.threshold);  // bit for bit: the hashed body depends on it
    ASSERT_EQ(got.hits.size(), 2u);
    EXPECT_EQ(got.hits[0].score, want.hits[0].score);
    EXPECT_EQ(got.hits[1].state, "open");
    EXPECT_EQ(got.hits[1].matched_name, "BNC");
    EXPECT_EQ(got.time, want.time);
  }
}

// The checksum is the CRC-32 of the id and payload bytes, as the header says (sealing a prepared
// frame computes it from the payload's CRC).
TEST(AuditJournal, ChecksumIsTheCrc32OfIdAndPayload) {
  const std::string frame = EncodeJournalFrame(12345, Record(3));
  uint32_t stored = 0;
  std::memcpy(&stored, frame.data() + 4, sizeof(stored));
  const uLong direct = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(frame.data() + 8),
                             static_cast<uInt>(frame.size() - 8));
  EXPECT_EQ(stored, static_cast<uint32_t>(direct));
}

TEST(AuditJournal, TornLastRecordIsDroppedWithAMessage) {
  const std::string whole = EncodeJournalHeader("db1") + EncodeJournalFrame(1, Record(1));
  const std::string last = EncodeJournalFrame(2, Record(2));
  for (size_t cut : {size_t{3}, size_t{16}, last.size() / 2, last.size() - 1}) {
    auto j = DecodeJournal(whole + last.substr(0, cut), "db1", "j");
    ASSERT_TRUE(j.ok()) << j.status().ToString();
    EXPECT_EQ(j->entries.size(), 1u) << cut;
    EXPECT_EQ(j->valid_bytes, whole.size());
    EXPECT_NE(j->dropped.find("torn last record at byte " + std::to_string(whole.size())),
              std::string::npos)
        << j->dropped;
  }
  std::string flipped = whole + last;
  flipped.back() ^= 1;  // complete in length, wrong checksum: a torn write too
  auto j = DecodeJournal(flipped, "db1", "j");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->entries.size(), 1u);
  EXPECT_NE(j->dropped.find("torn last record"), std::string::npos) << j->dropped;
}

// A write that failed part-way (disk full) while other threads' writes went on: the intact
// records after it are found again by their checksums, and the gap is reported.
TEST(AuditJournal, RecordCutShortBeforeIntactOnesIsSkippedWithAMessage) {
  const std::string head = EncodeJournalHeader("db1") + EncodeJournalFrame(1, Record(1));
  const std::string cut = EncodeJournalFrame(2, Record(2)).substr(0, 40);
  const std::string bytes = head + cut + EncodeJournalFrame(3, Record(3));
  auto j = DecodeJournal(bytes, "db1", "the-journal");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  ASSERT_EQ(j->entries.size(), 2u);
  EXPECT_EQ(j->entries[0].id, 1u);
  EXPECT_EQ(j->entries[1].id, 3u);
  EXPECT_EQ(j->valid_bytes, bytes.size());
  EXPECT_NE(j->dropped.find("cut short at byte " + std::to_string(head.size()) + " (40 bytes"),
            std::string::npos)
      << j->dropped;
}

TEST(AuditJournal, JournalOfAnotherDatabaseIsRefused) {
  auto j = DecodeJournal(EncodeJournalHeader("db1"), "db2", "j");
  ASSERT_FALSE(j.ok());
  EXPECT_NE(j.status().message().find("another database"), std::string::npos);
}

TEST(AuditJournal, SecondWriterOnTheJournalIsRefused) {
  TempDir dir;
  JournalContents found;
  auto a = AuditJournal::Open(dir.File("j"), "db1", &found);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = AuditJournal::Open(dir.File("j"), "db1", &found);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("in use"), std::string::npos) << b.status().ToString();
}

TEST(AuditJournal, FailedWriteLeavesNoRecordAndLaterWritesAreRead) {
  TempDir dir;
  const std::string path = dir.File("j");
  // A child process, so that the file size limit touches nothing else.
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    JournalContents found;
    auto j = AuditJournal::Open(path, "db1", &found);
    if (!j.ok() || !(*j)->Append(EncodeJournalFrame(1, Record(1))).ok()) ::_exit(2);
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{};
    ::getrlimit(RLIMIT_FSIZE, &limit);
    const rlim_t old = limit.rlim_cur;
    limit.rlim_cur = static_cast<rlim_t>((*j)->bytes() + 100);  // "disk full" mid-record
    ::setrlimit(RLIMIT_FSIZE, &limit);
    const bool failed = !(*j)->Append(EncodeJournalFrame(2, Record(2))).ok();
    limit.rlim_cur = old;
    ::setrlimit(RLIMIT_FSIZE, &limit);
    const bool next_ok = (*j)->Append(EncodeJournalFrame(2, Record(2))).ok();
    ::_exit(failed && next_ok ? 0 : 3);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  auto j = DecodeJournal(ReadAll(path), "db1", path);
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_NE(j->dropped.find("cut short"), std::string::npos) << j->dropped;  // the failed part
  ASSERT_EQ(j->entries.size(), 2u);
  EXPECT_EQ(j->entries[0].id, 1u);
  EXPECT_EQ(j->entries[1].id, 2u);
}

// A crash after write() and before the commit: the next writer appends the records, once.
TEST(AuditJournalReplay, JournalledRecordsAreCommittedOnceAfterACrash) {
  TempDir dir;
  const std::string db_path = dir.File("audit.db");
  const std::string journal = AuditJournalPath(db_path);
  EXPECT_EQ(journal, db_path + "-audit-journal");
  auto db = OpenOrDie(db_path);
  ASSERT_TRUE(AuditLog(*db).Append({Record(100)}).ok());  // someone else's record first
  std::ofstream(journal, std::ios::binary) << Journal(*db, 1, 5);
  {
    auto w = AuditWriter::Open(db_path, WithJournal(journal));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EXPECT_EQ((*w)->recovery().replayed, 5u);
    EXPECT_EQ((*w)->recovery().already_committed, 0u);
    EXPECT_EQ((*w)->recovery().dropped, "");
    EXPECT_EQ(AuditRows(*db), 6);
    // Killed again: this time after records 6 and 7 were journalled but before the journal
    // was emptied (a crash between the commit of 1..5 and the rotation is the same case).
  }
  std::ofstream(journal, std::ios::binary) << Journal(*db, 1, 7);
  {
    auto w = AuditWriter::Open(db_path, WithJournal(journal));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EXPECT_EQ((*w)->recovery().replayed, 2u);
    EXPECT_EQ((*w)->recovery().already_committed, 5u);
  }
  EXPECT_EQ(AuditedIds(*db), (std::vector<std::string>{"100", "1", "2", "3", "4", "5", "6", "7"}));
  ExpectIntact(*db);
  EXPECT_FALSE(std::filesystem::exists(journal)) << "a clean close removes the journal";
}

TEST(AuditJournalReplay, TornTailIsDroppedAndTheRestReplayed) {
  TempDir dir;
  const std::string db_path = dir.File("audit.db");
  auto db = OpenOrDie(db_path);
  const std::string frame = EncodeJournalFrame(4, Record(4));
  std::ofstream(AuditJournalPath(db_path), std::ios::binary)
      << Journal(*db, 1, 3) << frame.substr(0, frame.size() - 5);
  auto w = AuditWriter::Open(db_path, WithJournal(AuditJournalPath(db_path)));
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ((*w)->recovery().replayed, 3u);
  EXPECT_NE((*w)->recovery().dropped.find("torn last record"), std::string::npos)
      << (*w)->recovery().dropped;
  // New records continue the ids after the last intact one.
  ASSERT_TRUE((*w)->AppendDurable({Record(9)}, milliseconds(5000)).ok());
  w->reset();
  EXPECT_EQ(AuditedIds(*db), (std::vector<std::string>{"1", "2", "3", "9"}));
  ExpectIntact(*db);
}

// Concurrent writes: frames out of id order, an id whose write never finished absent. Replay
// appends in id order.
TEST(AuditJournalReplay, RecordsAreReplayedInIdOrderAcrossGaps) {
  TempDir dir;
  const std::string db_path = dir.File("audit.db");
  auto db = OpenOrDie(db_path);
  std::ofstream(AuditJournalPath(db_path), std::ios::binary)
      << EncodeJournalHeader(db->id()) << EncodeJournalFrame(2, Record(2))
      << EncodeJournalFrame(1, Record(1)) << EncodeJournalFrame(5, Record(5))
      << EncodeJournalFrame(4, Record(4));
  {
    auto w = AuditWriter::Open(db_path, WithJournal(AuditJournalPath(db_path)));
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    EXPECT_EQ((*w)->recovery().replayed, 4u);
    ASSERT_TRUE((*w)->AppendDurable({Record(6)}, milliseconds(5000)).ok());
  }
  EXPECT_EQ(AuditedIds(*db), (std::vector<std::string>{"1", "2", "4", "5", "6"}));
  ExpectIntact(*db);
}

// The writer's own journal: answered (journalled) records reach the table behind the answers,
// in order, across a restart that found them uncommitted.
TEST(AuditJournalReplay, DurableAppendsSurviveAWriterThatNeverCommitted) {
  TempDir dir;
  const std::string db_path = dir.File("audit.db");
  const std::string journal = AuditJournalPath(db_path);
  auto db = OpenOrDie(db_path);
  // A child appends durably, with a commit delay it never reaches, then is killed.
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    AuditWriterOptions o = WithJournal(journal);
    o.max_delay = std::chrono::hours(1);
    o.max_batch = 1000000;
    auto w = AuditWriter::Open(db_path, o);
    if (!w.ok()) ::_exit(2);
    for (int i = 1; i <= 50; ++i)
      if (!(*w)->AppendDurable({Record(i)}, milliseconds(1000)).ok()) ::_exit(3);
    ::kill(::getpid(), SIGKILL);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exit " << WEXITSTATUS(status);
  EXPECT_EQ(AuditRows(*db), 0);
  auto w = AuditWriter::Open(db_path, WithJournal(journal));
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ((*w)->recovery().replayed, 50u);
  std::vector<std::string> want;
  for (int i = 1; i <= 50; ++i) want.push_back(std::to_string(i));
  EXPECT_EQ(AuditedIds(*db), want);
  ExpectIntact(*db);
}

TEST(AuditJournalReplay, ConcurrentDurableAppendsFormOneChainAndRotate) {
  TempDir dir;
  const std::string db_path = dir.File("audit.db");
  AuditWriterOptions o = WithJournal(AuditJournalPath(db_path));
  o.max_batch = 64;
  o.journal_rotate_bytes = 16 << 10;  // rotates many times
  {
    auto w = AuditWriter::Open(db_path, o);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 500; ++i) {  // paced, so that rotations happen while appending
          EXPECT_TRUE((*w)->AppendDurable({Record(t * 1000 + i)}, milliseconds(10000)).ok());
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
      });
    for (auto& t : threads) t.join();
    // Once the commits catch up, the journal is emptied.
    for (int i = 0; i < 500 && std::filesystem::file_size(o.journal) >= o.journal_rotate_bytes; ++i)
      std::this_thread::sleep_for(milliseconds(10));
    EXPECT_LT(std::filesystem::file_size(o.journal), o.journal_rotate_bytes);
  }
  auto db = OpenOrDie(db_path);
  EXPECT_EQ(AuditRows(*db), 2000);
  ExpectIntact(*db);
  EXPECT_FALSE(std::filesystem::exists(o.journal));
}

}  // namespace
}  // namespace partyscreen
