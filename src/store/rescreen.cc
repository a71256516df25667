// Re-screening the customer register: a full pass (All) and a delta pass (Delta) that searches
// the register with only what changed in the list. Both commit chunk by chunk through a
// RescreenRun (rescreen_run.h); Delta searches the register through the register index
// (register_index.h).
#include <algorithm>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/json.h"
#include "core/parallel.h"
#include "lists/shrink_check.h"
#include "partyscreen/store.h"
#include "store/register_index.h"
#include "store/rescreen_run.h"
#include "store/screening_epochs.h"
#include "store/sql.h"
#include "store/store_rows.h"

namespace partyscreen {

namespace {

using store::AsInt;
using store::Outcome;
using store::RescreenRun;
using store::SqlConnection;
using store::SqlRow;

class Stopwatch {
 public:
  // Seconds since the last call (or construction).
  double Lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

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

// The new alert set of a customer on the base snapshot that the change affects: its alerts on
// entities that did not change (same pair, so same score; state re-derived from the reviews), its
// alerts on changed entities re-scored (the search of a changed entry may leave out customers it
// matched before and still matches), plus the hits the search found on added and changed
// entities. Hits computed from another version of the record than the one read here (a register
// index entry out of step) are not trusted: the customer is then screened fully. Empty optional:
// the customer is no longer on the base (changed, or already written by an interrupted run of
// this delta), or no longer exists.
Result<std::optional<Outcome>> AffectedOutcome(SqlConnection& conn, const RescreenRun& run,
                                               const Screener& screener,
                                               const std::set<std::string>& changed_entities,
                                               const std::set<std::string>& gone_entities,
                                               const std::vector<int64_t>& base_epochs,
                                               const std::string& customer_id,
                                               const store::CustomerHits& found) {
  std::vector<store::SqlParam> params{customer_id};
  for (const store::SqlParam& p : store::AsParams(base_epochs)) params.push_back(p);
  auto rows =
      conn.Query(store::SelectCustomerRecords("c.id = ? AND c.screened_epoch IN (" +
                                              store::Placeholders(base_epochs.size()) + ")"),
                 params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Outcome>();
  CustomerRecord rec = store::CustomerRecordFromRow(rows->front());
  Outcome out;
  out.customer = std::move(rec.customer);
  out.content_hash = std::move(rec.content_hash);
  out.delta = true;
  if (!found.hits.empty() && found.content_tag != store::ContentTag(out.content_hash)) {
    run.ScreenFully(out);
    return std::optional<Outcome>(std::move(out));
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
  return std::optional<Outcome>(std::move(out));
}

ShrinkPolicy ShrinkPolicyOf(const RescreenOptions& options) {
  return {options.max_shrink, "--max-shrink 1"};
}

// The current lists against the last snapshot archived before them (none: nothing to compare).
Status CheckShrinkSinceLastArchived(SqlConnection& conn, const Snapshot& snap,
                                    const RescreenOptions& options) {
  if (options.max_shrink >= 1) return Status::Ok();
  auto previous =
      conn.Query("SELECT hash FROM snapshots WHERE hash <> ? ORDER BY saved_at DESC, hash LIMIT 1",
                 {snap.hash});
  if (!previous.ok()) return previous.status();
  if (previous->empty()) return Status::Ok();
  SourceCounts before;
  Status s = conn.ForEachRow("SELECT entity_id FROM snapshot_entities WHERE snapshot_hash = ?",
                             {store::AsText((*previous)[0][0])}, [&](const SqlRow& row) {
                               CountEntitySource(store::AsText(row[0]), before);
                               return Status::Ok();
                             });
  if (!s.ok()) return s;
  return CheckShrink(before, CountBySource(snap), ShrinkPolicyOf(options));
}

}  // namespace

Result<RescreenReport> Rescreener::All(const RescreenOptions& options) {
  Stopwatch total;
  RescreenReport report;
  report.snapshot = screener_.snapshot().hash;
  SqlConnection& conn = db_.connection();
  Status s = CheckShrinkSinceLastArchived(conn, screener_.snapshot(), options);
  if (!s.ok()) return s;
  s = SnapshotArchive(db_).Save(screener_.snapshot());
  if (!s.ok()) return s;
  RescreenRun run(conn, screener_, options, report);
  s = run.StartOrResume("all", "");
  if (!s.ok()) return s;
  report.run_id = run.run_id();
  auto count = CustomerRegister(db_).Count();
  if (!count.ok()) return count.status();
  std::string last = run.resume_after();
  uint64_t done = 0;
  if (report.resumed) {
    auto before = conn.Query("SELECT COUNT(*) FROM customers WHERE id <= ?", {last});
    if (!before.ok()) return before.status();
    done = static_cast<uint64_t>(AsInt((*before)[0][0]));
  }
  const int64_t page = static_cast<int64_t>(std::max<size_t>(1, options.customers_per_chunk));
  for (;;) {
    auto rows =
        conn.Query(store::SelectCustomerRecords("c.id > ? ORDER BY c.id LIMIT ?"), {last, page});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) break;
    std::vector<CustomerRecord> records;
    for (const SqlRow& r : *rows) records.push_back(store::CustomerRecordFromRow(r));
    s = run.ScreenFullyInChunks(records);
    if (!s.ok()) return s;
    last = records.back().customer.id;
    done += records.size();
    if (options.progress) options.progress(done, *count);
  }
  s = run.Finish(nlohmann::json{{"mode", "all"}}.dump(), {});
  if (!s.ok()) return s;
  report.seconds = total.Lap();
  return report;
}

Result<RescreenReport> Rescreener::Delta(const EntitySet& base, const RescreenOptions& options) {
  Stopwatch total, step;
  const Snapshot& snap = screener_.snapshot();
  RescreenReport report;
  report.snapshot = snap.hash;
  report.base_snapshot = base.snapshot_hash;
  SqlConnection& conn = db_.connection();
  if (base.snapshot_hash == snap.hash)
    return Status::InvalidArgument("delta re-screen: the base snapshot is the current one");
  SourceCounts base_counts;
  for (const ArchivedEntity& e : base.entities) CountEntitySource(e.id, base_counts);
  if (Status s = CheckShrink(base_counts, CountBySource(snap), ShrinkPolicyOf(options)); !s.ok())
    return s;

  // The saved register index is read from disk while the lists are compared.
  const size_t threads = ThreadsOrAllCores(options.threads);
  auto reading = store::RegisterIndex::StartReading(db_, screener_, threads);

  // What changed. Added and changed entities can raise alerts; removed and changed ones can
  // clear them. Alerts on every other entity keep their scores (pair-local scoring).
  const EntitySet current = EntitySetOf(snap);
  const ListDiff diff = DiffEntitySets(base, current, DiffDetail::kEntries);
  report.added_entities = diff.added.size();
  report.removed_entities = diff.removed.size();
  report.changed_entities = diff.changed.size();
  auto index_of = [&](const std::string& id) {
    return static_cast<uint32_t>(snap.Find(id) - snap.entities.data());
  };
  std::vector<store::SearchedEntity> searched;
  std::vector<std::string> gone;
  std::vector<Entity> before(diff.changed.size());  // the changed entries as they were
  ParallelFor(
      diff.changed.size(), threads,
      [&](size_t i) {
        before[i] = EntityFromJson(nlohmann::json::parse(diff.changed[i].old_json, nullptr, false));
      },
      64);
  for (const ArchivedEntity& e : diff.added) searched.push_back({index_of(e.id), nullptr});
  for (size_t i = 0; i < diff.changed.size(); ++i) {
    searched.push_back({index_of(diff.changed[i].id), &before[i]});
    gone.push_back(diff.changed[i].id);
  }
  for (const ArchivedEntity& e : diff.removed) gone.push_back(e.id);
  const std::set<std::string> gone_set(gone.begin(), gone.end());
  std::set<std::string> changed_set;
  for (const EntityChange& e : diff.changed) changed_set.insert(e.id);
  report.entities_searched = searched.size();
  RescreenRun run(conn, screener_, options, report);
  Status s = run.StartOrResume("delta", base.snapshot_hash);
  if (!s.ok()) return s;
  report.run_id = run.run_id();
  auto base_epochs = store::EpochsOn(conn, base.snapshot_hash, EngineVersion(), options.threshold);
  if (!base_epochs.ok()) return base_epochs.status();
  auto current_epochs = store::EpochsOn(conn, snap.hash, EngineVersion(), options.threshold);
  if (!current_epochs.ok()) return current_epochs.status();
  // The new snapshot goes to the archive (for later diffs by hash) on a connection of its own
  // while the register is searched; an in-memory database has no second connection.
  std::future<Status> archiving;
  if (store::IsInMemoryLocation(db_.location())) {
    s = SnapshotArchive(db_).Save(current);
    if (!s.ok()) return s;
  } else {
    archiving = std::async(std::launch::async, [location = db_.location(), &current] {
      auto other = Database::Open(location);
      if (!other.ok()) return other.status();
      return SnapshotArchive(**other).Save(current);
    });
  }
  report.timings.diff = step.Lap();

  // Customers neither on the base nor on the current snapshot (never screened, changed since,
  // other lists, engine or threshold) are screened fully; those on the base are searched.
  std::vector<int64_t> known = *base_epochs;
  known.insert(known.end(), current_epochs->begin(), current_epochs->end());
  auto stale = store::CustomersOutsideEpochs(conn, known);
  if (!stale.ok()) return stale.status();
  auto on_base = store::CountInEpochs(conn, *base_epochs);
  if (!on_base.ok()) return on_base.status();
  report.customers_indexed = *on_base;
  report.timings.load = step.Lap();
  s = run.ScreenFullyInChunks(*stale);
  if (!s.ok()) return s;
  stale->clear();
  report.timings.screen_stale = step.Lap();

  // The register index (saved with the database, brought up to date) searched with every added
  // and changed entry; matches of customers not on the base are dropped by AffectedOutcome.
  auto index = store::RegisterIndex::Open(db_, screener_, run.threads(), std::move(reading));
  if (!index.ok()) return index.status();
  report.register_index = (*index)->source();
  report.timings.index_read = (*index)->read_seconds();
  report.timings.index = step.Lap();
  store::RegisterMatches found = (*index)->Search(searched, run.ScreenOpts());
  index->reset();
  report.matches_found = found.pairs;
  report.timings.find = step.Lap();

  if (archiving.valid()) {
    s = archiving.get();
    if (!s.ok()) return s;
  }

  // Affected: a match, or an alert that may have to go. Written chunk by chunk, by id.
  auto alerted = CustomersAlertedOn(conn, gone);
  if (!alerted.ok()) return alerted.status();
  for (const std::string& id : *alerted) found.by_customer.try_emplace(id);
  const size_t chunk = std::max<size_t>(1, options.customers_per_chunk);
  uint64_t affected_on_base = 0;
  std::vector<Outcome> outcomes;
  size_t done = 0;
  for (const auto& [id, hits] : found.by_customer) {
    auto out = AffectedOutcome(conn, run, screener_, changed_set, gone_set, *base_epochs, id, hits);
    if (!out.ok()) return out.status();
    if (out->has_value()) outcomes.push_back(std::move(**out));
    ++done;
    if (outcomes.size() >= chunk || (done == found.by_customer.size() && !outcomes.empty())) {
      affected_on_base += outcomes.size();
      s = run.Commit(outcomes, outcomes.back().customer.id);
      if (!s.ok()) return s;
      outcomes.clear();
      if (options.progress) options.progress(done, found.by_customer.size());
    }
  }
  report.timings.commit = step.Lap();

  // Everyone still on the base is unaffected: the whole base moves to the new snapshot at once.
  report.customers_carried_forward = report.customers_indexed - affected_on_base;
  s = run.Finish(nlohmann::json{{"mode", "delta"},
                                {"base", base.snapshot_hash},
                                {"added", diff.added.size()},
                                {"changed", diff.changed.size()},
                                {"removed", diff.removed.size()},
                                {"carried_forward", report.customers_carried_forward}}
                     .dump(),
                 *base_epochs);
  if (!s.ok()) return s;
  report.timings.finish = step.Lap();
  report.seconds = total.Lap();
  return report;
}

}  // namespace partyscreen
