// Re-screening the customer register: a full pass (All) and a delta pass (Delta) that scores only
// the pairs a list change can affect. Both write results chunk by chunk, each chunk in one
// transaction together with its audit records and the run's progress, so a killed process loses
// at most the chunk in flight and a rerun continues without duplicates.
#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "fmt/format.h"
#include "partyscreen/store.h"
#include "store/customer_keys.h"
#include "store/reviews.h"
#include "store/sql.h"
#include "store/store_rows.h"

namespace partyscreen {

namespace {

using store::AsInt;
using store::AsText;
using store::SqlConnection;
using store::SqlRow;

// Delta: above this many candidate entities for one customer, one pruned Screen() is cheaper than
// scoring each pair.
constexpr size_t kMaxScoredPairs = 48;

struct Candidates {
  std::vector<uint32_t> entities;  // sorted, unique once collected
  bool screen_fully = false;
};

// Every hit at or above threshold is an alert, so the screening limit is set far above any real
// count.
constexpr size_t kMaxAlertsPerCustomer = 1000;

void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn) {
  if (threads <= 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (size_t t = 0; t < std::min(threads, n); ++t)
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) fn(i);
    });
  for (std::thread& th : pool) th.join();
}

// What one customer's screening produced: its complete new alert set.
struct Outcome {
  Customer customer;
  std::string content_hash;
  std::vector<Alert> alerts;
  bool delta = false;
  size_t entities_scored = 0;  // delta only
};

class RunContext {
 public:
  RunContext(SqlConnection& conn, const Screener& screener, const RescreenOptions& options,
             RescreenReport& report)
      : conn_(conn), screener_(screener), options_(options), report_(report) {
    threads_ =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    who_ = options.who.empty() ? CurrentUserName() : options.who;
  }

  Status Init() {
    auto reviews = store::LoadReviews(conn_);
    if (!reviews.ok()) return reviews.status();
    reviews_ = std::move(reviews).value();
    return Status::Ok();
  }

  size_t threads() const { return threads_; }

  ScreenOptions ScreenOpts() const {
    ScreenOptions o;
    o.threshold = options_.threshold;
    o.limit = kMaxAlertsPerCustomer;
    o.explain = false;
    return o;
  }

  Alert MakeAlert(const Outcome& out, const Hit& h) const {
    Alert a;
    a.customer_id = out.customer.id;
    a.entity_id = h.entity->id;
    a.score = h.score;
    a.matched_name = h.explanation.matched_name;
    a.state = store::ClassifyAlert(reviews_, out.customer.id, out.content_hash, *h.entity);
    a.snapshot = screener_.snapshot().hash;
    return a;
  }

  // Full screening of one customer.
  void ScreenFully(Outcome& out) const {
    for (const Hit& h : screener_.Screen(CustomerQuery(out.customer), ScreenOpts()))
      out.alerts.push_back(MakeAlert(out, h));
  }

  // Writes the outcomes (alerts, screening state, audit) and the run's progress in one transaction.
  Status Commit(const std::vector<Outcome>& outcomes, const std::string& run_id,
                const std::string& last_customer) {
    const std::string snapshot = screener_.snapshot().hash;
    const std::string now = UtcNowIso();
    std::vector<AlertChange> added, cleared;
    std::vector<AuditRecord> audit;
    store::WriteTransaction txn(conn_);
    if (!txn.status().ok()) return txn.status();
    for (const Outcome& out : outcomes) {
      auto old = store::LoadAlerts(conn_, out.customer.id);
      if (!old.ok()) return old.status();
      std::map<std::string, const Alert*> before, after;
      for (const Alert& a : *old) before[a.entity_id] = &a;
      for (const Alert& a : out.alerts) after[a.entity_id] = &a;
      for (const auto& [id, a] : after)
        if (!before.count(id)) added.push_back({a->customer_id, id, a->score, a->state});
      for (const auto& [id, a] : before)
        if (!after.count(id)) cleared.push_back({a->customer_id, id, a->score, a->state});
      Status s = conn_.Run("DELETE FROM alerts WHERE customer_id = ?", {out.customer.id});
      if (!s.ok()) return s;
      for (const auto& [id, a] : after) {
        s = conn_.Run(
            "INSERT INTO alerts (customer_id, entity_id, score, matched_name, state, snapshot)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            {a->customer_id, id, a->score, a->matched_name, std::string(AlertStateName(a->state)),
             a->snapshot});
        if (!s.ok()) return s;
      }
      // Marked screened only if the customer did not change while it was being screened.
      s = conn_.Run(
          "UPDATE customers SET screened_snapshot = ?, screened_at = ? WHERE id = ? AND "
          "content_hash = ?",
          {snapshot, now, out.customer.id, out.content_hash});
      if (!s.ok()) return s;
      if (options_.audit) {
        AuditRecord r;
        r.kind = "rescreen";
        r.who = who_;
        r.time = now;
        r.query_json = QueryToJson(CustomerQuery(out.customer));
        r.snapshot = snapshot;
        r.engine = EngineVersion();
        r.threshold = options_.threshold;
        for (const auto& [id, a] : after)
          r.hits.push_back({id, a->score, a->matched_name, std::string(AlertStateName(a->state))});
        if (out.delta)
          r.detail_json =
              nlohmann::json{{"mode", "delta"}, {"entities_scored", out.entities_scored}}.dump();
        audit.push_back(std::move(r));
      }
    }
    if (!audit.empty()) {
      auto seq = AppendAuditInTransaction(conn_, audit);
      if (!seq.ok()) return seq.status();
    }
    uint64_t screened = 0, rescored = 0;
    for (const Outcome& out : outcomes) ++(out.delta ? rescored : screened);
    Status s = conn_.Run(
        "UPDATE rescreen_runs SET last_customer = ?, screened = screened + ?, new_alerts = "
        "new_alerts + ?,"
        " cleared_alerts = cleared_alerts + ? WHERE id = ?",
        {last_customer, static_cast<int64_t>(outcomes.size()), static_cast<int64_t>(added.size()),
         static_cast<int64_t>(cleared.size()), run_id});
    if (!s.ok()) return s;
    s = txn.Commit();
    if (!s.ok()) return s;
    report_.customers_screened += screened;
    report_.customers_rescored += rescored;
    report_.new_alerts.insert(report_.new_alerts.end(), added.begin(), added.end());
    report_.cleared_alerts.insert(report_.cleared_alerts.end(), cleared.begin(), cleared.end());
    return Status::Ok();
  }

  // Starts a run, or resumes the newest unfinished one of the same kind and inputs.
  Result<std::string> StartOrResume(const std::string& kind, const std::string& base,
                                    std::string* last_customer) {
    const std::string snapshot = screener_.snapshot().hash;
    auto rows = conn_.Query(
        "SELECT id, last_customer FROM rescreen_runs WHERE kind = ? AND snapshot = ? AND "
        "base_snapshot = ?"
        " AND threshold = ? AND engine = ? AND state = 'running' ORDER BY started_at DESC LIMIT 1",
        {kind, snapshot, base, options_.threshold, EngineVersion()});
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) {
      report_.resumed = true;
      *last_customer = AsText((*rows)[0][1]);
      return AsText((*rows)[0][0]);
    }
    const std::string now = UtcNowIso();
    const std::string id = fmt::format("{}-{}-{:08x}", kind, now, std::random_device{}());
    Status s = conn_.Run(
        "INSERT INTO rescreen_runs (id, kind, snapshot, base_snapshot, threshold, engine, "
        "started_at, last_customer,"
        " state, screened, new_alerts, cleared_alerts) VALUES (?, ?, ?, ?, ?, ?, ?, '', 'running', "
        "0, 0, 0)",
        {id, kind, snapshot, base, options_.threshold, EngineVersion(), now});
    if (!s.ok()) return s;
    last_customer->clear();
    return id;
  }

  Status Finish(const std::string& run_id, const std::string& query_json) {
    store::WriteTransaction txn(conn_);
    if (!txn.status().ok()) return txn.status();
    Status s = conn_.Run("UPDATE rescreen_runs SET state = 'done', finished_at = ? WHERE id = ?",
                         {UtcNowIso(), run_id});
    if (!s.ok()) return s;
    if (options_.audit) {
      auto rows = conn_.Query(
          "SELECT screened, new_alerts, cleared_alerts FROM rescreen_runs WHERE id = ?", {run_id});
      if (!rows.ok()) return rows.status();
      AuditRecord r;
      r.kind = "rescreen_run";
      r.who = who_;
      r.query_json = query_json;
      r.snapshot = screener_.snapshot().hash;
      r.engine = EngineVersion();
      r.threshold = options_.threshold;
      if (!rows->empty())
        r.detail_json = nlohmann::json{{"run", run_id},
                                       {"customers", AsInt((*rows)[0][0])},
                                       {"new_alerts", AsInt((*rows)[0][1])},
                                       {"cleared_alerts", AsInt((*rows)[0][2])}}
                            .dump();
      auto seq = AppendAuditInTransaction(conn_, {r});
      if (!seq.ok()) return seq.status();
    }
    return txn.Commit();
  }

  // Screens the given customers fully, chunk by chunk.
  Status ScreenFullyInChunks(const std::vector<CustomerRecord>& records,
                             const std::string& run_id) {
    const size_t chunk = std::max<size_t>(1, options_.customers_per_chunk);
    for (size_t start = 0; start < records.size(); start += chunk) {
      const size_t end = std::min(records.size(), start + chunk);
      std::vector<Outcome> outcomes(end - start);
      for (size_t i = start; i < end; ++i) {
        outcomes[i - start].customer = records[i].customer;
        outcomes[i - start].content_hash = records[i].content_hash;
      }
      ParallelFor(outcomes.size(), threads_, [&](size_t i) { ScreenFully(outcomes[i]); });
      Status s = Commit(outcomes, run_id, records[end - 1].customer.id);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  SqlConnection& conn() { return conn_; }
  const Screener& screener() const { return screener_; }
  const RescreenOptions& options() const { return options_; }
  const store::ReviewMap& reviews() const { return reviews_; }

 private:
  SqlConnection& conn_;
  const Screener& screener_;
  const RescreenOptions& options_;
  RescreenReport& report_;
  store::ReviewMap reviews_;
  size_t threads_ = 1;
  std::string who_;
};

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Result<std::vector<CustomerRecord>> CustomerPage(SqlConnection& conn, const std::string& where,
                                                 const std::vector<store::SqlParam>& params) {
  auto rows = conn.Query(std::string("SELECT ") + store::kCustomerColumns +
                             store::kCustomerStateColumns + " FROM customers WHERE " + where,
                         params);
  if (!rows.ok()) return rows.status();
  std::vector<CustomerRecord> out;
  out.reserve(rows->size());
  for (const SqlRow& r : *rows) out.push_back(store::CustomerRecordFromRow(r));
  return out;
}

}  // namespace

Result<RescreenReport> Rescreener::All(const RescreenOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  RescreenReport report;
  report.snapshot = screener_.snapshot().hash;
  SqlConnection& conn = db_.connection();
  Status s = SnapshotArchive(db_).Save(screener_.snapshot());
  if (!s.ok()) return s;
  RunContext ctx(conn, screener_, options, report);
  s = ctx.Init();
  if (!s.ok()) return s;
  std::string last;
  auto run = ctx.StartOrResume("all", "", &last);
  if (!run.ok()) return run.status();
  report.run_id = *run;
  auto total = CustomerRegister(db_).Count();
  if (!total.ok()) return total.status();
  uint64_t done = 0;
  if (report.resumed) {
    auto before = conn.Query("SELECT COUNT(*) FROM customers WHERE id <= ?", {last});
    if (!before.ok()) return before.status();
    done = static_cast<uint64_t>(AsInt((*before)[0][0]));
  }
  const int64_t page = static_cast<int64_t>(std::max<size_t>(1, options.customers_per_chunk));
  for (;;) {
    auto records = CustomerPage(conn, "id > ? ORDER BY id LIMIT ?", {last, page});
    if (!records.ok()) return records.status();
    if (records->empty()) break;
    s = ctx.ScreenFullyInChunks(*records, report.run_id);
    if (!s.ok()) return s;
    last = records->back().customer.id;
    done += records->size();
    if (options.progress) options.progress(done, *total);
  }
  s = ctx.Finish(report.run_id, nlohmann::json{{"mode", "all"}}.dump());
  if (!s.ok()) return s;
  report.seconds = SecondsSince(t0);
  return report;
}

Result<RescreenReport> Rescreener::Delta(const EntitySet& base, const RescreenOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const Snapshot& snap = screener_.snapshot();
  RescreenReport report;
  report.snapshot = snap.hash;
  report.base_snapshot = base.snapshot_hash;
  SqlConnection& conn = db_.connection();
  if (base.snapshot_hash == snap.hash)
    return Status::InvalidArgument("delta re-screen: the base snapshot is the current one");

  const ListDiff diff = DiffEntitySets(base, EntitySetOf(snap));
  report.added_entities = diff.added.size();
  report.removed_entities = diff.removed.size();
  report.changed_entities = diff.changed.size();
  Status s = SnapshotArchive(db_).Save(snap);
  if (!s.ok()) return s;
  s = store::EnsureCustomerKeysCurrent(conn);
  if (!s.ok()) return s;
  RunContext ctx(conn, screener_, options, report);
  s = ctx.Init();
  if (!s.ok()) return s;
  std::string last_unused;
  auto run = ctx.StartOrResume("delta", base.snapshot_hash, &last_unused);
  if (!run.ok()) return run.status();
  report.run_id = *run;

  // Entities that can raise new alerts: the added and the changed ones.
  std::unordered_map<std::string_view, uint32_t> index_of;
  for (uint32_t i = 0; i < snap.entities.size(); ++i) index_of.emplace(snap.entities[i].id, i);
  std::vector<uint32_t> scored_entities;
  for (const ArchivedEntity& e : diff.added) scored_entities.push_back(index_of.at(e.id));
  for (const EntityChange& e : diff.changed) scored_entities.push_back(index_of.at(e.id));

  // Blocking keys of every name of the scored entities -> entities; then -> customers.
  std::unordered_map<int64_t, std::vector<uint32_t>> entities_by_key;
  for (uint32_t idx : scored_entities)
    for (std::string_view name : snap.entities[idx].AllNames())
      for (int64_t k : store::CustomerKeys(std::string(name))) {
        auto& v = entities_by_key[k];
        if (v.empty() || v.back() != idx) v.push_back(idx);
      }
  // customer -> entities to score; a customer with more than kMaxScoredPairs candidate entities
  // (a common word shared with many changed entries) gets one pruned Screen() instead, which
  // returns exactly the entities ScoreEntity would keep, and bounds time and memory.
  std::unordered_map<std::string, Candidates> candidates;
  auto add_candidates = [&](const std::string& customer, const uint32_t* first,
                            const uint32_t* last) {
    Candidates& c = candidates[customer];
    if (c.screen_fully) return;
    c.entities.insert(c.entities.end(), first, last);
    if (c.entities.size() <= kMaxScoredPairs) return;
    std::sort(c.entities.begin(), c.entities.end());
    c.entities.erase(std::unique(c.entities.begin(), c.entities.end()), c.entities.end());
    if (c.entities.size() > kMaxScoredPairs) {
      c.screen_fully = true;
      c.entities = {};
    }
  };
  for (const auto& [key, entities] : entities_by_key) {
    auto rows = conn.Query("SELECT customer_id FROM customer_keys WHERE blocking_key = ?", {key});
    if (!rows.ok()) return rows.status();
    for (const SqlRow& r : *rows)
      add_candidates(AsText(r[0]), entities.data(), entities.data() + entities.size());
  }
  // Every current alert is re-scored too: it is dropped if its entity was removed or no longer
  // scores, and its score follows the new snapshot (the engine's word weights are corpus-wide).
  {
    std::string after_customer, after_entity;
    for (;;) {
      auto rows = conn.Query(
          "SELECT customer_id, entity_id FROM alerts WHERE customer_id > ? OR (customer_id = ? AND"
          " entity_id > ?) ORDER BY customer_id, entity_id LIMIT 10000",
          {after_customer, after_customer, after_entity});
      if (!rows.ok()) return rows.status();
      if (rows->empty()) break;
      for (const SqlRow& r : *rows) {
        auto it = index_of.find(AsText(r[1]));
        if (it != index_of.end()) {
          add_candidates(AsText(r[0]), &it->second, &it->second + 1);
        } else {
          candidates[AsText(r[0])];  // removed entity: the customer is affected
        }
      }
      after_customer = AsText(rows->back()[0]);
      after_entity = AsText(rows->back()[1]);
    }
  }

  // Customers never screened, or changed since, or screened against other lists: full screening.
  auto stale = CustomerPage(conn,
                            "screened_snapshot IS NULL OR (screened_snapshot <> ? AND "
                            "screened_snapshot <> ?) ORDER BY id",
                            {base.snapshot_hash, snap.hash});
  if (!stale.ok()) return stale.status();
  s = ctx.ScreenFullyInChunks(*stale, report.run_id);
  if (!s.ok()) return s;

  // Affected customers still on the base snapshot: delta scoring, chunk by chunk.
  std::vector<std::string> affected;
  affected.reserve(candidates.size());
  for (auto& [id, c] : candidates) {
    affected.push_back(id);
    std::sort(c.entities.begin(), c.entities.end());
    c.entities.erase(std::unique(c.entities.begin(), c.entities.end()), c.entities.end());
  }
  std::sort(affected.begin(), affected.end());
  const size_t chunk = std::max<size_t>(1, options.customers_per_chunk);
  std::atomic<uint64_t> pairs{0}, screened_fully{0};
  for (size_t start = 0; start < affected.size(); start += chunk) {
    const size_t end = std::min(affected.size(), start + chunk);
    std::vector<Outcome> outcomes;
    for (size_t i = start; i < end; ++i) {
      auto recs =
          CustomerPage(conn, "id = ? AND screened_snapshot = ?", {affected[i], base.snapshot_hash});
      if (!recs.ok()) return recs.status();
      if (recs->empty())
        continue;  // already on the new snapshot (rerun), or re-screened fully above
      Outcome out;
      out.customer = std::move((*recs)[0].customer);
      out.content_hash = (*recs)[0].content_hash;
      out.delta = true;
      outcomes.push_back(std::move(out));
    }
    ParallelFor(outcomes.size(), ctx.threads(), [&](size_t i) {
      Outcome& out = outcomes[i];
      const Query q = CustomerQuery(out.customer);
      const ScreenOptions opts = ctx.ScreenOpts();
      const Candidates& c = candidates.at(out.customer.id);
      if (c.screen_fully) {
        ctx.ScreenFully(out);
        ++screened_fully;
        return;
      }
      for (uint32_t idx : c.entities)
        if (auto h = ctx.screener().ScoreEntity(q, idx, opts))
          out.alerts.push_back(ctx.MakeAlert(out, *h));
      out.entities_scored = c.entities.size();
      pairs += c.entities.size();
    });
    if (outcomes.empty()) continue;
    s = ctx.Commit(outcomes, report.run_id, outcomes.back().customer.id);
    if (!s.ok()) return s;
    if (options.progress) options.progress(end, affected.size());
  }
  report.pairs_scored = pairs;
  report.customers_screened_in_delta = screened_fully;

  // Everyone else screened against the base has no alert and shares no blocking key with
  // anything added or changed, so nothing that changed can reach them.
  {
    store::WriteTransaction txn(conn);
    if (!txn.status().ok()) return txn.status();
    s = conn.Run(
        "UPDATE customers SET screened_snapshot = ?, screened_at = ? WHERE screened_snapshot = ?",
        {snap.hash, UtcNowIso(), base.snapshot_hash});
    if (!s.ok()) return s;
    s = txn.Commit();
    if (!s.ok()) return s;
  }
  s = ctx.Finish(report.run_id, nlohmann::json{{"mode", "delta"},
                                               {"base", base.snapshot_hash},
                                               {"added", diff.added.size()},
                                               {"changed", diff.changed.size()},
                                               {"removed", diff.removed.size()}}
                                    .dump());
  if (!s.ok()) return s;
  report.seconds = SecondsSince(t0);
  return report;
}

}  // namespace partyscreen
