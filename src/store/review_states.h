// Review decisions as the re-screening sees them: the state a new hit gets from the latest decision
// on its (customer, entity) pair. Internal to src/store/.
#pragma once

#include <string>
#include <unordered_map>

#include "partyscreen/store/customers.h"
#include "partyscreen/store/reviews.h"
#include "store/sql.h"

namespace partyscreen::store {

struct ReviewRow {
  ReviewVerdict decision = ReviewVerdict::kFalsePositive;
  std::string customer_hash;
  std::string entity_hash;
};

// Latest decision per pair, keyed by PairKey(customer, entity).
using ReviewMap = std::unordered_map<std::string, ReviewRow>;
std::string PairKey(std::string_view customer_id, std::string_view entity_id);
Result<ReviewMap> LoadReviews(SqlConnection& conn);

// open (no decision), confirmed (true match), suppressed (false positive, nothing changed since),
// reopened (false positive, but the customer or the list entry changed since).
AlertState ClassifyAlert(const ReviewMap& reviews, const std::string& customer_id,
                         const std::string& customer_hash, const Entity& entity);

}  // namespace partyscreen::store
