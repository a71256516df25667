// One re-screening run as the database sees it: its row in rescreen_runs, its screening epoch
// (screening_epochs.h), and the commits that write screening outcomes chunk by chunk. Each commit
// is one transaction holding the customers' alerts, their screening state, one audit record per
// customer and the run's progress, so a killed process loses at most the chunk in flight and a
// rerun resumes without screening or auditing anyone twice. Internal to src/store/.
//
// Thread safety: one thread drives a run (its connection is not shared); ScreenFully, MakeAlert,
// StateOf and ReviewOf are const and may be called from worker threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lists/shrink_check.h"
#include "parties/parties.h"
#include "partyscreen/screener.h"
#include "partyscreen/store/alert_events.h"
#include "partyscreen/store/rescreen.h"
#include "store/review_states.h"
#include "store/sql.h"

namespace partyscreen::store {

// Seconds since the last Lap() (or construction): the phase timings of a run.
class Stopwatch {
 public:
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// How much a list may shrink before a run refuses (RescreenOptions::max_shrink).
inline ShrinkPolicy ShrinkPolicyOf(const RescreenOptions& options) {
  return {options.max_shrink, "--max-shrink 1"};
}

// What one customer's screening produced: its complete new alert set.
struct RescreenOutcome {
  Customer customer;
  std::string content_hash;
  std::vector<Alert> alerts;
  bool delta = false;  // written by a delta run (audited as such)
};

class RescreenRun {
 public:
  // `options` and `report` must outlive the run; the report's counters and alert changes grow
  // with every commit.
  RescreenRun(SqlConnection& conn, const Screener& screener, const RescreenOptions& options,
              RescreenReport& report);

  // Loads the review decisions (and, when one covers a party, builds the parties of the
  // screener's snapshot, which review states are judged on), then resumes the newest unfinished run
  // of `kind` with the same snapshot, base, threshold and engine whose epoch is still on that
  // snapshot, or starts a new run with a new epoch.
  Status StartOrResume(const std::string& kind, const std::string& base);

  const std::string& run_id() const { return run_id_; }
  int64_t epoch() const { return epoch_; }
  // The last customer (by id) a resumed run had committed; empty for a new run.
  const std::string& resume_after() const { return resume_after_; }
  size_t threads() const { return threads_; }
  // Every hit at or above the threshold, without explanations.
  ScreenOptions ScreenOpts() const;

  // The alert a hit raises for the customer, its state from the review decisions.
  Alert MakeAlert(const RescreenOutcome& out, const Hit& hit) const;
  // The state an alert on `entity` (of the screener's snapshot) has for this customer now, and
  // why it is reopened (review_states.h).
  AlertReview ReviewOf(const std::string& customer_id, const std::string& content_hash,
                       const Entity& entity) const;
  AlertState StateOf(const RescreenOutcome& out, const Entity& entity) const {
    return ReviewOf(out.customer.id, out.content_hash, entity).state;
  }
  // Whether a review decision covers a party: a change of a party's listings can then change the
  // state of alerts whose own listing did not change.
  bool has_party_decisions() const { return reviews_.has_party_decisions(); }

  void ScreenFully(RescreenOutcome& out) const;
  // Screens `records` fully (in parallel), committing every options.customers_per_chunk.
  Status ScreenFullyInChunks(const std::vector<CustomerRecord>& records);
  // Writes the outcomes, the events of their new and reopened alerts (alert_events.h) and the
  // run's progress (resume point `last_customer`) in one transaction.
  Status Commit(const std::vector<RescreenOutcome>& outcomes, const std::string& last_customer);
  // Marks the run done, re-points `advanced_epochs` to the run's snapshot and appends the run's
  // audit record (`summary`: a JSON object text), all in one transaction.
  Status Finish(const std::string& summary, const std::vector<int64_t>& advanced_epochs);

 private:
  AlertEvent EventOf(const RescreenOutcome& out, const Alert& alert, AlertEventKind kind,
                     const std::string& now) const;

  SqlConnection& conn_;
  const Screener& screener_;
  const RescreenOptions& options_;
  RescreenReport& report_;
  ReviewMap reviews_;
  std::unique_ptr<const Parties> parties_;  // of the screener's snapshot, if has_party_decisions()
  size_t threads_ = 1;
  std::string who_;
  std::string run_id_;
  std::string base_;
  int64_t epoch_ = 0;
  std::string resume_after_;
};

}  // namespace partyscreen::store
