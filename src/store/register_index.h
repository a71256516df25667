// The register index: every customer prepared for matching (PreparedQueries,
// include/partyscreen/query_index.h), saved next to the database so that a delta re-screen reads
// the prepared customer names instead of normalising the whole register again, and searches them
// with a QueryIndex. Derived data only: a missing, damaged or foreign file is
// rebuilt from the register, so deleting it costs time, never correctness.
//
// Validity. Every customer write stamps the customer with a new register revision, larger than
// all before (NextRegisterRevision). The file records the database it came from (Database::id)
// and the revision R read before the register was scanned for it. Open() indexes afresh every
// customer with a revision above R (written since); matches from the file are kept only for the
// other customers, and each match carries the content tag of the record it was computed from, so
// the caller can check it against the record it reads (AffectedOutcome in rescreen.cc).
// Internal to src/store/.
#pragma once

#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "partyscreen/query_index.h"
#include "partyscreen/screener.h"
#include "partyscreen/store/database.h"
#include "store/sql.h"

namespace partyscreen::store {

// A new register revision for the caller's write transaction: above every revision handed out
// before and above the time now in microseconds, so that a database restored from an older copy
// still stamps its next writes above the revision of any index saved since.
Result<int64_t> NextRegisterRevision(SqlConnection& conn);

// "<database file>.register-index" for SQLite; for PostgreSQL
// "$PARTYSCREEN_REGISTER_INDEX_DIR/<database id>.register-index", or empty (not saved) when that
// variable is not set; empty for in-memory databases.
std::string RegisterIndexPath(const Database& db);

// The first 16 hex digits of a customer content hash as a number (0 for none).
uint64_t ContentTag(std::string_view content_hash);

// One list entry to search the register for: an added one (before == nullptr), or a changed one
// with the entry as it was, so that only what the change can affect is searched.
struct SearchedEntity {
  uint32_t index = 0;  // into the screener's snapshot
  const Entity* before = nullptr;
};

// The hits of one customer, and which version of its record they were computed for.
struct CustomerHits {
  uint64_t content_tag = 0;  // ContentTag of the record searched
  std::vector<Hit> hits;
};

struct RegisterMatches {
  std::map<std::string, CustomerHits> by_customer;  // customer id -> its hits, any order
  uint64_t pairs = 0;
};

class RegisterIndex {
 public:
  // Customers prepared together, by query position. Independent of the lists.
  struct Part {
    std::shared_ptr<const PreparedQueries> queries;
    std::vector<std::string> ids;
    std::vector<uint64_t> tags;
  };
  // The saved file as read from disk, before it is checked against the register.
  struct Saved {
    Part part;
    int64_t revision = 0;  // the register revision it was built at
    double read_seconds = 0;
  };

  // Starts reading the saved file of `db` on another thread (no database access) so that it
  // overlaps other work; Open takes the result instead of reading the file itself.
  static std::future<Result<Saved>> StartReading(const Database& db, size_t threads);
  // The index of the whole register for searching the entities of `screener`: the saved file
  // plus the customers written since, or (no usable file, or more than a quarter of the register
  // written since) built from the register and saved. `threads` for building and searching;
  // `screener` (whose entities Search looks up) must outlive the index.
  static Result<std::unique_ptr<RegisterIndex>> Open(
      Database& db, const Screener& screener, size_t threads,
      std::future<Result<Saved>> started = std::future<Result<Saved>>());
  // Brings the saved file up to date if it is missing, unusable or far behind the register (a
  // no-op for databases without a file). Returns what it did, in words. Customer imports call it.
  static Result<std::string> Refresh(Database& db, size_t threads);

  // For every searched entity, the customers that match it now: all of them for an added entry
  // (QueryIndex::Find); for a changed entry every customer that matches now and did not match
  // the entry as it was, plus possibly some that did (QueryIndex::FindChanged). Every hit is
  // ScoreEntity's for the record of the customer's content tag.
  RegisterMatches Search(const std::vector<SearchedEntity>& entities,
                         const ScreenOptions& options) const;

  // What Open did, in words ("saved index of 1000000 customers + 12 written since").
  const std::string& source() const { return source_; }
  double read_seconds() const { return read_seconds_; }  // reading the saved file, if one was
  size_t size() const;                                   // customers indexed (saved + fresh)

 private:
  explicit RegisterIndex(const Screener& screener) : screener_(screener) {}
  const Screener& screener_;
  size_t threads_ = 1;
  Part saved_;                                 // from the file (or built anew)
  Part fresh_;                                 // customers written after the saved part
  std::unordered_set<std::string> fresh_ids_;  // saved matches of these are out of date
  std::string source_;
  double read_seconds_ = 0;
};

}  // namespace partyscreen::store
