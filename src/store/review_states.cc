// The state of an alert from the decisions on its party (review_states.h).
#include "store/review_states.h"

#include "partyscreen/store/snapshots.h"

namespace partyscreen::store {

namespace {

std::string PairKey(std::string_view customer_id, std::string_view entity_id) {
  std::string k(customer_id);
  k += '\x1f';
  k += entity_id;
  return k;
}

AlertReview Reopened(std::string reason) { return {AlertState::kReopened, std::move(reason)}; }

// A decision on `entity` alone (made before parties).
AlertReview JudgeListing(const ReviewRow& row, const std::string& customer_hash,
                         const Entity& entity) {
  if (row.decision == ReviewVerdict::kTrueMatch) return {AlertState::kConfirmed, ""};
  if (row.customer_hash != customer_hash)
    return Reopened("customer changed since the review on " + row.at);
  if (row.entity_hash != EntityContentHash(entity))
    return Reopened("listing " + entity.id + " changed since the review on " + row.at);
  return {AlertState::kSuppressed, ""};
}

}  // namespace

Result<ReviewMap> ReviewMap::Load(SqlConnection& conn) {
  auto rows = conn.Query(
      "SELECT customer_id, entity_id, decision, customer_hash, entity_hash, party, audit_seq, at"
      " FROM reviews");
  if (!rows.ok()) return rows.status();
  ReviewMap out;
  for (const SqlRow& r : *rows) {
    ReviewRow row;
    row.decision = ParseReviewVerdict(AsText(r[2])).value_or(ReviewVerdict::kFalsePositive);
    row.customer_hash = AsText(r[3]);
    row.entity_hash = AsText(r[4]);
    row.party = AsText(r[5]);
    row.audit_seq = AsInt(r[6]);
    row.at = AsText(r[7]);
    out.has_party_decisions_ |= !row.party.empty();
    out.customers_.insert(AsText(r[0]));
    out.by_pair_.emplace(PairKey(AsText(r[0]), AsText(r[1])), std::move(row));
  }
  return out;
}

const ReviewRow* ReviewMap::Find(std::string_view customer_id, std::string_view entity_id) const {
  auto it = by_pair_.find(PairKey(customer_id, entity_id));
  return it == by_pair_.end() ? nullptr : &it->second;
}

AlertReview ClassifyAlert(const ReviewMap& reviews, const std::string& customer_id,
                          const std::string& customer_hash, const Snapshot& snapshot,
                          const Parties* parties, uint32_t entity_index) {
  if (!reviews.HasCustomer(customer_id)) return {};
  const Entity& entity = snapshot.entities[entity_index];
  const std::vector<uint32_t> alone{entity_index};
  const std::vector<uint32_t>& listings =
      parties != nullptr ? parties->Of(entity_index).listings : alone;
  const std::string party_id =
      parties != nullptr ? parties->Of(entity_index).id : "party:" + entity.id;

  // The latest decision on the party (any of its listings), unless a pre-party decision on this
  // listing is later.
  const ReviewRow* latest = nullptr;
  for (uint32_t l : listings) {
    const ReviewRow* row = reviews.Find(customer_id, snapshot.entities[l].id);
    if (row != nullptr && !row->party.empty() &&
        (latest == nullptr || row->audit_seq > latest->audit_seq))
      latest = row;
  }
  const ReviewRow* own = reviews.Find(customer_id, entity.id);
  if (own != nullptr && own->party.empty() &&
      (latest == nullptr || own->audit_seq > latest->audit_seq))
    return JudgeListing(*own, customer_hash, entity);
  if (latest == nullptr) return {};
  if (latest->decision == ReviewVerdict::kTrueMatch) return {AlertState::kConfirmed, ""};
  if (latest->customer_hash != customer_hash)
    return Reopened("customer changed since " + latest->party + " was cleared on " + latest->at);
  for (uint32_t l : listings) {
    const Entity& listing = snapshot.entities[l];
    const ReviewRow* row = reviews.Find(customer_id, listing.id);
    if (row == nullptr || row->audit_seq != latest->audit_seq)
      return Reopened("new listing " + listing.id + " of party " + party_id + " cleared on " +
                      latest->at);
    if (row->entity_hash != EntityContentHash(listing))
      return Reopened("listing " + listing.id + " of party " + party_id +
                      " changed since it was cleared on " + latest->at);
  }
  return {AlertState::kSuppressed, ""};
}

}  // namespace partyscreen::store
