// Review decisions: recording them (audited on the same hash chain) and applying them to hits.
#include "partyscreen/store/reviews.h"

#include <nlohmann/json.hpp>

#include "partyscreen/store/snapshots.h"
#include "store/audit_chain.h"
#include "store/review_states.h"
#include "store/store_rows.h"

namespace partyscreen {

std::optional<ReviewVerdict> ParseReviewVerdict(std::string_view text) {
  if (text == "false_positive") return ReviewVerdict::kFalsePositive;
  if (text == "true_match") return ReviewVerdict::kTrueMatch;
  return std::nullopt;
}

std::string_view ReviewVerdictName(ReviewVerdict d) {
  return d == ReviewVerdict::kTrueMatch ? "true_match" : "false_positive";
}

namespace store {

std::string PairKey(std::string_view customer_id, std::string_view entity_id) {
  std::string k(customer_id);
  k += '\x1f';
  k += entity_id;
  return k;
}

Result<ReviewMap> LoadReviews(SqlConnection& conn) {
  auto rows = conn.Query(
      "SELECT customer_id, entity_id, decision, customer_hash, entity_hash FROM reviews");
  if (!rows.ok()) return rows.status();
  ReviewMap out;
  for (const SqlRow& r : *rows) {
    ReviewRow row;
    row.decision = ParseReviewVerdict(AsText(r[2])).value_or(ReviewVerdict::kFalsePositive);
    row.customer_hash = AsText(r[3]);
    row.entity_hash = AsText(r[4]);
    out.emplace(PairKey(AsText(r[0]), AsText(r[1])), std::move(row));
  }
  return out;
}

AlertState ClassifyAlert(const ReviewMap& reviews, const std::string& customer_id,
                         const std::string& customer_hash, const Entity& entity) {
  if (reviews.empty()) return AlertState::kOpen;
  auto it = reviews.find(PairKey(customer_id, entity.id));
  if (it == reviews.end()) return AlertState::kOpen;
  if (it->second.decision == ReviewVerdict::kTrueMatch) return AlertState::kConfirmed;
  const bool unchanged = it->second.customer_hash == customer_hash &&
                         it->second.entity_hash == EntityContentHash(entity);
  return unchanged ? AlertState::kSuppressed : AlertState::kReopened;
}

}  // namespace store

Status ReviewLog::Record(const ReviewDecision& d, const Entity& entity,
                         const std::string& snapshot_hash) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  if (d.reason.empty()) return Status::InvalidArgument("review: a reason is required");
  if (entity.id != d.entity_id)
    return Status::InvalidArgument("review: entity " + entity.id + " is not " + d.entity_id);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto rows = conn.Query(store::SelectCustomerRecords("c.id = ?"), {d.customer_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("review: no customer with id " + d.customer_id);
  const CustomerRecord customer = store::CustomerRecordFromRow(rows->front());
  const std::string entity_hash = EntityContentHash(entity);
  const std::string reviewer = d.reviewer.empty() ? CurrentUserName() : d.reviewer;
  const std::string now = UtcNowIso();

  auto alert =
      conn.Query("SELECT score, matched_name FROM alerts WHERE customer_id = ? AND entity_id = ?",
                 {d.customer_id, d.entity_id});
  if (!alert.ok()) return alert.status();
  const AlertState state =
      d.decision == ReviewVerdict::kTrueMatch ? AlertState::kConfirmed : AlertState::kSuppressed;

  AuditRecord rec;
  rec.kind = "review";
  rec.who = reviewer;
  rec.time = now;
  rec.query_json = CustomerToJson(customer.customer);
  rec.snapshot = snapshot_hash;
  rec.engine = EngineVersion();
  if (!alert->empty())
    rec.hits.push_back({d.entity_id, store::AsDouble((*alert)[0][0]), store::AsText((*alert)[0][1]),
                        std::string(AlertStateName(state))});
  rec.detail_json = nlohmann::json{
      {"decision", std::string(ReviewVerdictName(d.decision))},
      {"reason", d.reason},
      {"customer_id", d.customer_id},
      {"entity_id", d.entity_id},
      {"customer_hash", customer.content_hash},
      {"entity_hash",
       entity_hash}}.dump();
  auto seq = store::AppendAuditInTransaction(conn, {rec});
  if (!seq.ok()) return seq.status();
  Status s = conn.Run(
      "INSERT INTO reviews (customer_id, entity_id, decision, reason, reviewer, at, customer_hash, "
      "entity_hash, audit_seq)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id, entity_id) DO UPDATE SET"
      " decision = excluded.decision, reason = excluded.reason, reviewer = excluded.reviewer, at = "
      "excluded.at,"
      " customer_hash = excluded.customer_hash, entity_hash = excluded.entity_hash, audit_seq = "
      "excluded.audit_seq",
      {d.customer_id, d.entity_id, std::string(ReviewVerdictName(d.decision)), d.reason, reviewer,
       now, customer.content_hash, entity_hash, *seq});
  if (!s.ok()) return s;
  s = conn.Run("UPDATE alerts SET state = ? WHERE customer_id = ? AND entity_id = ?",
               {std::string(AlertStateName(state)), d.customer_id, d.entity_id});
  if (!s.ok()) return s;
  return txn.Commit();
}

}  // namespace partyscreen
