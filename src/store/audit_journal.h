// The audit journal: a local file that holds a server's audit records from the moment it answers
// until the background commit puts them in the audit table (docs/STORE.md, "Audit journal").
//
// Contract: Append() is one write() (O_APPEND) of checksummed frames; once it returns OK they are
// as durable against a killed process as a SQLite commit in WAL mode with synchronous=NORMAL (both
// sit in the page cache, neither survives a power cut). Each record carries an id (1, 2, ... over
// the life of the database; the last id committed is kept in the database, updated in the same
// transaction as the audit rows), so a replay appends exactly the records whose id is above it,
// in id order. Appends may run concurrently, so frames need not be in id order in the file, and
// an id whose write failed or never finished is absent (that request was not answered).
// File (on a local filesystem: O_APPEND writes must not interleave): a header naming the database
// (its random id), then frames
//   u32 payload length | u32 CRC-32 of (id, payload) | u64 id | payload (the AuditRecord)
// little-endian. A last frame cut short or failing its checksum is a torn write from a crash; a
// bad frame with intact frames after it is a write that failed part-way (disk full) while others
// went on: both are skipped with a message (never answered: answers go after Append returns OK),
// the intact frames after a bad one are found again by their checksums.
// Ownership/threads: an AuditJournal owns its file descriptor and an exclusive flock on the file
// (a second writer on the same journal, in this or another process, is refused). Append may be
// called from many threads at once; Reset and Remove only when no Append runs.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/audit.h"

namespace partyscreen::store {

struct JournalEntry {
  uint64_t id = 0;
  AuditRecord record;
};

struct JournalContents {
  std::vector<JournalEntry> entries;  // intact records in file order; ids consecutive
  uint64_t valid_bytes = 0;           // the header and the intact frames
  std::string dropped;                // empty, or what was dropped after valid_bytes and why
};

std::string EncodeJournalHeader(std::string_view database_id);
std::string EncodeJournalFrame(uint64_t id, const AuditRecord& record);
// The same in two steps, so that the costly one (encoding, checksum of the payload) runs before
// the id is known, outside the writer's lock; Seal sets the id and the frame's checksum.
struct PreparedFrame {
  std::string bytes;
  uint32_t payload_crc = 0;
};
PreparedFrame PrepareJournalFrame(const AuditRecord& record);
void SealJournalFrame(uint64_t id, PreparedFrame& frame);
// Parses a whole journal file (`path` names it in messages). An empty input is an empty journal.
// Error: not a journal, or the header names another database.
Result<JournalContents> DecodeJournal(std::string_view bytes, std::string_view database_id,
                                      const std::string& path);

class AuditJournal {
 public:
  // Opens or creates `path` for the database `database_id`, takes the lock, reads the records it
  // holds into `found` and cuts a torn tail off the file. The caller commits them, then Reset()s.
  static Result<std::unique_ptr<AuditJournal>> Open(const std::string& path,
                                                    std::string_view database_id,
                                                    JournalContents* found);
  ~AuditJournal();  // closes the file (and so releases the lock); the file stays
  AuditJournal(const AuditJournal&) = delete;
  AuditJournal& operator=(const AuditJournal&) = delete;

  // One write() of sealed frames. On an error (disk full, file size limit...) part of them may be
  // in the file (skipped by a later read): the caller treats them as not journalled.
  Status Append(std::string_view frames);
  // Empties the journal and writes its header. Only when every record in it is committed; after
  // an error, Append must not be used until a Reset succeeds.
  Status Reset();
  // Deletes the file (clean shutdown: everything committed).
  Status Remove();

  uint64_t bytes() const { return size_.load(std::memory_order_relaxed); }
  const std::string& path() const { return path_; }

 private:
  AuditJournal(std::string path, int fd, std::string header);

  std::string path_;
  int fd_ = -1;
  std::string header_;
  std::atomic<uint64_t> size_{0};  // bytes written (for the rotation threshold)
};

}  // namespace partyscreen::store
