// The alert outbox (alert_events.h): the events table, its counter in store_meta, and the webhook
// cursors.
#include "partyscreen/store/alert_events.h"

#include <random>

#include "core/strings.h"
#include "fmt/format.h"
#include "store/alert_outbox.h"
#include "store/sql.h"

namespace partyscreen {

namespace {

using store::AsDouble;
using store::AsInt;
using store::AsText;
using store::SqlConnection;
using store::SqlRow;

constexpr const char* kEventColumns =
    "seq, id, at, kind, customer_id, customer_name, entity_id, entity_name, matched_name, list,"
    " score, state, snapshot, run_id, reason";

AlertEvent EventFromRow(const SqlRow& r) {
  AlertEvent e;
  e.seq = AsInt(r[0]);
  e.id = AsText(r[1]);
  e.time = AsText(r[2]);
  e.kind = AsText(r[3]) == "reopened" ? AlertEventKind::kReopened : AlertEventKind::kNew;
  e.customer_id = AsText(r[4]);
  e.customer_name = AsText(r[5]);
  e.entity_id = AsText(r[6]);
  e.entity_name = AsText(r[7]);
  e.matched_name = AsText(r[8]);
  e.list = AsText(r[9]);
  e.score = AsDouble(r[10]);
  e.state = AsText(r[11]);
  e.snapshot = AsText(r[12]);
  e.run_id = AsText(r[13]);
  e.reason = AsText(r[14]);
  return e;
}

// `where` has one placeholder, for `value`.
Result<std::vector<AlertEvent>> QueryEvents(SqlConnection& conn, const std::string& where,
                                            const std::string& value, size_t limit) {
  auto rows = conn.Query(fmt::format("SELECT {} FROM alert_events WHERE {} ORDER BY seq LIMIT ?",
                                     kEventColumns, where),
                         {value, static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<AlertEvent> out;
  out.reserve(rows->size());
  for (const SqlRow& r : *rows) out.push_back(EventFromRow(r));
  return out;
}

std::string RandomEventId() {
  std::random_device rd;
  std::string id = "evt_";
  for (int i = 0; i < 4; ++i) id += fmt::format("{:08x}", rd());
  return id;
}

}  // namespace

std::string_view AlertEventKindName(AlertEventKind kind) {
  return kind == AlertEventKind::kReopened ? "reopened" : "new";
}

Status store::AppendAlertEventsInTransaction(SqlConnection& conn, std::vector<AlertEvent>& events) {
  if (events.empty()) return Status::Ok();
  auto counter = conn.Query("SELECT value FROM store_meta WHERE name = 'alert_event_seq'" +
                            std::string(conn.ForUpdate()));
  if (!counter.ok()) return counter.status();
  int64_t seq = counter->empty() ? 0 : AsInt((*counter)[0][0]);
  for (AlertEvent& e : events) {
    e.seq = ++seq;
    if (e.id.empty()) e.id = RandomEventId();
    Status s = conn.Run(
        fmt::format("INSERT INTO alert_events ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?)",
                    kEventColumns),
        {e.seq, e.id, e.time, std::string(AlertEventKindName(e.kind)), e.customer_id,
         e.customer_name, e.entity_id, e.entity_name, e.matched_name, e.list, e.score, e.state,
         e.snapshot, e.run_id, e.reason});
    if (!s.ok()) return s;
  }
  return conn.Run(
      "INSERT INTO store_meta (name, value) VALUES ('alert_event_seq', ?)"
      " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      {std::to_string(seq)});
}

Result<std::vector<AlertEvent>> AlertEventLog::Since(const std::string& time, size_t limit) {
  return QueryEvents(store::ConnectionOf(db_), "at >= ?", time, limit);
}

Result<std::vector<AlertEvent>> AlertEventLog::OfCustomer(const std::string& customer_id,
                                                          size_t limit) {
  return QueryEvents(store::ConnectionOf(db_), "customer_id = ?", customer_id, limit);
}

Result<WebhookCursor> AlertEventLog::Subscribe(const std::string& webhook,
                                               const std::string& label) {
  SqlConnection& conn = store::ConnectionOf(db_);
  {
    store::WriteTransaction txn(conn);
    if (!txn.status().ok()) return txn.status();
    auto counter = conn.Query("SELECT value FROM store_meta WHERE name = 'alert_event_seq'" +
                              std::string(conn.ForUpdate()));
    if (!counter.ok()) return counter.status();
    const int64_t last = counter->empty() ? 0 : AsInt((*counter)[0][0]);
    Status s = conn.Run(
        "INSERT INTO webhook_cursors (webhook, label, delivered_seq, created_at, delivered_at,"
        " failures, last_error) VALUES (?, ?, ?, ?, '', 0, '') ON CONFLICT DO NOTHING",
        {webhook, label, last, UtcNowIso()});
    if (!s.ok()) return s;
    s = txn.Commit();
    if (!s.ok()) return s;
  }
  auto cursor = Cursor(webhook);
  if (!cursor.ok()) return cursor.status();
  if (!*cursor) return Status::Internal("webhook cursor vanished after it was created");
  return **cursor;
}

Result<std::vector<AlertEvent>> AlertEventLog::Pending(const std::string& webhook, size_t limit) {
  return QueryEvents(store::ConnectionOf(db_),
                     "seq > (SELECT delivered_seq FROM webhook_cursors WHERE webhook = ?)", webhook,
                     limit);
}

Status AlertEventLog::MarkDelivered(const std::string& webhook, int64_t seq) {
  return store::ConnectionOf(db_).Run(
      "UPDATE webhook_cursors SET delivered_seq = ?, delivered_at = ?, failures = 0,"
      " refusals = 0, last_error = '' WHERE webhook = ? AND delivered_seq < ?",
      {seq, UtcNowIso(), webhook, seq});
}

Status AlertEventLog::RecordFailure(const std::string& webhook, const std::string& error,
                                    bool refused) {
  return store::ConnectionOf(db_).Run(
      "UPDATE webhook_cursors SET failures = failures + 1, refusals = refusals + ?, last_error = ?"
      " WHERE webhook = ?",
      {int64_t{refused ? 1 : 0}, error, webhook});
}

Status AlertEventLog::SetAside(const std::string& webhook, int64_t seq, const std::string& error) {
  SqlConnection& conn = store::ConnectionOf(db_);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  const std::string now = UtcNowIso();
  Status s = conn.Run(
      "INSERT INTO webhook_dead_letters (webhook, seq, at, error) VALUES (?, ?, ?, ?)"
      " ON CONFLICT DO NOTHING",
      {webhook, seq, now, error});
  if (!s.ok()) return s;
  // The cursor moves past the event as after a delivery, but delivered_at keeps the last real one.
  s = conn.Run(
      "UPDATE webhook_cursors SET delivered_seq = ?, failures = 0, refusals = 0, last_error = ''"
      " WHERE webhook = ? AND delivered_seq < ?",
      {seq, webhook, seq});
  if (!s.ok()) return s;
  return txn.Commit();
}

Result<std::vector<DeadLetter>> AlertEventLog::DeadLetters(const std::string& webhook) {
  std::string columns;
  for (const std::string& c : Split(kEventColumns, ",")) columns += ", e." + c;
  const std::string sql = fmt::format(
      "SELECT d.webhook, w.label, d.at, d.error{} FROM webhook_dead_letters d"
      " JOIN alert_events e ON e.seq = d.seq"
      " LEFT JOIN webhook_cursors w ON w.webhook = d.webhook{} ORDER BY d.seq, d.webhook",
      columns, webhook.empty() ? "" : " WHERE d.webhook = ?");
  auto rows = webhook.empty() ? store::ConnectionOf(db_).Query(sql)
                              : store::ConnectionOf(db_).Query(sql, {webhook});
  if (!rows.ok()) return rows.status();
  std::vector<DeadLetter> out;
  for (const SqlRow& r : *rows) {
    DeadLetter d;
    d.webhook = AsText(r[0]);
    d.label = AsText(r[1]);
    d.time = AsText(r[2]);
    d.error = AsText(r[3]);
    d.event = EventFromRow(SqlRow(r.begin() + 4, r.end()));
    out.push_back(std::move(d));
  }
  return out;
}

Status AlertEventLog::RemoveDeadLetter(const std::string& webhook, int64_t seq) {
  return store::ConnectionOf(db_).Run(
      "DELETE FROM webhook_dead_letters WHERE webhook = ? AND seq = ?", {webhook, seq});
}

Result<PruneReport> AlertEventLog::Prune(const std::string& time) {
  SqlConnection& conn = store::ConnectionOf(db_);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  // Acknowledged by every webhook: at or below the lowest cursor (no webhook: all of them).
  constexpr const char* kAcknowledged =
      "seq <= COALESCE((SELECT MIN(delivered_seq) FROM webhook_cursors), seq)"
      " AND seq NOT IN (SELECT seq FROM webhook_dead_letters)";
  PruneReport report;
  auto kept = conn.Query(
      fmt::format("SELECT COUNT(*) FROM alert_events WHERE at < ? AND NOT ({})", kAcknowledged),
      {time});
  if (!kept.ok()) return kept.status();
  report.kept_undelivered = static_cast<uint64_t>(AsInt((*kept)[0][0]));
  auto pruned = conn.Query(
      fmt::format("SELECT COUNT(*) FROM alert_events WHERE at < ? AND {}", kAcknowledged), {time});
  if (!pruned.ok()) return pruned.status();
  report.pruned = static_cast<uint64_t>(AsInt((*pruned)[0][0]));
  Status s =
      conn.Run(fmt::format("DELETE FROM alert_events WHERE at < ? AND {}", kAcknowledged), {time});
  if (!s.ok()) return s;
  s = txn.Commit();
  if (!s.ok()) return s;
  return report;
}

Result<std::optional<AlertEvent>> AlertEventLog::Latest(const std::string& customer_id,
                                                        const std::string& entity_id,
                                                        AlertEventKind kind) {
  auto rows = store::ConnectionOf(db_).Query(
      fmt::format("SELECT {} FROM alert_events WHERE customer_id = ? AND entity_id = ? AND kind = ?"
                  " ORDER BY seq DESC LIMIT 1",
                  kEventColumns),
      {customer_id, entity_id, std::string(AlertEventKindName(kind))});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<AlertEvent>();
  return std::optional<AlertEvent>(EventFromRow(rows->front()));
}

Result<std::optional<WebhookCursor>> AlertEventLog::Cursor(const std::string& webhook) {
  auto rows = store::ConnectionOf(db_).Query(
      "SELECT w.webhook, w.label, w.delivered_seq, w.failures, w.last_error, w.delivered_at,"
      " (SELECT COUNT(*) FROM alert_events e WHERE e.seq > w.delivered_seq), w.refusals"
      " FROM webhook_cursors w WHERE w.webhook = ?",
      {webhook});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<WebhookCursor>();
  const SqlRow& r = rows->front();
  WebhookCursor c;
  c.webhook = AsText(r[0]);
  c.label = AsText(r[1]);
  c.delivered_seq = AsInt(r[2]);
  c.failures = static_cast<uint64_t>(AsInt(r[3]));
  c.last_error = AsText(r[4]);
  c.delivered_at = AsText(r[5]);
  c.pending = static_cast<uint64_t>(AsInt(r[6]));
  c.refusals = static_cast<uint64_t>(AsInt(r[7]));
  return std::optional<WebhookCursor>(std::move(c));
}

}  // namespace partyscreen
