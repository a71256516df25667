// The workbench's alert queue (alert_queue.h): one SQL query per page, built from the filter with
// placeholders only; the alert's work state and history.
#include "partyscreen/store/alert_queue.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "fmt/format.h"
#include "partyscreen/store/audit.h"
#include "store/audit_chain.h"
#include "store/screening_epochs.h"
#include "store/sql.h"

namespace partyscreen {

namespace {

constexpr const char* kRaisedAt =
    "(SELECT MIN(ev.at) FROM alert_events ev WHERE ev.customer_id = a.customer_id"
    " AND ev.entity_id = a.entity_id)";

// How the search by customer runs: the reference scan (every customer's name through LIKE), or
// through the trigram index of the names (SQLite: customer_names, schema migration 8) with the
// same LIKE on the candidates it gives, so that both give the same rows.
enum class NameSearch { kScan, kTrigramIndex };

// Above this many candidate names the index gains nothing over the scan (which stops at the page's
// last row when sorting by score) and the scan is used.
constexpr int64_t kIndexedSearchMaxNames = 5000;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (const char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// The FTS5 query for a literal part of a name: one quoted string, '"' doubled inside.
std::string TrigramPhrase(const std::string& text) {
  std::string out = "\"";
  for (const char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// SQLite: the index serves a part of at least 3 characters (trigrams) without LIKE's wildcards
// ('%', '_', kept as they are for the scan) that few enough names contain. PostgreSQL: its
// planner chooses the pg_trgm index (if the server has one, database.cc) over the same query.
Result<NameSearch> ChooseNameSearch(store::SqlConnection& conn, const QueueFilter& f) {
  if (f.customer.empty() || !f.use_name_index || conn.dialect() != "sqlite")
    return NameSearch::kScan;
  if (CodePoints(f.customer) < 3 || !IsValidUtf8(f.customer) ||
      f.customer.find_first_of("%_") != std::string::npos ||
      f.customer.find('\0') != std::string::npos)
    return NameSearch::kScan;
  auto n = conn.Query(
      "SELECT COUNT(*) FROM (SELECT 1 FROM customer_names WHERE customer_names MATCH ? LIMIT ?) t",
      {TrigramPhrase(f.customer), kIndexedSearchMaxNames + 1});
  if (!n.ok()) return n.status();
  return store::AsInt((*n)[0][0]) > kIndexedSearchMaxNames ? NameSearch::kScan
                                                           : NameSearch::kTrigramIndex;
}

// FROM + WHERE of a filter; joins only what the filter (and its sort key) needs when `for_count`.
std::string FromWhere(const QueueFilter& f, bool for_count, std::vector<store::SqlParam>& params,
                      std::string_view dialect, NameSearch search = NameSearch::kScan) {
  const bool need_customer = !for_count || !f.customer.empty() || f.sort == "customer";
  const bool need_work = !for_count || !f.assignee.empty() || f.escalated_only || f.pending_only;
  std::string sql = " FROM alerts a";
  if (need_customer) sql += " JOIN customers c ON c.id = a.customer_id";
  if (need_work)
    sql += " LEFT JOIN alert_work w ON w.customer_id = a.customer_id AND w.entity_id = a.entity_id";
  std::vector<std::string> states = f.states;
  if (states.empty()) states = {"open", "reopened"};
  sql += " WHERE a.state IN (" + store::Placeholders(states.size()) + ")";
  for (const std::string& s : states) params.emplace_back(s);
  if (f.min_score > 0) {
    sql += " AND a.score >= ?";
    params.emplace_back(f.min_score);
  }
  if (f.max_score < 1) {
    sql += " AND a.score <= ?";
    params.emplace_back(f.max_score);
  }
  if (!f.list.empty()) {
    sql += " AND a.entity_id LIKE ?";
    params.emplace_back(f.list + ":%");
  }
  if (f.assignee == "-") {
    sql += " AND COALESCE(w.assignee, '') = ''";
  } else if (!f.assignee.empty()) {
    sql += " AND w.assignee = ?";
    params.emplace_back(f.assignee);
  }
  if (f.escalated_only) sql += " AND w.escalated = 1";
  if (f.pending_only) sql += " AND w.pending_by <> ''";
  if (!f.customer.empty()) {
    const std::string like = "%" + AsciiLower(f.customer) + "%";
    if (search == NameSearch::kTrigramIndex) {
      sql +=
          " AND a.customer_id IN (SELECT ? UNION SELECT n.id FROM customers n WHERE n.rowid IN"
          " (SELECT rowid FROM customer_names WHERE customer_names MATCH ?) AND LOWER(n.name)"
          " LIKE ?)";
      params.emplace_back(f.customer);
      params.emplace_back(TrigramPhrase(f.customer));
      params.emplace_back(like);
    } else if (dialect == "postgres") {
      sql +=
          " AND a.customer_id IN (SELECT n.id FROM customers n WHERE n.id = ? OR LOWER(n.name)"
          " LIKE ?)";
      params.emplace_back(f.customer);
      params.emplace_back(like);
    } else {
      sql += " AND (a.customer_id = ? OR LOWER(c.name) LIKE ?)";
      params.emplace_back(f.customer);
      params.emplace_back(like);
    }
  }
  if (f.older_than_days > 0) {
    const auto cutoff =
        std::chrono::system_clock::now() - std::chrono::hours(24 * f.older_than_days);
    const std::time_t t = std::chrono::system_clock::to_time_t(cutoff);
    std::tm tm{};
    gmtime_r(&t, &tm);
    sql += std::string(" AND ") + kRaisedAt + " <= ?";
    params.emplace_back(fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900,
                                    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec));
  }
  return sql;
}

// The order of the queue: the sort key, then customer id and listing ascending (unique). When
// `reversed` (paging backwards), every part the other way round.
std::string OrderBy(const QueueFilter& f, bool reversed = false) {
  const char* dir = f.descending != reversed ? " DESC" : " ASC";
  const char* tie = reversed ? " DESC" : " ASC";
  std::string key = "a.score";
  if (f.sort == "customer") key = "c.name";
  if (f.sort == "entity") key = "a.entity_id";
  if (f.sort == "age") key = "raised_at";
  return " ORDER BY " + key + dir + ", a.customer_id" + tie + ", a.entity_id" + tie;
}

// The sort key as an expression usable in WHERE ('' for an alert raised outside a re-screen, so
// that both databases order it first ascending).
std::string SortKey(const QueueFilter& f) {
  if (f.sort == "customer") return "c.name";
  if (f.sort == "entity") return "a.entity_id";
  if (f.sort == "age") return std::string("COALESCE(") + kRaisedAt + ", '')";
  return "a.score";
}

// A cursor: the JSON array [sort key, customer id, entity id] of a row (the score as a number,
// which JSON gives back exactly).
std::string CursorOf(const QueueRow& r, const QueueFilter& f) {
  nlohmann::json key = r.score;
  if (f.sort == "customer") key = r.customer_name;
  if (f.sort == "entity") key = r.entity_id;
  if (f.sort == "age") key = r.raised_at;
  return nlohmann::json::array({key, r.customer_id, r.entity_id}).dump();
}

// " AND <rows strictly after (or, `backward`, before) the cursor in the queue's order>".
Result<std::string> KeysetCondition(const QueueFilter& f, const std::string& cursor, bool backward,
                                    std::vector<store::SqlParam>& params) {
  const auto bad = [&](const char* why) {
    return Status::InvalidArgument("paging cursor '" + cursor.substr(0, 200) + "': " + why);
  };
  const nlohmann::json j = nlohmann::json::parse(cursor, nullptr, false);
  if (j.is_discarded() || !j.is_array() || j.size() != 3 || !j[1].is_string() || !j[2].is_string())
    return bad("not [key, customer id, entity id]");
  const bool numeric = f.sort == "score";
  if (numeric ? !j[0].is_number() : !j[0].is_string())
    return bad(numeric ? "the key of the score order is a number" : "the key is a string");
  const store::SqlParam key =
      numeric ? store::SqlParam(j[0].get<double>()) : store::SqlParam(j[0].get<std::string>());
  const std::string cid = j[1].get<std::string>(), eid = j[2].get<std::string>();
  // Forward in a descending order means a smaller key; ties go by (customer, entity) ascending.
  const bool key_less = f.descending != backward;
  const char* key_op = key_less ? " < ?" : " > ?";
  const char* tie_op = backward ? " < ?" : " > ?";
  const std::string k = SortKey(f);
  params.insert(params.end(), {key, key, cid, cid, eid});
  return " AND (" + k + key_op + " OR (" + k + " = ? AND (a.customer_id" + tie_op +
         " OR (a.customer_id = ? AND a.entity_id" + tie_op + "))))";
}

constexpr const char* kRowColumns =
    "SELECT a.customer_id, c.name, a.entity_id, a.matched_name, a.score, a.state, a.snapshot,"
    " COALESCE(w.assignee, ''), COALESCE(w.escalated, 0), COALESCE(w.pending_decision, ''),"
    " COALESCE(w.pending_reason, ''), COALESCE(w.pending_by, ''), COALESCE(w.pending_at, ''), ";

QueueRow RowFrom(const store::SqlRow& r) {
  QueueRow q;
  q.customer_id = store::AsText(r[0]);
  q.customer_name = store::AsText(r[1]);
  q.entity_id = store::AsText(r[2]);
  q.matched_name = store::AsText(r[3]);
  q.score = store::AsDouble(r[4]);
  q.state = store::AsText(r[5]);
  q.snapshot = store::AsText(r[6]);
  q.assignee = store::AsText(r[7]);
  q.escalated = store::AsInt(r[8]) != 0;
  q.pending_decision = store::AsText(r[9]);
  q.pending_reason = store::AsText(r[10]);
  q.pending_by = store::AsText(r[11]);
  q.pending_at = store::AsText(r[12]);
  q.raised_at = store::AsText(r[13]);
  return q;
}

}  // namespace

Result<QueuePage> AlertQueue::Page(const QueueFilter& filter) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  QueuePage page;
  std::vector<store::SqlParam> params;
  auto search = ChooseNameSearch(conn, filter);
  if (!search.ok()) return search.status();
  page.name_index_used = *search == NameSearch::kTrigramIndex;
  // The page's keys first (narrow rows to sort, no per-row subquery unless sorting by age), then
  // the details of those rows only: half the CPU of one wide query at 100k alerts. One row more
  // than the page tells whether another page follows (precedes, paging backwards).
  const bool backward = !filter.before.empty();
  const std::string& cursor = backward ? filter.before : filter.after;
  const size_t limit = std::clamp<size_t>(filter.limit, 1, 500);
  std::string keys = "SELECT a.customer_id AS cid, a.entity_id AS eid";
  if (filter.sort == "age") keys += std::string(", COALESCE(") + kRaisedAt + ", '') AS raised_at";
  keys += FromWhere(filter, true, params, conn.dialect(), *search);
  if (!cursor.empty()) {
    auto after = KeysetCondition(filter, cursor, backward, params);
    if (!after.ok()) return after.status();
    keys += *after;
  }
  keys += OrderBy(filter, backward) + " LIMIT ? OFFSET ?";
  params.emplace_back(static_cast<int64_t>(limit + 1));
  params.emplace_back(static_cast<int64_t>(filter.offset));
  std::string sql = std::string(kRowColumns) + "COALESCE(" + kRaisedAt +
                    ", '') AS raised_at FROM (" + keys +
                    ") p JOIN alerts a ON a.customer_id = p.cid AND a.entity_id = p.eid"
                    " JOIN customers c ON c.id = a.customer_id LEFT JOIN alert_work w ON"
                    " w.customer_id = a.customer_id AND w.entity_id = a.entity_id" +
                    OrderBy(filter, backward);
  auto rows = conn.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const store::SqlRow& r : *rows) page.rows.push_back(RowFrom(r));
  const bool more = page.rows.size() > limit;
  if (more) page.rows.pop_back();
  if (backward) std::reverse(page.rows.begin(), page.rows.end());
  if (!page.rows.empty()) {
    // Paging backwards, the rows after this page are those from the cursor on.
    if (backward ? true : more) page.next = CursorOf(page.rows.back(), filter);
    if (backward ? more : !cursor.empty() || filter.offset > 0)
      page.previous = CursorOf(page.rows.front(), filter);
  }

  std::vector<store::SqlParam> count_params;
  auto total =
      conn.Query("SELECT COUNT(*)" + FromWhere(filter, true, count_params, conn.dialect(), *search),
                 count_params);
  if (!total.ok()) return total.status();
  page.total = static_cast<uint64_t>(store::AsInt((*total)[0][0]));

  auto states = conn.Query("SELECT state, COUNT(*) FROM alerts GROUP BY state");
  if (!states.ok()) return states.status();
  for (const store::SqlRow& r : *states)
    page.by_state[store::AsText(r[0])] = static_cast<uint64_t>(store::AsInt(r[1]));
  auto work = conn.Query(
      "SELECT COALESCE(SUM(w.escalated), 0), COALESCE(SUM(CASE WHEN w.pending_by <> '' THEN 1"
      " ELSE 0 END), 0) FROM alert_work w JOIN alerts a ON a.customer_id = w.customer_id AND"
      " a.entity_id = w.entity_id WHERE a.state IN ('open', 'reopened')");
  if (!work.ok()) return work.status();
  page.escalated = static_cast<uint64_t>(store::AsInt((*work)[0][0]));
  page.pending = static_cast<uint64_t>(store::AsInt((*work)[0][1]));
  return page;
}

Result<std::optional<QueueRow>> AlertQueue::Get(const std::string& customer_id,
                                                const std::string& entity_id) {
  QueueFilter all;
  all.states = {"open", "reopened", "suppressed", "confirmed"};
  std::vector<store::SqlParam> params;
  store::SqlConnection& conn = store::ConnectionOf(db_);
  std::string sql = std::string(kRowColumns) + kRaisedAt + " AS raised_at" +
                    FromWhere(all, false, params, conn.dialect()) +
                    " AND a.customer_id = ? AND a.entity_id = ?";
  params.emplace_back(customer_id);
  params.emplace_back(entity_id);
  auto rows = conn.Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<QueueRow>();
  return std::optional<QueueRow>(RowFrom(rows->front()));
}

Result<std::vector<QueueRow>> AlertQueue::IdenticalAlerts(size_t max_groups) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  const char* kOpenNotPending =
      " FROM alerts a JOIN customers c ON c.id = a.customer_id LEFT JOIN alert_work w ON"
      " w.customer_id = a.customer_id AND w.entity_id = a.entity_id WHERE a.state IN ('open',"
      " 'reopened') AND COALESCE(w.pending_by, '') = ''";
  auto rows = conn.Query(
      std::string(kRowColumns) + "COALESCE(" + kRaisedAt + ", '') AS raised_at" + kOpenNotPending +
          " AND (a.entity_id, c.name) IN (SELECT g.entity_id, g.name FROM (SELECT a.entity_id,"
          " c.name, COUNT(*) AS n" +
          kOpenNotPending +
          " GROUP BY a.entity_id, c.name HAVING COUNT(*) > 1 ORDER BY n DESC, a.entity_id,"
          " c.name LIMIT ?) g) ORDER BY a.entity_id, c.name, a.score DESC, a.customer_id",
      {static_cast<int64_t>(std::clamp<size_t>(max_groups, 1, 500))});
  if (!rows.ok()) return rows.status();
  std::vector<QueueRow> out;
  for (const store::SqlRow& r : *rows) out.push_back(RowFrom(r));
  return out;
}

Result<int64_t> AlertQueue::Record(const AlertAction& action) {
  static const std::vector<std::string> kActions = {
      "assign", "escalate", "propose_clearance", "confirm_clearance", "reject_clearance", "decide"};
  if (std::find(kActions.begin(), kActions.end(), action.action) == kActions.end())
    return Status::InvalidArgument("unknown workbench action '" + action.action + "'");
  if (action.action == "decide" && action.audit_seq <= 0)
    return Status::InvalidArgument("a decision is recorded with the audit seq of its review");
  store::SqlConnection& conn = store::ConnectionOf(db_);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto alert = conn.Query(
      "SELECT score, matched_name, state, snapshot FROM alerts WHERE customer_id = ? AND "
      "entity_id = ?",
      {action.customer_id, action.entity_id});
  if (!alert.ok()) return alert.status();
  if (alert->empty())
    return Status::NotFound("no alert of customer " + action.customer_id + " on " +
                            action.entity_id);
  const std::string now = action.at.empty() ? UtcNowIso() : action.at;
  int64_t seq = action.audit_seq;
  if (action.action != "decide") {  // a decision's audit record is its review's (reviews.h)
    AuditRecord rec;
    rec.kind = "workbench";
    rec.who = action.who;
    rec.time = now;
    rec.query_json = nlohmann::json{{"id", action.customer_id}}.dump();
    rec.snapshot = store::AsText((*alert)[0][3]);
    rec.engine = EngineVersion();
    rec.hits.push_back({action.entity_id, store::AsDouble((*alert)[0][0]),
                        store::AsText((*alert)[0][1]), store::AsText((*alert)[0][2])});
    rec.detail_json = nlohmann::json{{"action", action.action},
                                     {"detail", action.detail},
                                     {"reason", action.reason},
                                     {"customer_id", action.customer_id},
                                     {"entity_id", action.entity_id}}
                          .dump();
    auto appended = store::AppendAuditInTransaction(conn, {rec});
    if (!appended.ok()) return appended.status();
    seq = *appended;
  }
  const std::vector<store::SqlParam> key{action.customer_id, action.entity_id};
  Status s = conn.Run(
      "INSERT INTO alert_work (customer_id, entity_id, assignee, escalated, pending_decision,"
      " pending_reason, pending_by, pending_at) VALUES (?, ?, '', 0, '', '', '', '')"
      " ON CONFLICT DO NOTHING",
      key);
  if (!s.ok()) return s;
  const std::string where = " WHERE customer_id = ? AND entity_id = ?";
  if (action.action == "assign") {
    s = conn.Run("UPDATE alert_work SET assignee = ?" + where,
                 {action.detail, action.customer_id, action.entity_id});
  } else if (action.action == "escalate") {
    s = conn.Run("UPDATE alert_work SET escalated = 1" + where, key);
  } else if (action.action == "propose_clearance") {
    s = conn.Run(
        "UPDATE alert_work SET pending_decision = ?, pending_reason = ?, pending_by = ?,"
        " pending_at = ?" +
            where,
        {action.detail, action.reason, action.who, now, action.customer_id, action.entity_id});
  } else {
    std::string set =
        "pending_decision = '', pending_reason = '', pending_by = '', pending_at = ''";
    if (action.action == "decide") set += ", escalated = 0";
    s = conn.Run("UPDATE alert_work SET " + set + where, key);
  }
  if (!s.ok()) return s;
  s = conn.Run(
      "INSERT INTO alert_actions (audit_seq, customer_id, entity_id, at, who, action, detail,"
      " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {seq, action.customer_id, action.entity_id, now, action.who, action.action, action.detail,
       action.reason});
  if (!s.ok()) return s;
  if (s = txn.Commit(); !s.ok()) return s;
  return seq;
}

Result<std::vector<AlertAction>> AlertQueue::History(const std::string& customer_id,
                                                     const std::string& entity_id) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  std::vector<store::SqlParam> params{customer_id};
  std::string on_entity;
  if (!entity_id.empty()) {
    on_entity = " AND entity_id = ?";
    params.emplace_back(entity_id);
  }
  std::vector<AlertAction> out;
  auto rows = conn.Query(
      "SELECT customer_id, entity_id, at, who, action, detail, reason, audit_seq FROM"
      " alert_actions WHERE customer_id = ?" +
          on_entity,
      params);
  if (!rows.ok()) return rows.status();
  for (const store::SqlRow& r : *rows)
    out.push_back({store::AsText(r[0]), store::AsText(r[1]), store::AsText(r[2]),
                   store::AsText(r[3]), store::AsText(r[4]), store::AsText(r[5]),
                   store::AsText(r[6]), store::AsInt(r[7])});
  // Decisions recorded outside the workbench (`partyscreen review`): one per review.
  auto reviews = conn.Query(
      "SELECT customer_id, MIN(entity_id), at, reviewer, decision, reason, audit_seq FROM reviews"
      " WHERE customer_id = ?" +
          on_entity +
          " AND audit_seq NOT IN (SELECT audit_seq FROM alert_actions)"
          " GROUP BY customer_id, at, reviewer, decision, reason, audit_seq",
      params);
  if (!reviews.ok()) return reviews.status();
  for (const store::SqlRow& r : *reviews)
    out.push_back({store::AsText(r[0]), store::AsText(r[1]), store::AsText(r[2]),
                   store::AsText(r[3]), "decide", store::AsText(r[4]), store::AsText(r[5]),
                   store::AsInt(r[6])});
  std::sort(out.begin(), out.end(),
            [](const AlertAction& a, const AlertAction& b) { return a.audit_seq < b.audit_seq; });
  return out;
}

}  // namespace partyscreen
