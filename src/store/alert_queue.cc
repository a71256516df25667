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

// How the search by customer runs; the same rows either way (the same LIKE decides):
// - kScan: the reference, every open alert's customer name through LIKE, counted exactly;
// - kTrigramIndex: the candidates of the trigram index of the names (SQLite: customer_names,
//   schema migration 8) through LIKE;
// - kFewNames: the customers whose name matches first (PostgreSQL's pg_trgm index serves it; on
//   SQLite one pass over the names), then their alerts: for parts that few names contain but the
//   trigram index cannot look up (1-2 characters, LIKE's wildcards, PostgreSQL);
// - kWalk: a part that many names contain: the queue walked in its order (in the default order
//   through the index alerts_open_by_score, schema migration 10), each alert's name through LIKE,
//   stopping at the page's last row; the count stops at QueueFilter::count_cap.
// Above QueueFilter::names_first_max names, looking the names up first gains nothing over walking
// the queue (which stops at the page's last row): the walk is used.
enum class NameSearch { kScan, kTrigramIndex, kFewNames, kWalk };

// The states the queue shows by default, as literals: the partial index alerts_open_by_score
// serves a query only when its WHERE names the index's states exactly (SQLite does not look
// into bound parameters).
constexpr const char* kOpenStates = "a.state IN ('open', 'reopened')";

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

std::string NameLike(const QueueFilter& f) { return "%" + AsciiLower(f.customer) + "%"; }

// How many names contain the part, counting no further than names_first_max + 1. SQLite's
// trigram index serves a part of at least 3 characters without LIKE's wildcards ('%', '_'); other
// parts count in one pass over the names (PostgreSQL: through its pg_trgm index, database.cc).
// Few names: look them up first (kTrigramIndex, kFewNames); many: walk the queue (kWalk).
Result<NameSearch> ChooseNameSearch(store::SqlConnection& conn, const QueueFilter& f) {
  if (f.customer.empty() || !f.use_name_index) return NameSearch::kScan;
  const bool trigrams = conn.dialect() == "sqlite" && CodePoints(f.customer) >= 3 &&
                        IsValidUtf8(f.customer) &&
                        f.customer.find_first_of("%_") == std::string::npos &&
                        f.customer.find('\0') == std::string::npos;
  auto n = trigrams ? conn.Query(
                          "SELECT COUNT(*) FROM (SELECT 1 FROM customer_names WHERE"
                          " customer_names MATCH ? LIMIT ?) t",
                          {TrigramPhrase(f.customer), f.names_first_max + 1})
                    : conn.Query(
                          "SELECT COUNT(*) FROM (SELECT 1 FROM customers n WHERE n.id = ? OR"
                          " LOWER(n.name) LIKE ? LIMIT ?) t",
                          {f.customer, NameLike(f), f.names_first_max + 1});
  if (!n.ok()) return n.status();
  if (store::AsInt((*n)[0][0]) > f.names_first_max) return NameSearch::kWalk;
  return trigrams ? NameSearch::kTrigramIndex : NameSearch::kFewNames;
}

// A JSON array of texts as the rows of one column, on either database.
std::string JsonTexts(std::string_view dialect) {
  return dialect == "postgres" ? "SELECT jsonb_array_elements_text(CAST(? AS jsonb))"
                               : "SELECT value FROM json_each(?)";
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
  // The states as literals in the score order only: in the others they lead SQLite's planner
  // (with the page size a parameter) to fetch every open alert through alerts_by_state_score,
  // several times slower than the scan it chooses with parameters.
  if (f.states.empty() && f.sort == "score") {
    sql += std::string(" WHERE ") + kOpenStates;
  } else {
    const std::vector<std::string> states =
        f.states.empty() ? std::vector<std::string>{"open", "reopened"} : f.states;
    sql += " WHERE a.state IN (" + store::Placeholders(states.size()) + ")";
    for (const std::string& s : states) params.emplace_back(s);
  }
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
  if (f.listings) {
    if (f.listings->empty()) {
      sql += " AND 1 = 0";
    } else {
      sql += " AND a.entity_id IN (" + JsonTexts(dialect) + ")";
      params.emplace_back(nlohmann::json(*f.listings).dump());
    }
  }
  if (f.escalated_only) sql += " AND w.escalated = 1";
  if (f.pending_only) sql += " AND w.pending_by <> ''";
  if (!f.customer.empty()) {
    const std::string like = NameLike(f);
    if (search == NameSearch::kTrigramIndex) {
      sql +=
          " AND a.customer_id IN (SELECT ? UNION SELECT n.id FROM customers n WHERE n.rowid IN"
          " (SELECT rowid FROM customer_names WHERE customer_names MATCH ?) AND LOWER(n.name)"
          " LIKE ?)";
      params.emplace_back(f.customer);
      params.emplace_back(TrigramPhrase(f.customer));
      params.emplace_back(like);
    } else if (search == NameSearch::kFewNames ||
               (search == NameSearch::kScan && dialect == "postgres")) {
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
  // A bound on an indexed key alone first, so that the walk starts at the cursor (a seek in
  // alerts_open_by_score or alerts_by_entity) instead of at the first row.
  std::string bound;
  if (f.sort == "score" || f.sort == "entity") {
    bound = " AND " + k + (key_less ? " <= ?" : " >= ?");
    params.push_back(key);
  }
  params.insert(params.end(), {key, key, cid, cid, eid});
  return bound + " AND (" + k + key_op + " OR (" + k + " = ? AND (a.customer_id" + tie_op +
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
  page.name_search = *search == NameSearch::kTrigramIndex ? "trigram index"
                     : *search == NameSearch::kFewNames   ? "names first"
                     : *search == NameSearch::kWalk       ? "queue walk"
                     : filter.customer.empty()            ? ""
                                                          : "scan";
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

  if (cursor.empty() && filter.offset == 0 && !more) {
    page.total = page.rows.size();  // the whole match is on this page
  } else {
    // A walked search counts no further than count_cap: counting every match of a part that most
    // names contain would cost what the walk saved.
    std::vector<store::SqlParam> count_params;
    const std::string from = FromWhere(filter, true, count_params, conn.dialect(), *search);
    const bool capped = *search == NameSearch::kWalk;
    std::string count = "SELECT COUNT(*)" + from;
    if (capped) {
      count = "SELECT COUNT(*) FROM (SELECT 1" + from + " LIMIT ?) t";
      count_params.emplace_back(std::max<int64_t>(filter.count_cap, 0) + 1);
    }
    auto total = conn.Query(count, count_params);
    if (!total.ok()) return total.status();
    page.total = static_cast<uint64_t>(store::AsInt((*total)[0][0]));
    if (capped && page.total > static_cast<uint64_t>(std::max<int64_t>(filter.count_cap, 0))) {
      page.total = static_cast<uint64_t>(std::max<int64_t>(filter.count_cap, 0));
      page.total_capped = true;
    }
  }

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

Result<std::vector<QueueRow>> AlertQueue::IdenticalAlerts(
    size_t max_groups, const std::map<std::string, std::string>& party_of) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  const std::string pairs = conn.dialect() == "postgres"
                                ? "SELECT key, value FROM jsonb_each_text(CAST(? AS jsonb))"
                                : "SELECT key, value FROM json_each(?)";
  // o: the open alerts not waiting for a second person, each with its party; g: the largest
  // groups of one party and one customer name with two customers or more.
  auto rows = conn.Query(
      "WITH m (entity_id, party) AS (" + pairs +
          "), o AS (SELECT a.customer_id, a.entity_id, c.name, COALESCE(m.party, a.entity_id) AS"
          " party FROM alerts a JOIN customers c ON c.id = a.customer_id LEFT JOIN alert_work w"
          " ON w.customer_id = a.customer_id AND w.entity_id = a.entity_id LEFT JOIN m ON"
          " m.entity_id = a.entity_id WHERE " +
          kOpenStates +
          " AND COALESCE(w.pending_by, '') = ''), g AS (SELECT party, name, COUNT(DISTINCT"
          " customer_id) AS n FROM o GROUP BY party, name HAVING COUNT(DISTINCT customer_id) > 1"
          " ORDER BY n DESC, party, name LIMIT ?) " +
          kRowColumns + "COALESCE(" + kRaisedAt +
          ", '') AS raised_at FROM g JOIN o ON o.party = g.party AND o.name = g.name JOIN alerts"
          " a ON a.customer_id = o.customer_id AND a.entity_id = o.entity_id JOIN customers c ON"
          " c.id = a.customer_id LEFT JOIN alert_work w ON w.customer_id = a.customer_id AND"
          " w.entity_id = a.entity_id ORDER BY g.n DESC, g.party, g.name, a.score DESC,"
          " a.customer_id, a.entity_id",
      {nlohmann::json(party_of).dump(),
       static_cast<int64_t>(std::clamp<size_t>(max_groups, 1, 500))});
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
  if (entity_id.empty()) return Actions("customer_id = ?", {customer_id});
  return Actions("customer_id = ? AND entity_id = ?", {customer_id, entity_id});
}

Result<std::vector<AlertAction>> AlertQueue::ActionsBetween(const std::string& from,
                                                            const std::string& to) {
  return Actions("at >= ? AND at < ?", {from, to.empty() ? std::string("\x7f") : to});
}

Result<std::vector<AlertAction>> AlertQueue::Actions(const std::string& where,
                                                     const std::vector<std::string>& values) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  const std::vector<store::SqlParam> params(values.begin(), values.end());
  std::vector<AlertAction> out;
  auto rows = conn.Query(
      "SELECT customer_id, entity_id, at, who, action, detail, reason, audit_seq FROM"
      " alert_actions WHERE " +
          where,
      params);
  if (!rows.ok()) return rows.status();
  for (const store::SqlRow& r : *rows)
    out.push_back({store::AsText(r[0]), store::AsText(r[1]), store::AsText(r[2]),
                   store::AsText(r[3]), store::AsText(r[4]), store::AsText(r[5]),
                   store::AsText(r[6]), store::AsInt(r[7])});
  // Decisions recorded outside the workbench (`partyscreen review`): one per review.
  auto reviews = conn.Query(
      "SELECT customer_id, MIN(entity_id), at, reviewer, decision, reason, audit_seq FROM reviews"
      " WHERE " +
          where +
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
