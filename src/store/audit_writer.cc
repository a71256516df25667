// AuditWriter: a background thread that commits buffered audit records in batches, behind the
// audit journal when it has one.
#include "partyscreen/store/audit_writer.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "fmt/format.h"
#include "store/audit_chain.h"
#include "store/audit_journal.h"
#include "store/sql.h"

namespace partyscreen {

namespace {

// What the callers of one AppendDurable() wait for.
struct Ticket {
  size_t remaining = 0;  // records of the call not yet committed
  bool done = false;
  Status status;  // the first error of a transaction that held one of its records
};

struct Entry {
  AuditRecord record;
  std::shared_ptr<Ticket> ticket;  // null for Append() and journalled records
  uint64_t journal_id = 0;         // the record's id in the journal; 0: not journalled
};

// The last journal id whose record is in the audit table, kept in store_meta.
constexpr const char* kJournalMark = "audit_journal_applied";

Result<uint64_t> ReadJournalMark(store::SqlConnection& conn) {
  auto rows =
      conn.Query("SELECT value FROM store_meta WHERE name = ?", {std::string(kJournalMark)});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? 0 : static_cast<uint64_t>(store::AsInt((*rows)[0][0]));
}

// Appends `records` in one transaction; `journal_mark` > 0: records up to that journal id are in
// the table after the commit (stored in the same transaction, so a replay never repeats one).
Status CommitRecords(store::SqlConnection& conn, const std::vector<AuditRecord>& records,
                     uint64_t journal_mark) {
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto seq = store::AppendAuditInTransaction(conn, records);
  if (!seq.ok()) return seq.status();
  if (journal_mark > 0) {
    Status s = conn.Run(
        "INSERT INTO store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
        "value = excluded.value",
        {std::string(kJournalMark), std::to_string(journal_mark)});
    if (!s.ok()) return s;
  }
  return txn.Commit();
}

}  // namespace

// Commits are made by whichever thread finds none in progress (the "leader", as in leveldb's
// DBImpl::Write): an AppendDurable caller commits its own records together with every record
// waiting at that moment, while callers arriving meanwhile wait and then one of them commits the
// next group. The background thread does the same for Append() records that waited max_delay,
// and (SQLite) checkpoints the WAL, so that no answer waits for a checkpoint's fsync.
// `committing` says a thread is using the connection; the mutex is never held during database
// I/O. With a journal, AppendDurable takes journal ids and queues its records under the mutex (id
// order = queue order = chain order), writes the journal without it, and never commits: the
// background thread does, in batches.
struct AuditWriter::Impl {
  std::unique_ptr<Database> db;
  AuditWriterOptions options;

  std::mutex mu;
  std::condition_variable wake;       // the background thread waits on it
  std::condition_variable committed;  // a commit finished: Flush(), AppendDurable() wait on it
  std::deque<Entry> pending;
  bool committing = false;  // a thread is committing (the connection is in use)
  uint64_t appended = 0;    // Append() records ever appended
  uint64_t written = 0;     // Append() records ever committed (or given up on at shutdown)
  uint64_t flush_target = 0;
  bool stop = false;
  Status error;
  std::thread thread;
  std::unique_ptr<store::SqlConnection> checkpointer;  // SQLite: checkpoints the WAL
  std::chrono::steady_clock::time_point last_checkpoint{};
  std::unique_ptr<store::AuditJournal> journal;  // null: none
  uint64_t next_journal_id = 1;
  uint64_t journal_committed = 0;  // the last journal id committed
  bool rotating = false;           // emptying the journal: AppendDurable waits, the queue drains
  bool journal_failed = false;     // a write failed: none until the journal is emptied
  int journal_writes = 0;          // AppendDurable calls writing the journal (the lock released)
  AuditJournalRecovery recovery;

  // Empties the journal once every record in it is committed and no write runs (`lock` held,
  // queue empty); clears a failed journal. Else tries again on a later round.
  void FinishRotation(std::unique_lock<std::mutex>& lock) {
    if (journal_writes > 0 &&
        !wake.wait_for(lock, options.max_delay, [&] { return journal_writes == 0; }))
      return;
    if (!pending.empty()) return;  // records of the writes just finished: commit them first
    rotating = false;
    if (journal_committed + 1 == next_journal_id) journal_failed = !journal->Reset().ok();
    committed.notify_all();
  }

  // Copies committed WAL pages into the database, at most once per max_delay; `lock` released
  // meanwhile. A failure is harmless (the WAL grows until the next one succeeds).
  void MaybeCheckpoint(std::unique_lock<std::mutex>& lock) {
    const auto now = std::chrono::steady_clock::now();
    if (!checkpointer || now - last_checkpoint < options.max_delay) return;
    last_checkpoint = now;
    lock.unlock();
    (void)checkpointer->ExecScript("PRAGMA wal_checkpoint(PASSIVE);");
    lock.lock();
  }

  // Commits up to max_batch * 4 of the oldest pending entries, the lock released meanwhile.
  // Requires `lock` held and !committing. Returns how many Append() records are to be retried.
  size_t CommitPending(std::unique_lock<std::mutex>& lock) {
    committing = true;
    std::vector<Entry> batch;
    const size_t n = std::min(pending.size(), options.max_batch * 4);
    batch.reserve(n);
    for (size_t i = 0; i < n; ++i) batch.push_back(std::move(pending[i]));
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    std::vector<AuditRecord> records;
    records.reserve(n);
    uint64_t journal_mark = 0;
    for (Entry& e : batch) {
      records.push_back(std::move(e.record));
      journal_mark = std::max(journal_mark, e.journal_id);
    }
    const Status s = CommitRecords(store::ConnectionOf(*db), records, journal_mark);
    lock.lock();
    if (s.ok()) journal_committed = std::max(journal_committed, journal_mark);
    size_t retried = 0;
    for (size_t i = n; i-- > 0;) {
      Entry& e = batch[i];
      if (e.ticket) {
        if (!s.ok() && e.ticket->status.ok()) e.ticket->status = s;
        if (--e.ticket->remaining == 0) e.ticket->done = true;
      } else if (!s.ok() && !stop) {  // keep the record and retry on a later round
        e.record = std::move(records[i]);
        pending.push_front(std::move(e));
        ++retried;
      } else if (e.journal_id == 0) {
        ++written;
      }  // else a journalled record not committed at shutdown: the next Open replays it
    }
    if (!s.ok() && error.ok()) error = s;
    committing = false;
    committed.notify_all();
    return retried;
  }

  // AppendDurable with a journal (`lock` held on entry). The records join the queue (ids in
  // queue order) before the lock is released for the write, so that writes run concurrently and
  // the chain order stays the id order; a record whose write fails may still be committed (an
  // audit row for a screening refused with 503, never the reverse).
  Status AppendJournalled(std::vector<AuditRecord> records,
                          std::vector<store::PreparedFrame> frames,
                          std::chrono::steady_clock::time_point deadline,
                          std::unique_lock<std::mutex>& lock) {
    if (journal_failed)
      return Status::IoError(
          "audit journal: an earlier write failed; answers resume once it is committed and "
          "emptied");
    while (rotating)
      if (committed.wait_until(lock, deadline) == std::cv_status::timeout && rotating)
        return Status::IoError("audit journal: emptying it took longer than the timeout");
    if (stop) return Status::Unsupported("the audit writer is shutting down");
    if (pending.size() + records.size() > options.max_backlog)
      return Status::IoError(fmt::format(
          "audit journal: {} records wait for the database (max_backlog {}): it is failing or not "
          "keeping up",
          pending.size(), options.max_backlog));
    const uint64_t first_id = next_journal_id;
    for (AuditRecord& r : records)
      pending.push_back(Entry{std::move(r), nullptr, next_journal_id++});
    ++journal_writes;
    const bool full = pending.size() >= options.max_batch;
    lock.unlock();
    if (full) wake.notify_one();
    // One write() for the call's records, outside the lock.
    for (size_t i = 0; i < frames.size(); ++i) store::SealJournalFrame(first_id + i, frames[i]);
    std::string joined;
    for (size_t i = 0; frames.size() > 1 && i < frames.size(); ++i) joined += frames[i].bytes;
    Status s = journal->Append(frames.size() > 1 ? joined : frames[0].bytes);
    lock.lock();
    if (!s.ok()) journal_failed = true;  // the file may hold part of it: empty it when committed
    if (--journal_writes == 0 && (rotating || journal_failed)) wake.notify_all();
    return s;
  }

  void Run() {
    std::unique_lock lock(mu);
    for (;;) {
      wake.wait_for(lock, options.max_delay, [&] {
        return stop || rotating || pending.size() >= options.max_batch || flush_target > written;
      });
      MaybeCheckpoint(lock);
      if (committing) {  // a leader is at work and takes the waiting records too
        committed.wait(lock, [&] { return !committing; });
        continue;
      }
      if (pending.empty()) {
        if (rotating || journal_failed) FinishRotation(lock);
        if (stop && pending.empty()) return;
        continue;
      }
      if (CommitPending(lock) > 0) {
        if (rotating) {  // the database fails: keep answering meanwhile
          rotating = false;
          committed.notify_all();
        }
        wake.wait_for(lock, options.max_delay, [&] { return stop; });
      } else if (journal && !rotating && !stop &&
                 journal->bytes() >= options.journal_rotate_bytes) {
        rotating = true;
      }
    }
  }
};

AuditWriter::AuditWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  impl_->thread = std::thread([this] { impl_->Run(); });
}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->stop = true;
  }
  impl_->wake.notify_all();
  impl_->thread.join();
  // Every journalled record committed: the journal has done its job. Else it stays for the
  // next Open to replay.
  std::lock_guard lock(impl_->mu);
  if (impl_->journal && impl_->journal_committed + 1 == impl_->next_journal_id)
    (void)impl_->journal->Remove();
}

std::string AuditJournalPath(const std::string& location) {
  if (store::IsPostgresLocation(location) || store::IsInMemoryLocation(location)) return "";
  return location + "-audit-journal";
}

namespace {

// Appends the records `journal` holds that the database does not, in order, in transactions of
// at most `batch` records, then empties the journal.
Status ReplayJournal(Database& db, store::AuditJournal& journal, store::JournalContents found,
                     size_t batch, AuditJournalRecovery* recovery, uint64_t* last_id) {
  store::SqlConnection& conn = store::ConnectionOf(db);
  auto mark = ReadJournalMark(conn);
  if (!mark.ok()) return mark.status();
  recovery->dropped = std::move(found.dropped);
  // Concurrent writes leave frames out of id order, and an id whose write never finished absent.
  std::sort(found.entries.begin(), found.entries.end(),
            [](const store::JournalEntry& a, const store::JournalEntry& b) { return a.id < b.id; });
  uint64_t last = *mark;
  std::vector<AuditRecord> records;
  for (store::JournalEntry& e : found.entries) {
    if (e.id <= last) {  // committed before the crash (or a duplicate)
      recovery->already_committed += e.id <= *mark;
      continue;
    }
    records.push_back(std::move(e.record));
    last = e.id;
    if (records.size() >= batch) {
      if (Status s = CommitRecords(conn, records, last); !s.ok()) return s;
      recovery->replayed += records.size();
      records.clear();
    }
  }
  if (!records.empty()) {
    if (Status s = CommitRecords(conn, records, last); !s.ok()) return s;
    recovery->replayed += records.size();
  }
  *last_id = last;
  return journal.Reset();
}

}  // namespace

Result<std::unique_ptr<AuditWriter>> AuditWriter::Open(const std::string& location,
                                                       AuditWriterOptions options) {
  auto db = Database::Open(location);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  if (store::ConnectionOf(*impl->db).dialect() == "sqlite") {
    // Commits are waited for by answers: keep checkpoints (which fsync) out of them. The
    // background thread checkpoints through a second connection, which SQLite runs alongside
    // commits (PASSIVE).
    auto checkpointer = store::OpenSqlConnection(location);
    if (checkpointer.ok() &&
        store::ConnectionOf(*impl->db).ExecScript("PRAGMA wal_autocheckpoint=0;").ok())
      impl->checkpointer = std::move(checkpointer).value();
  }
  if (options.max_batch == 0) options.max_batch = 1;
  if (!options.journal.empty()) {
    store::JournalContents found;
    auto journal = store::AuditJournal::Open(options.journal, impl->db->id(), &found);
    if (!journal.ok()) return journal.status();
    impl->journal = std::move(journal).value();
    uint64_t last = 0;
    if (Status s = ReplayJournal(*impl->db, *impl->journal, std::move(found), options.max_batch * 4,
                                 &impl->recovery, &last);
        !s.ok())
      return s;
    impl->journal_committed = last;
    impl->next_journal_id = last + 1;
  }
  impl->options = std::move(options);
  return std::unique_ptr<AuditWriter>(new AuditWriter(std::move(impl)));
}

void AuditWriter::Append(AuditRecord record) {
  if (record.time.empty()) record.time = UtcNowIso();
  bool full = false;
  {
    std::lock_guard lock(impl_->mu);
    impl_->pending.push_back(Entry{std::move(record), nullptr});
    ++impl_->appended;
    full = impl_->pending.size() >= impl_->options.max_batch;
  }
  if (full) impl_->wake.notify_one();
}

Status AuditWriter::AppendDurable(std::vector<AuditRecord> records,
                                  std::chrono::milliseconds timeout) {
  if (records.empty()) return Status::Ok();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string now = UtcNowIso();
  for (AuditRecord& r : records)
    if (r.time.empty()) r.time = now;
  if (impl_->journal) {  // set by Open, never changed: read without the lock
    // Encoded before the lock is taken: under it only the id is set and the frames written.
    std::vector<store::PreparedFrame> frames;
    frames.reserve(records.size());
    for (const AuditRecord& r : records) frames.push_back(store::PrepareJournalFrame(r));
    std::unique_lock lock(impl_->mu);
    if (impl_->stop) return Status::Unsupported("the audit writer is shutting down");
    return impl_->AppendJournalled(std::move(records), std::move(frames), deadline, lock);
  }
  auto ticket = std::make_shared<Ticket>();
  ticket->remaining = records.size();
  std::unique_lock lock(impl_->mu);
  if (impl_->stop) return Status::Unsupported("the audit writer is shutting down");
  for (AuditRecord& r : records) impl_->pending.push_back(Entry{std::move(r), ticket});
  while (!ticket->done) {
    if (!impl_->committing) {  // lead: commit ours and whatever else waits
      impl_->CommitPending(lock);
      continue;
    }
    if (impl_->committed.wait_until(lock, deadline) == std::cv_status::timeout && !ticket->done)
      return Status::IoError("audit write not committed within " + std::to_string(timeout.count()) +
                             " ms");
  }
  return ticket->status;
}

const AuditJournalRecovery& AuditWriter::recovery() const { return impl_->recovery; }

Status AuditWriter::Flush() {
  std::unique_lock lock(impl_->mu);
  impl_->flush_target = impl_->appended;
  impl_->wake.notify_one();
  const uint64_t target = impl_->appended;
  // Wait for the batch to commit; give up (returning the error) if writes keep failing.
  while (impl_->written < target) {
    if (!impl_->committed.wait_for(lock, std::chrono::seconds(30),
                                   [&] { return impl_->written >= target; }) &&
        !impl_->error.ok())
      break;
  }
  if (impl_->written < target) return impl_->error;
  impl_->error = Status::Ok();
  return Status::Ok();
}

}  // namespace partyscreen
