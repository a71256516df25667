// The hash-chained audit trail: canonical record bodies, appending (inside a transaction), chain
// verification and export. The chain is defined in
// include/partyscreen/store/audit.h.
#include "partyscreen/store/audit.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/sha256.h"
#include "fmt/format.h"
#include "records/query_record.h"
#include "store/audit_chain.h"
#include "store/sql.h"

namespace partyscreen {

namespace {

using store::AsInt;
using store::AsText;
using store::SqlConnection;
using store::SqlRow;

const std::string kGenesisHash(64, '0');
// The advisory lock key that serialises audit appends on PostgreSQL ("psaudit" in ASCII).
constexpr int64_t kAuditChainLockKey = 0x7073617564697400;

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json ParseOrString(const std::string& text) {
  if (text.empty()) return nullptr;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json(text) : j;
}

// The canonical serialisation: compact JSON, object keys sorted (nlohmann's default map), invalid
// UTF-8 replaced, numbers in shortest round-trip form.
std::string CanonicalBody(int64_t seq, const AuditRecord& r, const std::string& time) {
  nlohmann::json hits = nlohmann::json::array();
  for (const AuditHit& h : r.hits) {
    nlohmann::json jh{
        {"entity_id", h.entity_id}, {"score", h.score}, {"matched_name", h.matched_name}};
    if (!h.state.empty()) jh["state"] = h.state;
    hits.push_back(std::move(jh));
  }
  nlohmann::json body{{"seq", seq},
                      {"at", time},
                      {"kind", r.kind},
                      {"who", r.who},
                      {"query", ParseOrString(r.query_json)},
                      {"snapshot", r.snapshot},
                      {"engine", r.engine},
                      {"threshold", r.threshold},
                      {"hits", std::move(hits)}};
  if (!r.detail_json.empty()) body["detail"] = ParseOrString(r.detail_json);
  return Dump(body);
}

std::string ChainHash(const std::string& prev_hash, const std::string& body) {
  Sha256 h;
  h.Update(prev_hash);
  h.Update("\n");
  h.Update(body);
  return h.HexDigest();
}

}  // namespace

AuditRecord ScreeningAuditRecord(std::string who, const Query& query, const Screener& screener,
                                 const ScreenOptions& options, const std::vector<Hit>& hits,
                                 std::string kind) {
  AuditRecord r;
  r.kind = std::move(kind);
  r.who = std::move(who);
  r.query_json = Dump(QueryToJson(query));
  r.snapshot = screener.snapshot().hash;
  r.engine = EngineVersion();
  r.threshold = options.threshold;
  for (const Hit& h : hits)
    r.hits.push_back({h.entity->id, h.score, h.explanation.matched_name, ""});
  return r;
}

Result<int64_t> store::AppendAuditInTransaction(SqlConnection& conn,
                                                const std::vector<AuditRecord>& records) {
  // Several servers may append to one PostgreSQL database at once: one appender at a time, even
  // while audit_head has no row yet for FOR UPDATE to lock (two first appends would otherwise
  // both start the chain at the genesis hash).
  if (Status s = conn.LockKey(kAuditChainLockKey); !s.ok()) return s;
  auto head =
      conn.Query("SELECT seq, hash FROM audit_head WHERE id = 1" + std::string(conn.ForUpdate()));
  if (!head.ok()) return head.status();
  int64_t seq = head->empty() ? 0 : AsInt((*head)[0][0]);
  std::string prev = head->empty() ? kGenesisHash : AsText((*head)[0][1]);
  if (records.empty()) return seq;
  for (const AuditRecord& r : records) {
    ++seq;
    const std::string time = r.time.empty() ? UtcNowIso() : r.time;
    const std::string body = CanonicalBody(seq, r, time);
    const std::string hash = ChainHash(prev, body);
    Status s = conn.Run(
        "INSERT INTO audit (seq, at, kind, who, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, "
        "?)",
        {seq, time, r.kind, r.who, body, prev, hash});
    if (!s.ok()) return s;
    prev = hash;
  }
  Status s = conn.Run(
      "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq "
      "= excluded.seq,"
      " hash = excluded.hash",
      {seq, prev});
  if (!s.ok()) return s;
  return seq;
}

Result<int64_t> AuditLog::Append(const std::vector<AuditRecord>& records) {
  SqlConnection& conn = store::ConnectionOf(db_);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto seq = store::AppendAuditInTransaction(conn, records);
  if (!seq.ok()) return seq;
  Status s = txn.Commit();
  if (!s.ok()) return s;
  return seq;
}

Result<AuditVerification> AuditLog::Verify() {
  SqlConnection& conn = store::ConnectionOf(db_);
  AuditVerification v;
  auto fail = [&](int64_t seq, std::string problem) {
    v.ok = false;
    v.first_bad_seq = seq;
    v.problem = std::move(problem);
    return v;
  };
  int64_t expected = 1;
  std::string prev = kGenesisHash;
  for (;;) {
    auto rows = conn.Query(
        "SELECT seq, at, kind, who, body, prev_hash, hash FROM audit WHERE seq >= ? ORDER BY seq "
        "LIMIT 5000",
        {expected});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) break;
    for (const SqlRow& r : *rows) {
      const int64_t seq = AsInt(r[0]);
      const std::string body = AsText(r[4]);
      if (seq != expected)
        return fail(expected, fmt::format("record {} is missing (the next stored record is {})",
                                          expected, seq));
      if (AsText(r[5]) != prev)
        return fail(
            seq, fmt::format(
                     "record {}: its previous-hash does not match record {} (deleted or reordered)",
                     seq, seq - 1));
      if (ChainHash(prev, body) != AsText(r[6]))
        return fail(seq, fmt::format("record {}: content does not match its hash (edited)", seq));
      nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
      if (j.is_discarded() || !j.is_object() || j.value("seq", int64_t{0}) != seq)
        return fail(seq,
                    fmt::format("record {}: body names another sequence number (reordered)", seq));
      if (j.value("at", "") != AsText(r[1]) || j.value("kind", "") != AsText(r[2]) ||
          j.value("who", "") != AsText(r[3]))
        return fail(
            seq,
            fmt::format("record {}: time, kind or who column differs from the hashed body (edited)",
                        seq));
      prev = AsText(r[6]);
      ++v.records;
      ++expected;
    }
  }
  auto head = conn.Query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!head.ok()) return head.status();
  const int64_t head_seq = head->empty() ? 0 : AsInt((*head)[0][0]);
  if (head_seq != expected - 1 || (head_seq > 0 && AsText((*head)[0][1]) != prev))
    return fail(
        expected,
        fmt::format(
            "the chain ends at record {} but its head records {} (records deleted from the end)",
            expected - 1, head_seq));
  return v;
}

namespace {

// Calls `each(seq, body, prev_hash, hash)` for the records with from <= time < to in seq order,
// 5,000 rows a query.
Status ForEachRecordBetween(SqlConnection& conn, const std::string& from, const std::string& to,
                            const std::function<void(int64_t, std::string_view, std::string_view,
                                                     std::string_view)>& each) {
  int64_t after = 0;
  const std::string upper = to.empty() ? std::string("\x7f") : to;
  for (;;) {
    auto rows = conn.Query(
        "SELECT seq, body, prev_hash, hash FROM audit WHERE seq > ? AND at >= ? AND at < ? ORDER "
        "BY seq LIMIT 5000",
        {after, from, upper});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::Ok();
    for (const SqlRow& r : *rows) {
      after = AsInt(r[0]);
      each(after, AsText(r[1]), AsText(r[2]), AsText(r[3]));
    }
  }
}

}  // namespace

Result<uint64_t> AuditLog::Export(const std::string& from, const std::string& to,
                                  std::ostream& out) {
  uint64_t n = 0;
  Status s = ForEachRecordBetween(
      store::ConnectionOf(db_), from, to,
      [&](int64_t, std::string_view body, std::string_view prev_hash, std::string_view hash) {
        nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
        if (j.is_discarded()) j = nlohmann::json{{"unparsable_body", body}};
        j["prev_hash"] = prev_hash;
        j["hash"] = hash;
        out << Dump(j) << "\n";
        ++n;
      });
  if (!s.ok()) return s;
  if (!out) return Status::IoError("audit export: write failed");
  return n;
}

Result<AuditPeriod> AuditLog::Summarise(const std::string& from, const std::string& to) {
  AuditPeriod p;
  Status s = ForEachRecordBetween(
      store::ConnectionOf(db_), from, to,
      [&](int64_t seq, std::string_view body, std::string_view, std::string_view) {
        if (p.records++ == 0) p.first_seq = seq;
        p.last_seq = seq;
        const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
        if (!j.is_object()) {
          ++p.by_kind["unparsable"];
          return;
        }
        ++p.by_kind[j.value("kind", "")];
        if (const auto hits = j.find("hits"); hits != j.end() && hits->is_array())
          p.hits += hits->size();
        const std::string snapshot = j.value("snapshot", ""), engine = j.value("engine", "");
        if (snapshot.empty()) return;  // not a screening (a review, an import, a user change)
        for (AuditPeriod::Basis& b : p.screened_against)
          if (b.snapshot == snapshot && b.engine == engine) {
            ++b.records;
            return;
          }
        p.screened_against.push_back({snapshot, engine, 1});
      });
  if (!s.ok()) return s;
  return p;
}

Result<AuditHead> AuditLog::Head() {
  auto rows = store::ConnectionOf(db_).Query("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!rows.ok()) return rows.status();
  AuditHead head{0, std::string(64, '0')};
  if (!rows->empty()) {
    head.seq = store::AsInt((*rows)[0][0]);
    head.hash = store::AsText((*rows)[0][1]);
  }
  return head;
}

}  // namespace partyscreen
