// AuditWriter: a background thread that commits buffered audit records in batches.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "partyscreen/store.h"
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
  std::shared_ptr<Ticket> ticket;  // null for Append()
};

}  // namespace

// Commits are made by whichever thread finds none in progress (the "leader", as in leveldb's
// DBImpl::Write): an AppendDurable caller commits its own records together with every record
// waiting at that moment, while callers arriving meanwhile wait and then one of them commits the
// next group. The background thread does the same for Append() records that waited max_delay,
// and (SQLite) checkpoints the WAL, so that no answer waits for a checkpoint's fsync.
// `committing` says a thread is using the connection; the mutex is never held during I/O.
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
    for (Entry& e : batch) records.push_back(std::move(e.record));
    store::SqlConnection& conn = db->connection();
    Status s;
    {
      store::WriteTransaction txn(conn);
      s = txn.status();
      if (s.ok()) {
        auto seq = AppendAuditInTransaction(conn, records);
        s = seq.ok() ? txn.Commit() : seq.status();
      }
    }
    lock.lock();
    size_t retried = 0;
    for (size_t i = n; i-- > 0;) {
      Entry& e = batch[i];
      if (e.ticket) {
        if (!s.ok() && e.ticket->status.ok()) e.ticket->status = s;
        if (--e.ticket->remaining == 0) e.ticket->done = true;
      } else if (!s.ok() && !stop) {  // keep Append() records and retry on a later round
        e.record = std::move(records[i]);
        pending.push_front(std::move(e));
        ++retried;
      } else {
        ++written;
      }
    }
    if (!s.ok() && error.ok()) error = s;
    committing = false;
    committed.notify_all();
    return retried;
  }

  void Run() {
    std::unique_lock lock(mu);
    for (;;) {
      wake.wait_for(lock, options.max_delay, [&] {
        return stop || pending.size() >= options.max_batch || flush_target > written;
      });
      MaybeCheckpoint(lock);
      if (committing) {  // a leader is at work and takes the waiting records too
        committed.wait(lock, [&] { return !committing; });
        continue;
      }
      if (pending.empty()) {
        if (stop) return;
        continue;
      }
      if (CommitPending(lock) > 0) wake.wait_for(lock, options.max_delay, [&] { return stop; });
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
}

Result<std::unique_ptr<AuditWriter>> AuditWriter::Open(const std::string& location,
                                                       AuditWriterOptions options) {
  auto db = Database::Open(location);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  if (impl->db->connection().dialect() == "sqlite") {
    // Commits are waited for by answers: keep checkpoints (which fsync) out of them. The
    // background thread checkpoints through a second connection, which SQLite runs alongside
    // commits (PASSIVE).
    auto checkpointer = store::OpenSqlConnection(location);
    if (checkpointer.ok() && impl->db->connection().ExecScript("PRAGMA wal_autocheckpoint=0;").ok())
      impl->checkpointer = std::move(checkpointer).value();
  }
  if (options.max_batch == 0) options.max_batch = 1;
  impl->options = options;
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
  auto ticket = std::make_shared<Ticket>();
  ticket->remaining = records.size();
  const std::string now = UtcNowIso();
  std::unique_lock lock(impl_->mu);
  if (impl_->stop) return Status::Unsupported("the audit writer is shutting down");
  for (AuditRecord& r : records) {
    if (r.time.empty()) r.time = now;
    impl_->pending.push_back(Entry{std::move(r), ticket});
  }
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
