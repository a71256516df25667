// Review decisions: a reviewer's verdict on one alert (a customer and a listed entity), which sets
// the alert's state now and in every later re-screen (customers.h: AlertState).
//
// Ownership: ReviewLog borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h).
// Durability: Record writes the decision, the alert's new state and the audit record in one
// transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "partyscreen/entity.h"
#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

enum class ReviewVerdict { kFalsePositive, kTrueMatch };
// "false_positive" | "true_match"; nullopt for anything else.
std::optional<ReviewVerdict> ParseReviewVerdict(std::string_view text);
std::string_view ReviewVerdictName(ReviewVerdict verdict);

struct ReviewDecision {
  std::string customer_id;
  std::string entity_id;
  ReviewVerdict decision = ReviewVerdict::kFalsePositive;
  std::string reason;
  std::string reviewer;
};

class ReviewLog {
 public:
  explicit ReviewLog(Database& db) : db_(db) {}
  // Records the decision against the current customer and list entry (their content hashes),
  // updates the pair's alert state and appends an audit record, all in one transaction. A
  // false positive stays suppressed until the customer or the list entry changes (then reopened).
  Status Record(const ReviewDecision& decision, const Entity& entity,
                const std::string& snapshot_hash);

 private:
  Database& db_;
};

}  // namespace partyscreen
