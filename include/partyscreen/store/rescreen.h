// Re-screening the customer register against new lists: a full pass (Rescreener::All) or a delta
// pass (Rescreener::Delta) that searches the register with only what changed in the lists and
// gives the same alerts as the full pass. docs/STORE.md describes both.
//
// Ownership: a Rescreener borrows a Database& and a Screener& that must outlive it.
// Thread safety: one thread drives a run (it uses RescreenOptions::threads workers inside);
// one thread at a time per Database (database.h).
// Durability: a run commits chunk by chunk (alerts, the outbox events of new and reopened alerts
// (alert_events.h), screening state, audit records and progress in one transaction each); a killed
// run resumes from its last committed chunk when run again, without screening or auditing anyone
// twice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"
#include "partyscreen/store/customers.h"
#include "partyscreen/store/database.h"
#include "partyscreen/store/snapshots.h"

namespace partyscreen {

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

// An alert a run raised or cleared.
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
  // Events of new and reopened alerts written to the outbox (alert_events.h) by this call.
  uint64_t alert_events = 0;
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
  //    match, with an alert on a removed or changed entity, or with a decision on a party whose
  //    alerts take another review state now (a listing joined or changed in the party), gets its
  //    new alert set (its alerts on unchanged entities, which keep their scores, plus the
  //    matches), audited; every other one is moved to the new snapshot as is, all at once
  //    (screening epochs, no per-customer write);
  //  - customers never screened, changed since, or screened against other lists, another engine
  //    or threshold get a full screening;
  //  - customers already on the new snapshot are skipped (so a rerun after a crash finishes).
  // The alerts are those a full re-screen (All) would give. Its phases: src/store/rescreen.cc.
  Result<RescreenReport> Delta(const EntitySet& base, const RescreenOptions& options = {});

 private:
  Database& db_;
  const Screener& screener_;
};

}  // namespace partyscreen
