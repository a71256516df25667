// Review decisions: recording them on the party (audited on the same hash chain).
#include "partyscreen/store/reviews.h"

#include <nlohmann/json.hpp>

#include "parties/parties.h"
#include "partyscreen/store/snapshots.h"
#include "store/audit_chain.h"
#include "store/screening_epochs.h"
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

Result<RecordedReview> ReviewLog::Record(const ReviewDecision& d, const Snapshot& snapshot,
                                         const Parties& parties) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  if (d.reason.empty()) return Status::InvalidArgument("review: a reason is required");
  const Entity* entity = snapshot.Find(d.entity_id);
  if (entity == nullptr)
    return Status::NotFound("review: no entity " + d.entity_id + " in snapshot " +
                            snapshot.hash.substr(0, 12));
  const ListedParty& party = parties.Of(static_cast<uint32_t>(entity - snapshot.entities.data()));
  RecordedReview out;
  out.party = party.id;
  out.state =
      d.decision == ReviewVerdict::kTrueMatch ? AlertState::kConfirmed : AlertState::kSuppressed;
  std::vector<std::string> hashes;
  for (uint32_t l : party.listings) {
    out.listings.push_back(snapshot.entities[l].id);
    hashes.push_back(EntityContentHash(snapshot.entities[l]));
  }

  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto rows = conn.Query(store::SelectCustomerRecords("c.id = ?"), {d.customer_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("review: no customer with id " + d.customer_id);
  const CustomerRecord customer = store::CustomerRecordFromRow(rows->front());
  const std::string reviewer = d.reviewer.empty() ? CurrentUserName() : d.reviewer;
  const std::string now = UtcNowIso();
  const std::string state(AlertStateName(out.state));

  // The customer's alerts on the party's listings: all take the decision's state.
  std::vector<store::SqlParam> params{d.customer_id};
  for (const std::string& id : out.listings) params.emplace_back(id);
  const std::string on_listings =
      " WHERE customer_id = ? AND entity_id IN (" + store::Placeholders(out.listings.size()) + ")";
  auto alerts = conn.Query("SELECT entity_id, score, matched_name FROM alerts" + on_listings +
                               " ORDER BY score DESC, entity_id",
                           params);
  if (!alerts.ok()) return alerts.status();

  AuditRecord rec;
  rec.kind = "review";
  rec.who = reviewer;
  rec.time = now;
  rec.query_json = CustomerToJson(customer.customer);
  rec.snapshot = snapshot.hash;
  rec.engine = EngineVersion();
  for (const store::SqlRow& a : *alerts) {
    out.alerts.push_back(store::AsText(a[0]));
    rec.hits.push_back({out.alerts.back(), store::AsDouble(a[1]), store::AsText(a[2]), state});
  }
  nlohmann::json covered = nlohmann::json::array();
  for (size_t i = 0; i < out.listings.size(); ++i)
    covered.push_back({{"entity_id", out.listings[i]}, {"entity_hash", hashes[i]}});
  rec.detail_json = nlohmann::json{
      {"decision", std::string(ReviewVerdictName(d.decision))},
      {"reason", d.reason},
      {"customer_id", d.customer_id},
      {"entity_id", d.entity_id},
      {"customer_hash", customer.content_hash},
      {"entity_hash", EntityContentHash(*entity)},
      {"party", party.id},
      {"covered",
       covered}}.dump();
  auto seq = store::AppendAuditInTransaction(conn, {rec});
  if (!seq.ok()) return seq.status();
  for (size_t i = 0; i < out.listings.size(); ++i) {
    Status s = conn.Run(
        "INSERT INTO reviews (customer_id, entity_id, decision, reason, reviewer, at,"
        " customer_hash, entity_hash, audit_seq, party) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (customer_id, entity_id) DO UPDATE SET decision = excluded.decision,"
        " reason = excluded.reason, reviewer = excluded.reviewer, at = excluded.at,"
        " customer_hash = excluded.customer_hash, entity_hash = excluded.entity_hash,"
        " audit_seq = excluded.audit_seq, party = excluded.party",
        {d.customer_id, out.listings[i], std::string(ReviewVerdictName(d.decision)), d.reason,
         reviewer, now, customer.content_hash, hashes[i], *seq, party.id});
    if (!s.ok()) return s;
  }
  params.insert(params.begin(), state);
  Status s = conn.Run("UPDATE alerts SET state = ?" + on_listings, params);
  if (!s.ok()) return s;
  s = txn.Commit();
  if (!s.ok()) return s;
  return out;
}

}  // namespace partyscreen
