// The alert outbox (alert_events.h): the events table, its counter in store_meta, and the webhook
// cursors.
#include "partyscreen/store/alert_events.h"

#include <random>

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
      " last_error = '' WHERE webhook = ? AND delivered_seq < ?",
      {seq, UtcNowIso(), webhook, seq});
}

Status AlertEventLog::RecordFailure(const std::string& webhook, const std::string& error) {
  return store::ConnectionOf(db_).Run(
      "UPDATE webhook_cursors SET failures = failures + 1, last_error = ? WHERE webhook = ?",
      {error, webhook});
}

Result<std::optional<WebhookCursor>> AlertEventLog::Cursor(const std::string& webhook) {
  auto rows = store::ConnectionOf(db_).Query(
      "SELECT w.webhook, w.label, w.delivered_seq, w.failures, w.last_error, w.delivered_at,"
      " (SELECT COUNT(*) FROM alert_events e WHERE e.seq > w.delivered_seq)"
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
  return std::optional<WebhookCursor>(std::move(c));
}

}  // namespace partyscreen
