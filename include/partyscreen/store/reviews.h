// Review decisions: a reviewer's verdict on one alert (a customer and a listed entity), made on the
// entity's party (parties/parties.h: every listing of the same real party), which sets the state of
// the customer's alerts on all those listings now and in every later re-screen (customers.h:
// AlertState). A listing that joins the party later, or a covered listing that changes, reopens
// them (docs/PARTIES.md, "Reviews on the party").
//
// Ownership: ReviewLog borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h).
// Durability: Record writes the decision, the alert's new state and the audit record in one
// transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"
#include "partyscreen/store/customers.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

class Parties;  // src/parties/parties.h

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

// What a decision covered.
struct RecordedReview {
  std::string party;                  // "party:ofac:21996"
  std::vector<std::string> listings;  // every listing of the party in the snapshot, party order
  std::vector<std::string> alerts;    // the customer's alerts on them, now in `state`
  AlertState state = AlertState::kSuppressed;
};

class ReviewLog {
 public:
  explicit ReviewLog(Database& db) : db_(db) {}
  // Records the decision on the party of decision.entity_id in `snapshot` (`parties`: built from
  // it): one row per listing of the party with the listing's content hash and the customer's, the
  // customer's alerts on those listings set to the decision's state, and one audit record naming
  // the party, every listing covered and every alert set; all in one transaction. A false positive
  // stays suppressed until the customer or a covered listing changes, or a listing joins the
  // party (then reopened). Errors: no reason, the entity not in `snapshot`, no such customer.
  Result<RecordedReview> Record(const ReviewDecision& decision, const Snapshot& snapshot,
                                const Parties& parties);

 private:
  Database& db_;
};

}  // namespace partyscreen
