// The store: customer register, hash-chained audit trail, review decisions, list diffs and
// (delta) re-screening, persisted in SQLite (embedded default: one file, WAL) or PostgreSQL (same
// schema; pass a "postgresql://..." location).
//
// Ownership: a Database owns one connection. CustomerRegister, AuditLog, ReviewLog, SnapshotArchive
// and Rescreener borrow a Database& that must outlive them. AuditWriter owns its own connection.
// Thread safety: a Database (and the objects borrowing it) is used by one thread at a time;
// open one Database per thread. AuditWriter::Append is safe from any number of threads.
// Durability: every operation commits in transactions; a process killed at any point leaves the
// database consistent, and re-running an import or re-screen finishes the work without duplicates.
//
// Typical use by a screening surface (CLI screen/batch, HTTP server):
//   auto writer = AuditWriter::Open("partyscreen.db");           // once
//   std::vector<Hit> hits = screener.Screen(query, options);
//   (*writer)->Append(ScreeningAuditRecord(who, query, screener, options, hits));
//   ... (*writer)->Flush() before exit (the destructor flushes too).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/entity.h"
#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"

namespace partyscreen {

namespace store {
class SqlConnection;
}

// ---------------------------------------------------------------------------------------------
// Database: an open store, schema migrated to the current version.
//   kReadWrite: creates the SQLite file on first use and migrates the schema.
//   kReadOnly:  writes nothing (works on a read-only file, mount or role); the file must exist and
//               be at this binary's schema version. For commands that only read (audit verify and
//               export, customers list/show, diff); a write through it fails.
// Either way Open refuses, with a message naming the database, a schema newer than this binary's
// (written by a later partyscreen: not written to, not misread) and a schema missing one of its
// tables (damaged or altered by hand).
enum class DbAccess { kReadWrite, kReadOnly };
class Database {
 public:
  // `location`: a file path (SQLite) or a PostgreSQL URL / conninfo.
  static Result<std::unique_ptr<Database>> Open(const std::string& location,
                                                DbAccess access = DbAccess::kReadWrite);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& location() const { return location_; }
  // Random, made when the database is created: names it in files derived from it.
  const std::string& id() const { return id_; }
  int schema_version() const { return schema_version_; }
  store::SqlConnection& connection() { return *conn_; }

  static int CurrentSchemaVersion();

 private:
  Database(std::string location, std::unique_ptr<store::SqlConnection> conn);
  std::string location_;
  std::unique_ptr<store::SqlConnection> conn_;
  std::string id_;
  int schema_version_ = 0;
};

// The name recorded as "who" for CLI work: $USER, else the passwd entry of the effective uid.
std::string CurrentUserName();
// UTC now as "2026-11-29T03:04:05.123Z" (the store's time format; sorts as text).
std::string UtcNowIso();

// ---------------------------------------------------------------------------------------------
// Customers.
// A customer is a screening record (records/query_record.h has its rules) whose id is required.
using Customer = Query;

// SHA-256 of the customer's canonical JSON: changes whenever any screened field changes.
std::string CustomerContentHash(const Customer& c);
// SHA-256 of EntityToJson(e) dumped compactly: changes whenever any published field changes.
std::string EntityContentHash(const Entity& e);

enum class AlertState {
  kOpen,        // a hit nobody has reviewed
  kSuppressed,  // reviewed false positive, customer and list entry unchanged since
  kReopened,    // reviewed false positive, but the customer or the list entry changed since
  kConfirmed,   // reviewed true match
};
std::string_view AlertStateName(AlertState s);

struct Alert {
  std::string customer_id;
  std::string entity_id;
  double score = 0;
  std::string matched_name;
  AlertState state = AlertState::kOpen;
  std::string snapshot;  // hash of the list data it was found in
};

struct CustomerRecord {
  Customer customer;
  std::string content_hash;
  std::string updated_at;
  std::string screened_snapshot;  // empty: never screened, or changed since its last screening
  std::string screened_at;        // when its alerts were last confirmed (screened or carried)
  std::string screened_engine;    // EngineVersion() of that screening ("" if unknown)
  std::vector<Alert> alerts;
};

struct ImportIssue {
  uint64_t line = 0;  // 1-based line in the input file
  std::string reason;
};
struct ImportResult {
  uint64_t imported = 0;            // rows inserted or updated
  uint64_t unchanged = 0;           // rows identical to what the register holds
  std::vector<ImportIssue> issues;  // rows skipped
  std::string register_index;       // what the import did to the saved register index, in words
};

struct ImportOptions {
  size_t rows_per_transaction = 5000;  // a crash loses at most the transaction in flight
  // After the rows: bring the register index saved next to the database up to date (rebuilt if
  // missing or far behind; docs/STORE.md), so the next delta re-screen need not normalise the
  // register. Threads for that (0: all cores).
  bool refresh_register_index = true;
  size_t threads = 0;
};

class CustomerRegister {
 public:
  explicit CustomerRegister(Database& db) : db_(db) {}

  // CSV with a header row (id,name,schema,country,birth_date,identifiers) or JSON lines with the
  // same keys; format by content. `identifiers` is a JSON array of {type,value,country} or
  // "Type:Value;Type:Value". A bad row is reported with its line and skipped; the rest import.
  Result<ImportResult> ImportFile(const std::string& path, const ImportOptions& options = {});
  // Inserts or replaces (by id). A changed customer loses its screening state (due for
  // screening).
  // Adds or changes customers in one transaction, with one audit record (kind "customers",
  // action "upsert": who, `source` (e.g. the imported file), the ids changed) when any changed.
  Result<ImportResult> Upsert(const std::vector<Customer>& customers,
                              const std::string& who = CurrentUserName(),
                              const std::string& source = "");
  // Deletes the customer and its alerts, and appends an audit record (kind "customers", action
  // "delete": who, the customer as it was, the alerts removed) in the same transaction, so a
  // customer and its alerts never vanish from the register unrecorded. False if absent.
  Result<bool> Delete(const std::string& id, const std::string& who = CurrentUserName());
  Result<std::optional<CustomerRecord>> Get(const std::string& id);
  // Customers with id > after_id, by id, at most `limit`, without alerts.
  Result<std::vector<CustomerRecord>> List(const std::string& after_id, size_t limit);
  Result<uint64_t> Count();

 private:
  Database& db_;
};

// Parses one customer from a JSON object text (the JSON-lines import format).
Result<Customer> CustomerFromJson(std::string_view json_text);
// The canonical JSON of the content hash: every field, empty ones included, keys sorted.
std::string CustomerToJson(const Customer& c);

// ---------------------------------------------------------------------------------------------
// Audit trail. Records are hash-chained: record n stores hash_n = SHA-256(hash_{n-1} + "\n" +
// body_n) where body_n is the canonical serialisation of the record (compact JSON, keys sorted,
// including its sequence number), and hash_0 is 64 zeros. Editing, deleting or reordering any
// record breaks the chain at that record; truncating the tail is caught by the chain head kept
// alongside.
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

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  // Appends in one transaction (extends the chain atomically); returns the last seq written.
  Result<int64_t> Append(const std::vector<AuditRecord>& records);
  Result<AuditVerification> Verify();
  // Records with from <= time < to (ISO text; empty = unbounded), one JSON object a line.
  Result<uint64_t> Export(const std::string& from, const std::string& to, std::ostream& out);

 private:
  Database& db_;
};

// Same as AuditLog::Append but inside the caller's open write transaction on `conn`.
Result<int64_t> AppendAuditInTransaction(store::SqlConnection& conn,
                                         const std::vector<AuditRecord>& records);

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

// Commits audit records in batches from a background thread. Two ways in, both thread-safe:
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

// ---------------------------------------------------------------------------------------------
// Review decisions.
enum class ReviewVerdict { kFalsePositive, kTrueMatch };
std::optional<ReviewVerdict> ParseDecision(
    std::string_view text);  // "false_positive" | "true_match"
std::string_view DecisionName(ReviewVerdict d);

struct ReviewDecision {
  std::string customer_id;
  std::string entity_id;
  ReviewVerdict decision = ReviewVerdict::kFalsePositive;
  std::string reason;
  std::string reviewer;
};

class ReviewLog {
 public:
  explicit ReviewLog(Database& db) : db_(db) {}
  // Records the decision against the current customer and list entry (their content hashes),
  // updates the pair's alert state and appends an audit record, all in one transaction.
  Status Record(const ReviewDecision& decision, const Entity& entity,
                const std::string& snapshot_hash);

 private:
  Database& db_;
};

// ---------------------------------------------------------------------------------------------
// Snapshots kept in the store, and list diffs.
struct ArchivedEntity {
  std::string id;
  std::string name;
  std::string content_hash;  // EntityContentHash
  std::string json;          // EntityToJson dump
};
// The entities of one snapshot, sorted by id.
struct EntitySet {
  std::string snapshot_hash;
  std::vector<ArchivedEntity> entities;
};
EntitySet EntitySetOf(const Snapshot& snapshot);

class SnapshotArchive {
 public:
  explicit SnapshotArchive(Database& db) : db_(db) {}
  Status Save(const Snapshot& snapshot);  // idempotent; one transaction
  Status Save(const EntitySet& set);      // the same from EntitySetOf(snapshot), if already made
  Result<std::optional<EntitySet>> Load(const std::string& hash);  // hash or a unique prefix of it
  Result<std::vector<std::string>> Hashes();

 private:
  Database& db_;
};

struct FieldChange {
  std::string field;   // EntityToJson key: "name", "aliases", "programs", "federal_register"...
  std::string before;  // JSON text ("" when absent)
  std::string after;
};
struct EntityChange {
  std::string id;
  std::string name;  // as in the new list
  std::vector<FieldChange> fields;
  std::string old_json;  // the entry as it was (EntityToJson dump), for delta re-screening
};
struct ListDiff {
  std::string old_snapshot, new_snapshot;
  std::vector<ArchivedEntity> added;
  std::vector<ArchivedEntity> removed;
  std::vector<EntityChange> changed;
};
// kFields fills EntityChange::fields (each changed entry's JSON parsed on both sides); kEntries
// only says which entries changed (all a delta re-screen needs).
enum class DiffDetail { kFields, kEntries };
ListDiff DiffEntitySets(const EntitySet& before, const EntitySet& after,
                        DiffDetail detail = DiffDetail::kFields);

// ---------------------------------------------------------------------------------------------
// Re-screening the register.
struct RescreenOptions {
  double threshold = DefaultThreshold();
  size_t threads = 0;                 // 0 = hardware concurrency
  size_t customers_per_chunk = 4000;  // one transaction per chunk (alerts, progress, audit)
  bool audit = true;
  std::string who;  // default CurrentUserName()
  // Refuse to run when a source of the current lists lost more than this share of its entities
  // since the previous version: the base snapshot (Delta) or the last snapshot archived before
  // (All). A truncated list file would otherwise clear the alerts on every entity it lost.
  // 1 = no check (`rescreen --max-shrink 1`). See lists/shrink_check.h.
  double max_shrink = 0.5;
  // Called after each committed chunk with (customers done, customers total).
  std::function<void(uint64_t, uint64_t)> progress;
};

struct AlertChange {
  std::string customer_id;
  std::string entity_id;
  double score = 0;
  AlertState state = AlertState::kOpen;
};

// Where a delta run's time went (seconds; zero for a full run).
struct DeltaTimings {
  double diff = 0;          // diff of the two entity sets, saving the new snapshot
  double load = 0;          // finding the customers not on the base, counting those on it
  double screen_stale = 0;  // full screening of customers not on the base (incl. commits)
  double index = 0;         // the register index: waiting for the saved one (read on another
                            // thread during the diff) + customers written since, or building it
                            // from the register and saving it
  double index_read = 0;    // reading and decoding the saved file (overlaps diff and load)
  double find = 0;          // searching it for every added and changed entity
  double commit = 0;        // reading, re-scoring and writing the affected customers
  double finish = 0;        // moving every unaffected customer to the new snapshot, run record
};

struct RescreenReport {
  std::string run_id;
  bool resumed = false;       // continued an interrupted run
  std::string snapshot;       // the lists screened against
  std::string base_snapshot;  // delta only: the lists the register was screened against before
  uint64_t customers_screened = 0;  // full screenings (delta: customers not on the base)
  uint64_t customers_rescored = 0;  // delta: affected customers, written with their new alerts
  uint64_t customers_indexed = 0;   // delta: customers on the base, indexed for the search
  uint64_t customers_carried_forward = 0;  // delta: unaffected, moved to the new snapshot as is
  uint64_t entities_searched = 0;          // delta: added + changed entities looked up in the index
  uint64_t matches_found = 0;              // delta: (customer, entity) pairs at or above threshold
  uint64_t added_entities = 0, removed_entities = 0, changed_entities = 0;
  std::vector<AlertChange> new_alerts;
  std::vector<AlertChange> cleared_alerts;  // alerts that disappeared
  DeltaTimings timings;
  std::string register_index;  // delta: where the register index came from, in words
  double seconds = 0;
};

class Rescreener {
 public:
  Rescreener(Database& db, const Screener& screener) : db_(db), screener_(screener) {}

  // Screens every customer against the screener's snapshot. Resumes an interrupted run with the
  // same snapshot, threshold and engine from the last committed chunk.
  Result<RescreenReport> All(const RescreenOptions& options = {});
  // Screens the register against only what changed between `base` and the screener's snapshot.
  // Requires pair-local scores (ScoreEntity depends only on the pair and EngineVersion()):
  //  - customers whose alerts are exact for `base` (same engine and threshold) are indexed in
  //    memory (QueryIndex) and searched with every added and changed entity; a customer with a
  //    match, or with an alert on a removed or changed entity, gets its new alert set (its alerts
  //    on unchanged entities, which keep their scores, plus the matches), audited; every other
  //    one is moved to the new snapshot as is, all at once (screening epochs, no per-customer
  //    write);
  //  - customers never screened, changed since, or screened against other lists, another engine
  //    or threshold get a full screening;
  //  - customers already on the new snapshot are skipped (so a rerun after a crash finishes).
  // The alerts are those a full re-screen (All) would give.
  Result<RescreenReport> Delta(const EntitySet& base, const RescreenOptions& options = {});

 private:
  Database& db_;
  const Screener& screener_;
};

}  // namespace partyscreen
