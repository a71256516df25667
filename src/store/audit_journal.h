// The audit journal: a local file that holds a server's audit records from the moment it answers
// until the background commit puts them in the audit table (docs/STORE.md, "Audit journal").
//
// Contract: Append() is one write() of one checksummed frame; once it returns OK the record is as
// durable against a killed process as a SQLite commit in WAL mode with synchronous=NORMAL (both
// sit in the page cache, neither survives a power cut). Each record carries an id (1, 2, ... over
// the life of the database; the last id committed is kept in the database, updated in the same
// transaction as the audit rows), so a replay appends exactly the records whose id is above it.
// File: a header naming the database (its random id), written with the first frames, then frames
//   u32 payload length | u32 CRC-32 of (id, payload) | u64 id | payload (the AuditRecord)
// little-endian. A last frame cut short or failing its checksum is a torn write from a crash:
// dropped with a message (it was never answered: answers go after Append returns). A bad frame
// with intact data after it is damage, and Open refuses rather than drop records silently.
// Ownership/threads: an AuditJournal owns its file descriptor and an exclusive flock on the file
// (a second writer on the same journal, in this or another process, is refused). Not thread-safe:
// AuditWriter calls it under its own mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store.h"

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
// Errors: the header names another database; a damaged frame before the last one.
Result<JournalContents> DecodeJournal(std::string_view bytes, std::string_view database_id,
                                      const std::string& path);

class AuditJournal {
 public:
  // Opens or creates `path` for the database `database_id`, takes the lock, reads the records it
  // holds into `found` and cuts a torn tail off the file, so appends follow the last intact frame.
  static Result<std::unique_ptr<AuditJournal>> Open(const std::string& path,
                                                    std::string_view database_id,
                                                    JournalContents* found);
  ~AuditJournal();  // closes the file (and so releases the lock); the file stays
  AuditJournal(const AuditJournal&) = delete;
  AuditJournal& operator=(const AuditJournal&) = delete;

  // One write() of sealed frames (ids following the last one appended). On an error (disk full,
  // file size limit...) the file is cut back to its previous length: none of them is journalled.
  // If even that fails, every later Append fails too.
  Status Append(std::string_view frames);
  // Empties the journal. Only when every record in it is committed.
  Status Reset();
  // Deletes the file (clean shutdown: everything committed).
  Status Remove();

  uint64_t bytes() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  AuditJournal(std::string path, int fd, std::string header, uint64_t size);
  Status WriteAll(std::string_view frames);

  std::string path_;
  int fd_ = -1;
  std::string header_;
  uint64_t size_ = 0;
  bool broken_ = false;  // a failed append could not be cut back: the tail is unknown
};

}  // namespace partyscreen::store
