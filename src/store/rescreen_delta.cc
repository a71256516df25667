// Re-screening the customer register against only what changed in the lists (Rescreener::Delta,
// contract in include/partyscreen/store/rescreen.h). One DeltaPass per call; Run() calls its
// phases in order, each timed into RescreenReport::timings:
//   CheckLists -> CompareLists (diff) -> LoadCustomers (load) -> ScreenStale (screen_stale)
//   -> OpenIndex (index) -> Find (find) -> CommitAffected (commit) -> Finish (finish).
// It commits chunk by chunk through a RescreenRun (rescreen_run.h) and searches the register
// through the register index (register_index.h).
#include <algorithm>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/json.h"
#include "core/parallel.h"
#include "lists/shrink_check.h"
#include "partyscreen/store/rescreen.h"
#include "store/register_index.h"
#include "store/rescreen_run.h"
#include "store/screening_epochs.h"
#include "store/sql.h"
#include "store/store_rows.h"

namespace partyscreen {

namespace {

using store::RescreenOutcome;
using store::RescreenRun;
using store::SqlConnection;
using store::SqlRow;

// Customers (by id) with an alert on one of `entity_ids`.
Result<std::set<std::string>> CustomersAlertedOn(SqlConnection& conn,
                                                 const std::vector<std::string>& entity_ids) {
  std::set<std::string> out;
  for (const std::string& id : entity_ids) {
    auto rows = conn.Query("SELECT customer_id FROM alerts WHERE entity_id = ?", {id});
    if (!rows.ok()) return rows.status();
    for (const SqlRow& r : *rows) out.insert(store::AsText(r[0]));
  }
  return out;
}

// Customers on the base whose alerts, although no listing they are alerted on changed, take
// another review state on the current lists: a listing joined, left or changed in a party one of
// their decisions covers (review_states.h). Only customers with a decision on a party can; their
// stored states (exact for the base) are compared with the states now.
Result<std::set<std::string>> CustomersWithStaleReviewStates(
    SqlConnection& conn, const RescreenRun& run, const Snapshot& snap,
    const std::vector<int64_t>& base_epochs) {
  std::set<std::string> out;
  if (!run.has_party_decisions() || base_epochs.empty()) return out;
  Status s = conn.ForEachRow(
      "SELECT a.customer_id, a.entity_id, a.state, c.content_hash FROM alerts a"
      " JOIN customers c ON c.id = a.customer_id WHERE c.screened_epoch IN (" +
          store::Placeholders(base_epochs.size()) +
          ") AND a.customer_id IN (SELECT customer_id FROM reviews WHERE party <> '')",
      store::AsParams(base_epochs), [&](const SqlRow& r) {
        const std::string customer = store::AsText(r[0]);
        const Entity* e = snap.Find(store::AsText(r[1]));
        if (e == nullptr || out.count(customer)) return Status::Ok();  // gone: affected anyway
        const auto stored = store::ParseAlertState(store::AsText(r[2]));
        if (stored != run.ReviewOf(customer, store::AsText(r[3]), *e).state) out.insert(customer);
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

// The new alert set of a customer on the base snapshot that the change affects: its alerts on
// entities that did not change (same pair, so same score; state re-derived from the reviews), its
// alerts on changed entities re-scored (the search of a changed entry may leave out customers it
// matched before and still matches), plus the hits the search found on added and changed
// entities. Hits computed from another version of the record than the one read here (a register
// index entry out of step) are not trusted: the customer is then screened fully. Empty optional:
// the customer is no longer on the base (changed, or already written by an interrupted run of
// this delta), or no longer exists.
Result<std::optional<RescreenOutcome>> AffectedOutcome(
    SqlConnection& conn, const RescreenRun& run, const Screener& screener,
    const std::set<std::string>& changed_entities, const std::set<std::string>& gone_entities,
    const std::vector<int64_t>& base_epochs, const std::string& customer_id,
    const store::CustomerHits& found) {
  std::vector<store::SqlParam> params{customer_id};
  for (const store::SqlParam& p : store::AsParams(base_epochs)) params.push_back(p);
  auto rows =
      conn.Query(store::SelectCustomerRecords("c.id = ? AND c.screened_epoch IN (" +
                                              store::Placeholders(base_epochs.size()) + ")"),
                 params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<RescreenOutcome>();
  CustomerRecord rec = store::CustomerRecordFromRow(rows->front());
  RescreenOutcome out;
  out.customer = std::move(rec.customer);
  out.content_hash = std::move(rec.content_hash);
  out.delta = true;
  if (!found.hits.empty() && found.content_tag != store::ContentTag(out.content_hash)) {
    run.ScreenFully(out);
    return std::optional<RescreenOutcome>(std::move(out));
  }
  auto old = store::LoadAlerts(conn, customer_id);
  if (!old.ok()) return old.status();
  const Snapshot& snap = screener.snapshot();
  std::set<std::string> hit_entities;
  for (const Hit& h : found.hits) {
    hit_entities.insert(h.entity->id);
    out.alerts.push_back(run.MakeAlert(out, h));
  }
  const Query& query = out.customer;
  for (Alert& a : *old) {
    const Entity* e = snap.Find(a.entity_id);
    if (e == nullptr || hit_entities.count(a.entity_id)) continue;
    if (changed_entities.count(a.entity_id)) {
      const uint32_t idx = static_cast<uint32_t>(e - snap.entities.data());
      if (auto h = screener.ScoreEntity(query, idx, run.ScreenOpts()))
        out.alerts.push_back(run.MakeAlert(out, *h));
      continue;
    }
    if (gone_entities.count(a.entity_id)) continue;
    a.state = run.StateOf(out, *e);
    out.alerts.push_back(std::move(a));
  }
  return std::optional<RescreenOutcome>(std::move(out));
}

// One delta re-screen. The members are the state the phases hand on to each other, in the order
// the phases fill them (so that the archiving thread, which reads current_, stops before
// current_ is destroyed on an early return).
class DeltaPass {
 public:
  DeltaPass(Database& db, const Screener& screener, const EntitySet& base,
            const RescreenOptions& options)
      : db_(db),
        conn_(store::ConnectionOf(db)),
        screener_(screener),
        snap_(screener.snapshot()),
        base_(base),
        options_(options),
        run_(conn_, screener, options, report_) {}

  Result<RescreenReport> Run();

 private:
  // Refuses a base that is the current lists, or current lists that lost too much since it.
  Status CheckLists();
  // Starts reading the saved register index, diffs the lists, starts the run, archives the lists.
  Status CompareLists();
  // Finds the customers to screen fully (not on the base) and counts those on it.
  Status LoadCustomers();
  // Screens the customers not on the base fully, chunk by chunk.
  Status ScreenStale();
  // Opens the register index: the saved file plus customers written since, or built anew.
  Status OpenIndex();
  // Searches the register index with every added and changed entry.
  void Find();
  // Writes the new alert sets of the affected customers (a match, or an alert that may go).
  Status CommitAffected();
  // Moves every unaffected customer on the base to the new snapshot at once; the run's record.
  Status Finish();

  Database& db_;
  SqlConnection& conn_;
  const Screener& screener_;
  const Snapshot& snap_;
  const EntitySet& base_;
  const RescreenOptions& options_;
  store::Stopwatch total_, step_;
  RescreenReport report_;
  RescreenRun run_;  // writes into report_
  size_t threads_ = 1;
  std::future<Result<store::RegisterIndex::Saved>> reading_;  // the saved register index
  // CompareLists: the lists' change.
  EntitySet current_;
  ListDiff diff_;
  std::vector<Entity> before_;                   // the changed entries as they were
  std::vector<store::SearchedEntity> searched_;  // added and changed (pointing into before_)
  std::vector<std::string> gone_;                // changed and removed: their alerts may go
  std::set<std::string> gone_set_, changed_set_;
  std::vector<int64_t> base_epochs_, current_epochs_;
  std::future<Status> archiving_;  // saving current_ on a connection of its own
  // LoadCustomers, OpenIndex, Find.
  std::vector<CustomerRecord> stale_;
  std::unique_ptr<store::RegisterIndex> index_;
  store::RegisterMatches found_;
  uint64_t affected_on_base_ = 0;
};

Result<RescreenReport> DeltaPass::Run() {
  Status s = CheckLists();
  if (s.ok()) s = CompareLists();
  if (s.ok()) s = LoadCustomers();
  if (s.ok()) s = ScreenStale();
  if (s.ok()) s = OpenIndex();
  if (s.ok()) Find();
  if (s.ok()) s = CommitAffected();
  if (s.ok()) s = Finish();
  if (!s.ok()) return s;
  report_.seconds = total_.Lap();
  return std::move(report_);
}

Status DeltaPass::CheckLists() {
  report_.snapshot = snap_.hash;
  report_.base_snapshot = base_.snapshot_hash;
  if (base_.snapshot_hash == snap_.hash)
    return Status::InvalidArgument("delta re-screen: the base snapshot is the current one");
  SourceCounts base_counts;
  for (const ArchivedEntity& e : base_.entities) CountEntitySource(e.id, base_counts);
  return CheckShrink(base_counts, CountBySource(snap_), store::ShrinkPolicyOf(options_));
}

Status DeltaPass::CompareLists() {
  // The saved register index is read from disk while the lists are compared.
  threads_ = ThreadsOrAllCores(options_.threads);
  reading_ = store::RegisterIndex::StartReading(db_, threads_);

  // What changed. Added and changed entities can raise alerts; removed and changed ones can
  // clear them. Alerts on every other entity keep their scores (pair-local scoring).
  current_ = EntitySetOf(snap_);
  diff_ = DiffEntitySets(base_, current_, DiffDetail::kEntries);
  report_.added_entities = diff_.added.size();
  report_.removed_entities = diff_.removed.size();
  report_.changed_entities = diff_.changed.size();
  auto index_of = [&](const std::string& id) {
    return static_cast<uint32_t>(snap_.Find(id) - snap_.entities.data());
  };
  before_.resize(diff_.changed.size());
  ParallelFor(
      diff_.changed.size(), threads_,
      [&](size_t i) {
        before_[i] =
            EntityFromJson(nlohmann::json::parse(diff_.changed[i].old_json, nullptr, false));
      },
      64);
  for (const ArchivedEntity& e : diff_.added) searched_.push_back({index_of(e.id), nullptr});
  for (size_t i = 0; i < diff_.changed.size(); ++i) {
    searched_.push_back({index_of(diff_.changed[i].id), &before_[i]});
    gone_.push_back(diff_.changed[i].id);
  }
  for (const ArchivedEntity& e : diff_.removed) gone_.push_back(e.id);
  gone_set_.insert(gone_.begin(), gone_.end());
  for (const EntityChange& e : diff_.changed) changed_set_.insert(e.id);
  report_.entities_searched = searched_.size();

  Status s = run_.StartOrResume("delta", base_.snapshot_hash);
  if (!s.ok()) return s;
  report_.run_id = run_.run_id();
  auto base_epochs =
      store::EpochsOn(conn_, base_.snapshot_hash, EngineVersion(), options_.threshold);
  if (!base_epochs.ok()) return base_epochs.status();
  base_epochs_ = std::move(base_epochs).value();
  auto current_epochs = store::EpochsOn(conn_, snap_.hash, EngineVersion(), options_.threshold);
  if (!current_epochs.ok()) return current_epochs.status();
  current_epochs_ = std::move(current_epochs).value();

  // The new snapshot goes to the archive (for later diffs by hash) on a connection of its own
  // while the register is searched; an in-memory database has no second connection.
  if (store::IsInMemoryLocation(db_.location())) {
    s = SnapshotArchive(db_).Save(current_);
    if (!s.ok()) return s;
  } else {
    archiving_ = std::async(std::launch::async, [location = db_.location(), this] {
      auto other = Database::Open(location);
      if (!other.ok()) return other.status();
      return SnapshotArchive(**other).Save(current_);
    });
  }
  report_.timings.diff = step_.Lap();
  return Status::Ok();
}

Status DeltaPass::LoadCustomers() {
  // Customers neither on the base nor on the current snapshot (never screened, changed since,
  // other lists, engine or threshold) are screened fully; those on the base are searched.
  std::vector<int64_t> known = base_epochs_;
  known.insert(known.end(), current_epochs_.begin(), current_epochs_.end());
  auto stale = store::CustomersOutsideEpochs(conn_, known);
  if (!stale.ok()) return stale.status();
  stale_ = std::move(stale).value();
  auto on_base = store::CountInEpochs(conn_, base_epochs_);
  if (!on_base.ok()) return on_base.status();
  report_.customers_indexed = *on_base;
  report_.timings.load = step_.Lap();
  return Status::Ok();
}

Status DeltaPass::ScreenStale() {
  Status s = run_.ScreenFullyInChunks(stale_);
  if (!s.ok()) return s;
  stale_.clear();
  report_.timings.screen_stale = step_.Lap();
  return Status::Ok();
}

Status DeltaPass::OpenIndex() {
  // The register index (saved with the database, brought up to date); matches of customers not
  // on the base are dropped by AffectedOutcome.
  auto index = store::RegisterIndex::Open(db_, screener_, run_.threads(), std::move(reading_));
  if (!index.ok()) return index.status();
  index_ = std::move(index).value();
  report_.register_index = index_->source();
  report_.timings.index_read = index_->read_seconds();
  report_.timings.index = step_.Lap();
  return Status::Ok();
}

void DeltaPass::Find() {
  found_ = index_->Search(searched_, run_.ScreenOpts());
  index_.reset();
  report_.matches_found = found_.pairs;
  report_.timings.find = step_.Lap();
}

Status DeltaPass::CommitAffected() {
  if (archiving_.valid()) {
    Status s = archiving_.get();
    if (!s.ok()) return s;
  }
  // Affected: a match, an alert that may have to go, or an alert whose party's review state
  // changed. Written chunk by chunk, by id.
  auto alerted = CustomersAlertedOn(conn_, gone_);
  if (!alerted.ok()) return alerted.status();
  for (const std::string& id : *alerted) found_.by_customer.try_emplace(id);
  auto restated = CustomersWithStaleReviewStates(conn_, run_, snap_, base_epochs_);
  if (!restated.ok()) return restated.status();
  for (const std::string& id : *restated) found_.by_customer.try_emplace(id);
  const size_t chunk = std::max<size_t>(1, options_.customers_per_chunk);
  std::vector<RescreenOutcome> outcomes;
  size_t done = 0;
  for (const auto& [id, hits] : found_.by_customer) {
    auto out =
        AffectedOutcome(conn_, run_, screener_, changed_set_, gone_set_, base_epochs_, id, hits);
    if (!out.ok()) return out.status();
    if (out->has_value()) outcomes.push_back(std::move(**out));
    ++done;
    if (outcomes.size() >= chunk || (done == found_.by_customer.size() && !outcomes.empty())) {
      affected_on_base_ += outcomes.size();
      Status s = run_.Commit(outcomes, outcomes.back().customer.id);
      if (!s.ok()) return s;
      outcomes.clear();
      if (options_.progress) options_.progress(done, found_.by_customer.size());
    }
  }
  report_.timings.commit = step_.Lap();
  return Status::Ok();
}

Status DeltaPass::Finish() {
  report_.customers_carried_forward = report_.customers_indexed - affected_on_base_;
  Status s = run_.Finish(nlohmann::json{{"mode", "delta"},
                                        {"base", base_.snapshot_hash},
                                        {"added", diff_.added.size()},
                                        {"changed", diff_.changed.size()},
                                        {"removed", diff_.removed.size()},
                                        {"carried_forward", report_.customers_carried_forward}}
                             .dump(),
                         base_epochs_);
  if (!s.ok()) return s;
  report_.timings.finish = step_.Lap();
  return Status::Ok();
}

}  // namespace

Result<RescreenReport> Rescreener::Delta(const EntitySet& base, const RescreenOptions& options) {
  return DeltaPass(db_, screener_, base, options).Run();
}

}  // namespace partyscreen
