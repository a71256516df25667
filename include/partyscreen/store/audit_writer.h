// AuditWriter: commits audit records (audit.h) in batches from a background thread, so that
// screening surfaces (CLI screen/batch, the HTTP server) never wait on the database per record.
//
// Ownership: an AuditWriter owns its own connection (and journal file, if any); no Database needed.
// Thread safety: Append, AppendDurable and Flush are safe from any number of threads.
// Durability: see AuditWriter below; a commit is as durable as the database's, a journal write as
// a killed process allows (the page cache, no fsync). docs/STORE.md has the details.
//
// Typical use by a screening surface:
//   auto writer = AuditWriter::Open("partyscreen.db");           // once
//   std::vector<Hit> hits = screener.Screen(query, options);
//   (*writer)->Append(ScreeningAuditRecord(who, query, screener, options, hits));
//   ... (*writer)->Flush() before exit (the destructor flushes too).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/audit.h"

namespace partyscreen {

struct AuditWriterOptions {
  size_t max_batch = 2000;                   // commit when this many records wait...
  std::chrono::milliseconds max_delay{200};  // ...or when the oldest has waited this long
  // The audit journal file (AuditJournalPath(location) for a server on SQLite); empty: none.
  // With a journal, AppendDurable returns once its records are written to it (one write()), and
  // the background thread commits them in batches of max_batch behind the answers; Open replays
  // the records a previous writer journalled but did not commit. See docs/STORE.md.
  std::string journal;
  // Journalled records not yet committed beyond which AppendDurable refuses (the database is not
  // keeping up or is failing: answers stop rather than the backlog growing without bound).
  size_t max_backlog = 200000;
  // The journal is emptied once it exceeds this size and every record in it is committed (new
  // AppendDurable calls wait meanwhile, at most one commit).
  uint64_t journal_rotate_bytes = uint64_t{64} << 20;
};

// The journal beside a SQLite database file (location + "-audit-journal"); empty for PostgreSQL
// (no local directory to put it in: its servers keep the commit-per-answer path) and in-memory
// databases.
std::string AuditJournalPath(const std::string& location);

// What AuditWriter::Open found in the journal.
struct AuditJournalRecovery {
  uint64_t replayed = 0;           // records journalled but not committed: appended now, in order
  uint64_t already_committed = 0;  // records in the journal the database already held (skipped)
  std::string dropped;             // empty, or the torn last record dropped (never answered)
};

// Two ways in, both thread-safe:
//   Append()        buffers and returns at once (CLI batch runs: screening never waits on the
//                   database; a failed commit is retried, Flush() reports it);
//   AppendDurable() returns only once its records are durable, or with the error (the caller
//                   refuses to answer). Without a journal: once they are committed (group commit:
//                   every record appended while one transaction runs goes into the next one), or
//                   with the error if their transaction failed or did not commit within
//                   `timeout`; failed durable records are not retried. With a journal: once they
//                   are written to it; the commit follows (retried until it succeeds, or replayed
//                   by the next Open). A server answers only after AppendDurable is OK.
// Durability of a commit is the database's: SQLite WAL with synchronous=NORMAL survives a killed
// process (not a power cut); PostgreSQL's default survives both. A journal write is as durable as
// the former (the page cache; no fsync).
class AuditWriter {
 public:
  // Replays the journal first, when options.journal names one (error: the journal is locked by
  // another writer, belongs to another database, is damaged, or the replay failed).
  static Result<std::unique_ptr<AuditWriter>> Open(const std::string& location,
                                                   AuditWriterOptions options = {});
  // Flushes everything appended, then stops the thread; with a journal, deletes it if every
  // journalled record is committed (else it stays, for the next Open).
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  void Append(AuditRecord record);
  Status AppendDurable(std::vector<AuditRecord> records, std::chrono::milliseconds timeout);
  // Blocks until every record appended before the call is committed; returns the first write error.
  Status Flush();
  const AuditJournalRecovery& recovery() const;

  struct Impl;

 private:
  explicit AuditWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partyscreen
