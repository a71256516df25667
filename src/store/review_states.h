// Review decisions as the re-screening sees them: the state an alert gets from the decisions on the
// listings of its party (docs/PARTIES.md, "Reviews on the party"). Internal to src/store/.
//
// A decision is made on a party and covers every listing the party had in the snapshot it was made
// against: one `reviews` row per (customer, listing), each with that listing's content hash, all
// sharing the decision's audit record (`audit_seq`). Rows written before parties (schema < 4,
// `party` empty) are decisions on their listing alone and keep that meaning.
// Thread safety: a loaded ReviewMap is immutable; ClassifyAlert may run on any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "parties/parties.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/store/customers.h"
#include "partyscreen/store/reviews.h"
#include "store/sql.h"

namespace partyscreen::store {

// One row of `reviews`: the latest decision covering one (customer, listing).
struct ReviewRow {
  ReviewVerdict decision = ReviewVerdict::kFalsePositive;
  std::string customer_hash;
  std::string entity_hash;  // the listing's content hash when the decision was made
  std::string party;        // the party decided on; "" = this listing alone (before schema 4)
  int64_t audit_seq = 0;    // the decision's audit record: every row of one decision shares it
  std::string at;           // when it was made
};

// Every decision of the store, by (customer, listing).
class ReviewMap {
 public:
  static Result<ReviewMap> Load(SqlConnection& conn);
  const ReviewRow* Find(std::string_view customer_id, std::string_view entity_id) const;
  bool HasCustomer(const std::string& customer_id) const { return customers_.count(customer_id); }
  // Whether any decision covers a party (then the re-screen needs the parties of its lists).
  bool has_party_decisions() const { return has_party_decisions_; }

 private:
  std::unordered_map<std::string, ReviewRow> by_pair_;
  std::unordered_set<std::string> customers_;
  bool has_party_decisions_ = false;
};

// An alert's review state, and why it was reopened ("" unless reopened).
struct AlertReview {
  AlertState state = AlertState::kOpen;
  std::string reason;
};

// The state of the alert of `customer_id` (content hash `customer_hash`) on entity
// `entity_index` of `snapshot`, judged on the entity's party in `parties` (built from `snapshot`;
// null: the entity alone). The latest decision of the customer covering a listing of that party
// decides: none: open; true match: confirmed; false positive: suppressed while the customer is
// unchanged and it covered every listing the party has now, each with its content unchanged;
// otherwise reopened, with the reason. A pre-party decision on the entity itself, when it is the
// latest, is judged on that listing alone.
AlertReview ClassifyAlert(const ReviewMap& reviews, const std::string& customer_id,
                          const std::string& customer_hash, const Snapshot& snapshot,
                          const Parties* parties, uint32_t entity_index);

}  // namespace partyscreen::store
