// AuditWriter: a background thread that commits buffered audit records in batches.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "partyscreen/store.h"
#include "store/sql.h"

namespace partyscreen {

struct AuditWriter::Impl {
  std::unique_ptr<Database> db;
  AuditWriterOptions options;

  std::mutex mu;
  std::condition_variable wake;       // the writer thread waits on it
  std::condition_variable committed;  // Flush() waits on it
  std::deque<AuditRecord> pending;
  uint64_t appended = 0;  // records ever appended
  uint64_t written = 0;   // records ever committed (or given up on at shutdown)
  uint64_t flush_target = 0;
  bool stop = false;
  Status error;
  std::thread thread;

  void Run() {
    std::unique_lock lock(mu);
    for (;;) {
      wake.wait_for(lock, options.max_delay, [&] {
        return stop || pending.size() >= options.max_batch || flush_target > written;
      });
      if (pending.empty()) {
        if (stop) return;
        continue;
      }
      std::vector<AuditRecord> batch;
      const size_t n = std::min(pending.size(), options.max_batch * 4);
      batch.reserve(n);
      for (size_t i = 0; i < n; ++i) batch.push_back(std::move(pending[i]));
      pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n));
      lock.unlock();
      store::SqlConnection& conn = db->connection();
      Status s;
      {
        store::WriteTransaction txn(conn);
        s = txn.status();
        if (s.ok()) {
          auto seq = AppendAuditInTransaction(conn, batch);
          s = seq.ok() ? txn.Commit() : seq.status();
        }
      }
      lock.lock();
      if (!s.ok()) {
        if (error.ok()) error = s;
        if (!stop) {  // keep the records and retry on the next round
          for (auto it = batch.rbegin(); it != batch.rend(); ++it)
            pending.push_front(std::move(*it));
          continue;
        }
      }
      written += n;
      committed.notify_all();
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
  if (options.max_batch == 0) options.max_batch = 1;
  impl->options = options;
  return std::unique_ptr<AuditWriter>(new AuditWriter(std::move(impl)));
}

void AuditWriter::Append(AuditRecord record) {
  if (record.time.empty()) record.time = UtcNowIso();
  bool full = false;
  {
    std::lock_guard lock(impl_->mu);
    impl_->pending.push_back(std::move(record));
    ++impl_->appended;
    full = impl_->pending.size() >= impl_->options.max_batch;
  }
  if (full) impl_->wake.notify_one();
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
