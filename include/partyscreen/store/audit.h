// The audit trail: what was screened, by whom, against which lists, with which result, and every
// change to the register and the reviews, in a hash chain that shows any tampering.
//
// Records are hash-chained: record n stores hash_n = SHA-256(hash_{n-1} + "\n" + body_n) where
// body_n is the canonical serialisation of the record (compact JSON, keys sorted, including its
// sequence number), and hash_0 is 64 zeros. Editing, deleting or reordering any record breaks the
// chain at that record; truncating the tail is caught by the chain head kept alongside.
//
// Ownership: AuditLog borrows a Database& that must outlive it (audit_writer.h has the batching
// writer with its own connection, for screening surfaces).
// Thread safety: one thread at a time per Database (database.h).
// Durability: Append extends the chain in one transaction: all of its records or none.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

struct AuditHit {
  std::string entity_id;
  double score = 0;
  std::string matched_name;
  std::string
      state;  // alert state name where the store knows it ("open", "suppressed"...); may be empty
};

struct AuditRecord {
  std::string kind = "screen";  // screen, batch, api, rescreen, review
  std::string who;              // API key name or CLI user
  std::string query_json;       // the query as a JSON object text
  std::string snapshot;         // snapshot hash
  std::string engine;           // EngineVersion()
  double threshold = 0;
  std::vector<AuditHit> hits;
  std::string detail_json;  // optional extra JSON object (review decision, run summary)
  std::string time;         // filled with UtcNowIso() when empty
};

// The record of one screening, ready to Append.
AuditRecord ScreeningAuditRecord(std::string who, const Query& query, const Screener& screener,
                                 const ScreenOptions& options, const std::vector<Hit>& hits,
                                 std::string kind = "screen");

struct StoredAuditRecord {
  int64_t seq = 0;
  std::string time, kind, who;
  std::string body;  // canonical serialisation (what is hashed)
  std::string prev_hash, hash;
};

struct AuditVerification {
  bool ok = true;
  uint64_t records = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;        // what is wrong with it
};

// The chain's head: the last record's seq and hash (seq 0 and 64 zeros when empty). An auditor
// who notes it can later check that no record up to it changed.
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};

// What the trail holds for a period (from <= time < to): the figures of a report for it.
struct AuditPeriod {
  uint64_t records = 0;
  int64_t first_seq = 0, last_seq = 0;      // 0 when the period holds no record
  std::map<std::string, uint64_t> by_kind;  // screen, batch, api, rescreen, review, customers...
  uint64_t hits = 0;                        // hits the records name (what was found)
  struct Basis {
    std::string snapshot, engine;  // what the records were screened against
    uint64_t records = 0;
  };
  std::vector<Basis> screened_against;  // each (snapshot, engine) screened against, by first use
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  // Appends in one transaction (extends the chain atomically); returns the last seq written.
  Result<int64_t> Append(const std::vector<AuditRecord>& records);
  Result<AuditVerification> Verify();
  Result<AuditHead> Head();
  // Records with from <= time < to (ISO text; empty = unbounded), one JSON object a line.
  Result<uint64_t> Export(const std::string& from, const std::string& to, std::ostream& out);
  // The records with from <= time < to summed up (every body read once, in seq order).
  Result<AuditPeriod> Summarise(const std::string& from, const std::string& to);

 private:
  Database& db_;
};

}  // namespace partyscreen
