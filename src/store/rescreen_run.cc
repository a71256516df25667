#include "store/rescreen_run.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>

#include "core/parallel.h"
#include "fmt/format.h"
#include "records/query_record.h"
#include "store/alert_outbox.h"
#include "store/audit_chain.h"
#include "store/screening_epochs.h"
#include "store/store_rows.h"

namespace partyscreen::store {

namespace {

// Every hit at or above threshold is an alert, so the screening limit is set far above any real
// count.
constexpr size_t kMaxAlertsPerCustomer = 1000;

// The event an alert of `out` gives, if any (alert_events.h): a new alert that is not suppressed,
// or an alert that became reopened.
std::optional<AlertEventKind> EventKindOf(const Alert& now, const Alert* before) {
  if (now.state == AlertState::kReopened && (!before || before->state != AlertState::kReopened))
    return AlertEventKind::kReopened;
  if (!before && now.state != AlertState::kSuppressed) return AlertEventKind::kNew;
  return std::nullopt;
}

}  // namespace

AlertEvent RescreenRun::EventOf(const RescreenOutcome& out, const Alert& alert, AlertEventKind kind,
                                const std::string& now) const {
  const Snapshot& snap = screener_.snapshot();
  AlertEvent e;
  e.kind = kind;
  e.time = now;
  e.customer_id = out.customer.id;
  e.customer_name = out.customer.name;
  e.entity_id = alert.entity_id;
  const Entity* entity = snap.Find(alert.entity_id);
  e.entity_name = entity ? entity->name : "";
  e.list = entity ? entity->source : alert.entity_id.substr(0, alert.entity_id.find(':'));
  e.matched_name = alert.matched_name;
  e.score = alert.score;
  e.state = std::string(AlertStateName(alert.state));
  e.snapshot = snap.hash;
  e.run_id = run_id_;
  if (kind == AlertEventKind::kReopened)  // the same words as the audit record's detail.reopened
    e.reason = "reopened: " + (entity ? ReviewOf(out.customer.id, out.content_hash, *entity).reason
                                      : std::string("the list entry changed since the review"));
  else if (out.delta)
    e.reason = fmt::format(
        "new alert: matched '{}' at {:.3f} in a delta re-screen for the list changes from {} to {}",
        alert.matched_name, alert.score, base_.substr(0, 12), snap.hash.substr(0, 12));
  else
    e.reason = fmt::format("new alert: matched '{}' at {:.3f} in a screening against lists {}",
                           alert.matched_name, alert.score, snap.hash.substr(0, 12));
  return e;
}

RescreenRun::RescreenRun(SqlConnection& conn, const Screener& screener,
                         const RescreenOptions& options, RescreenReport& report)
    : conn_(conn), screener_(screener), options_(options), report_(report) {
  threads_ = ThreadsOrAllCores(options.threads);
  who_ = options.who.empty() ? CurrentUserName() : options.who;
}

Status RescreenRun::StartOrResume(const std::string& kind, const std::string& base) {
  auto reviews = ReviewMap::Load(conn_);
  if (!reviews.ok()) return reviews.status();
  reviews_ = std::move(reviews).value();
  if (reviews_.has_party_decisions() && parties_ == nullptr)
    parties_ = std::make_unique<const Parties>(Parties::Build(screener_.snapshot()));
  base_ = base;

  const std::string snapshot = screener_.snapshot().hash;
  WriteTransaction txn(conn_);
  if (!txn.status().ok()) return txn.status();
  // An epoch a later delta run moved to another snapshot no longer describes this run's work.
  auto rows = conn_.Query(
      "SELECT r.id, r.last_customer, r.epoch FROM rescreen_runs r"
      " JOIN screening_epochs e ON e.id = r.epoch AND e.snapshot = r.snapshot"
      " WHERE r.kind = ? AND r.snapshot = ? AND r.base_snapshot = ? AND r.threshold = ?"
      " AND r.engine = ? AND r.state = 'running' ORDER BY r.started_at DESC LIMIT 1",
      {kind, snapshot, base, options_.threshold, EngineVersion()});
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) {
    report_.resumed = true;
    run_id_ = AsText((*rows)[0][0]);
    resume_after_ = AsText((*rows)[0][1]);
    epoch_ = AsInt((*rows)[0][2]);
    return txn.Commit();
  }
  const std::string now = UtcNowIso();
  auto epoch = CreateEpoch(conn_, snapshot, EngineVersion(), options_.threshold, now);
  if (!epoch.ok()) return epoch.status();
  epoch_ = *epoch;
  run_id_ = fmt::format("{}-{}-{:08x}", kind, now, std::random_device{}());
  resume_after_.clear();
  Status s = conn_.Run(
      "INSERT INTO rescreen_runs (id, kind, snapshot, base_snapshot, threshold, engine,"
      " started_at, last_customer, state, screened, new_alerts, cleared_alerts, epoch)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, '', 'running', 0, 0, 0, ?)",
      {run_id_, kind, snapshot, base, options_.threshold, EngineVersion(), now, epoch_});
  if (!s.ok()) return s;
  return txn.Commit();
}

ScreenOptions RescreenRun::ScreenOpts() const {
  ScreenOptions o;
  o.threshold = options_.threshold;
  o.limit = kMaxAlertsPerCustomer;
  o.explain = false;
  return o;
}

Alert RescreenRun::MakeAlert(const RescreenOutcome& out, const Hit& h) const {
  Alert a;
  a.customer_id = out.customer.id;
  a.entity_id = h.entity->id;
  a.score = h.score;
  a.matched_name = h.explanation.matched_name;
  a.state = StateOf(out, *h.entity);
  a.snapshot = screener_.snapshot().hash;
  return a;
}

AlertReview RescreenRun::ReviewOf(const std::string& customer_id, const std::string& content_hash,
                                  const Entity& entity) const {
  const Snapshot& snap = screener_.snapshot();
  return ClassifyAlert(reviews_, customer_id, content_hash, snap, parties_.get(),
                       static_cast<uint32_t>(&entity - snap.entities.data()));
}

void RescreenRun::ScreenFully(RescreenOutcome& out) const {
  for (const Hit& h : screener_.Screen(out.customer, ScreenOpts()))
    out.alerts.push_back(MakeAlert(out, h));
}

Status RescreenRun::ScreenFullyInChunks(const std::vector<CustomerRecord>& records) {
  const size_t chunk = std::max<size_t>(1, options_.customers_per_chunk);
  for (size_t start = 0; start < records.size(); start += chunk) {
    const size_t end = std::min(records.size(), start + chunk);
    std::vector<RescreenOutcome> outcomes(end - start);
    for (size_t i = start; i < end; ++i) {
      outcomes[i - start].customer = records[i].customer;
      outcomes[i - start].content_hash = records[i].content_hash;
    }
    ParallelFor(outcomes.size(), threads_, [&](size_t i) { ScreenFully(outcomes[i]); });
    Status s = Commit(outcomes, records[end - 1].customer.id);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status RescreenRun::Commit(const std::vector<RescreenOutcome>& outcomes,
                           const std::string& last_customer) {
  const Snapshot& snap = screener_.snapshot();
  const std::string snapshot = snap.hash;
  const std::string now = UtcNowIso();
  std::vector<AlertChange> added, cleared;
  std::vector<AuditRecord> audit;
  std::vector<AlertEvent> events;
  WriteTransaction txn(conn_);
  if (!txn.status().ok()) return txn.status();
  for (const RescreenOutcome& out : outcomes) {
    auto old = LoadAlerts(conn_, out.customer.id);
    if (!old.ok()) return old.status();
    std::map<std::string, const Alert*> before, after;
    for (const Alert& a : *old) before[a.entity_id] = &a;
    for (const Alert& a : out.alerts) after[a.entity_id] = &a;
    for (const auto& [id, a] : after) {
      const auto was = before.find(id);
      const Alert* prev = was == before.end() ? nullptr : was->second;
      if (!prev) added.push_back({a->customer_id, id, a->score, a->state});
      if (auto kind = EventKindOf(*a, prev)) events.push_back(EventOf(out, *a, *kind, now));
    }
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
        "UPDATE customers SET screened_epoch = ?, screened_at = ? WHERE id = ? AND "
        "content_hash = ?",
        {epoch_, now, out.customer.id, out.content_hash});
    if (!s.ok()) return s;
    if (options_.audit) {
      AuditRecord r;
      r.kind = "rescreen";
      r.who = who_;
      r.time = now;
      r.query_json = QueryToJson(out.customer).dump();
      r.snapshot = snapshot;
      r.engine = EngineVersion();
      r.threshold = options_.threshold;
      nlohmann::json reopened = nlohmann::json::object();  // why, per alert reopened
      for (const auto& [id, a] : after) {
        r.hits.push_back({id, a->score, a->matched_name, std::string(AlertStateName(a->state))});
        if (const Entity* e = snap.Find(id); e && a->state == AlertState::kReopened)
          reopened[id] = ReviewOf(out.customer.id, out.content_hash, *e).reason;
      }
      nlohmann::json detail = nlohmann::json::object();
      if (out.delta) detail = {{"mode", "delta"}, {"base", base_}};
      if (!reopened.empty()) detail["reopened"] = std::move(reopened);
      if (!detail.empty()) r.detail_json = detail.dump();
      audit.push_back(std::move(r));
    }
  }
  if (!audit.empty()) {
    auto seq = store::AppendAuditInTransaction(conn_, audit);
    if (!seq.ok()) return seq.status();
  }
  if (Status s = AppendAlertEventsInTransaction(conn_, events); !s.ok()) return s;
  uint64_t screened = 0, rescored = 0;
  for (const RescreenOutcome& out : outcomes) ++(out.delta ? rescored : screened);
  Status s = conn_.Run(
      "UPDATE rescreen_runs SET last_customer = ?, screened = screened + ?,"
      " new_alerts = new_alerts + ?, cleared_alerts = cleared_alerts + ? WHERE id = ?",
      {last_customer, static_cast<int64_t>(outcomes.size()), static_cast<int64_t>(added.size()),
       static_cast<int64_t>(cleared.size()), run_id_});
  if (!s.ok()) return s;
  s = txn.Commit();
  if (!s.ok()) return s;
  report_.customers_screened += screened;
  report_.customers_rescored += rescored;
  report_.new_alerts.insert(report_.new_alerts.end(), added.begin(), added.end());
  report_.cleared_alerts.insert(report_.cleared_alerts.end(), cleared.begin(), cleared.end());
  report_.alert_events += events.size();
  return Status::Ok();
}

Status RescreenRun::Finish(const std::string& summary,
                           const std::vector<int64_t>& advanced_epochs) {
  const std::string now = UtcNowIso();
  WriteTransaction txn(conn_);
  if (!txn.status().ok()) return txn.status();
  Status s = AdvanceEpochs(conn_, advanced_epochs, screener_.snapshot().hash, now);
  if (!s.ok()) return s;
  s = conn_.Run("UPDATE rescreen_runs SET state = 'done', finished_at = ? WHERE id = ?",
                {now, run_id_});
  if (!s.ok()) return s;
  if (options_.audit) {
    auto rows = conn_.Query(
        "SELECT screened, new_alerts, cleared_alerts FROM rescreen_runs WHERE id = ?", {run_id_});
    if (!rows.ok()) return rows.status();
    AuditRecord r;
    r.kind = "rescreen_run";
    r.who = who_;
    r.time = now;
    r.query_json = summary;
    r.snapshot = screener_.snapshot().hash;
    r.engine = EngineVersion();
    r.threshold = options_.threshold;
    if (!rows->empty())
      r.detail_json = nlohmann::json{{"run", run_id_},
                                     {"customers", AsInt((*rows)[0][0])},
                                     {"new_alerts", AsInt((*rows)[0][1])},
                                     {"cleared_alerts", AsInt((*rows)[0][2])}}
                          .dump();
    auto seq = store::AppendAuditInTransaction(conn_, {r});
    if (!seq.ok()) return seq.status();
  }
  return txn.Commit();
}

}  // namespace partyscreen::store
