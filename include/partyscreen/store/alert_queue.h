// The alert queue the workbench shows (/ui/): alerts with their customer, filtered, sorted and
// paged in SQL (index alerts_by_state_score), plus the work on them that is not a review decision
// (reviews.h records those): assignment, escalation and clearances proposed under the four-eyes
// rule, waiting for a second person. Every action is one transaction with its audit record (kind
// "workbench", who = the user) and a row of the alert's history (alert_actions).
//
// Ownership: AlertQueue borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

struct QueueFilter {
  // Alert states shown ("open", "reopened", "suppressed", "confirmed"); empty: open + reopened.
  std::vector<std::string> states;
  std::string list;      // entity source ("csl", "ofac"...): entity ids "<list>:..."; "" = all
  double min_score = 0;  // score band [min_score, max_score]
  double max_score = 1;  //
  std::string assignee;  // "" = anyone; "-" = nobody
  // Only the alerts on these listings (entity ids), e.g. those of the parties listed under a
  // programme (the served lists know programmes, the database does not); nullopt = any listing.
  std::optional<std::vector<std::string>> listings;
  // Search: the customer id, or a part of the name (SQL LIKE '%part%' on the lower-cased name:
  // ASCII letters in any case). A part that few names contain: those names first (a trigram index
  // of the names when the part has at least 3 characters); one that many contain: the queue walked
  // in its order until the page is full, counted up to `count_cap` (QueuePage::total_capped). The
  // same rows either way.
  std::string customer;
  bool use_name_index = true;      // false: always the scan (the reference the tests compare with)
  int64_t names_first_max = 5000;  // at most this many names contain the part: names first
  int64_t count_cap = 1000;        // a walked search counts this many matches at most
  int older_than_days = 0;         // raised at least this many days ago (0 = any age)
  bool escalated_only = false;
  bool pending_only = false;   // clearances waiting for a second person
  std::string sort = "score";  // score | customer | entity | age
  bool descending = true;
  size_t limit = 50;  // at most 500
  // Keyset paging: the rows after the row of cursor `after`, or those before `before` (cursors
  // from QueuePage::next / previous; "" = from the first row). Stable while alerts come and go,
  // and a deep page costs what the first one does. `offset` (skip rows) still works, slower deep.
  std::string after, before;
  size_t offset = 0;
};

struct QueueRow {
  std::string customer_id, customer_name;
  std::string entity_id, matched_name;
  double score = 0;
  std::string state;      // alert state
  std::string snapshot;   // list data it was found in
  std::string raised_at;  // first outbox event of the alert ("" when raised outside a re-screen)
  std::string assignee;
  bool escalated = false;
  // A clearance proposed under the four-eyes rule ("" when none).
  std::string pending_decision, pending_reason, pending_by, pending_at;
};

struct QueuePage {
  std::vector<QueueRow> rows;
  uint64_t total = 0;  // rows matching the filter
  bool total_capped =
      false;  // more than `total` rows match (a broad name search counts no further)
  std::map<std::string, uint64_t> by_state;  // every alert, per state
  uint64_t escalated = 0, pending = 0;       // open alerts escalated / waiting for confirmation
  bool name_index_used = false;              // the customer search went through the name index
  // How the customer search ran: "trigram index", "names first", "queue walk", "scan" ("" none).
  std::string name_search;
  // Cursors for QueueFilter::after / before: the next page, the previous one ("" = none).
  std::string next, previous;
};

// One entry of an alert's (or a customer's) history in the workbench.
struct AlertAction {
  std::string customer_id, entity_id;
  std::string at, who;
  std::string action;  // assign, escalate, propose_clearance, confirm_clearance, reject_clearance,
                       // decide (a review decision, recorded by reviews.h), ...
  std::string detail;  // assignee, decision...
  std::string reason;
  int64_t audit_seq = 0;
};

class AlertQueue {
 public:
  explicit AlertQueue(Database& db) : db_(db) {}

  // InvalidArgument for a cursor that is not one of Page's.
  Result<QueuePage> Page(const QueueFilter& filter);
  Result<std::optional<QueueRow>> Get(const std::string& customer_id, const std::string& entity_id);

  // Open alerts that are identical but for the customer: on the same listed party and with the
  // same customer name (exactly), in groups of at least two customers, none waiting for a second
  // person; the `max_groups` largest groups first, each group's rows together (by party, name,
  // score descending). `party_of` maps a listing (entity id) to its party's id for the listings of
  // parties with several listings (the served lists know parties); any other listing is a party of
  // its own. The workbench clears such a group as false positives with one reason
  // (docs/WORKBENCH.md).
  Result<std::vector<QueueRow>> IdenticalAlerts(
      size_t max_groups = 50, const std::map<std::string, std::string>& party_of = {});

  // Records `action` (who, reason, detail) with its audit record and applies it to the alert's
  // work state: assign (detail = assignee, "" unassigns), escalate, propose_clearance (detail =
  // the decision, waiting for confirmation), confirm_clearance / reject_clearance (the proposal
  // ends), decide (a decision recorded by ReviewLog: ends any proposal, and escalation). NotFound
  // when the alert does not exist. Returns the audit seq.
  Result<int64_t> Record(const AlertAction& action);
  // History of a customer's alerts (oldest first); entity_id "" = all of them.
  Result<std::vector<AlertAction>> History(const std::string& customer_id,
                                           const std::string& entity_id = "");
  // Every action and decision on any alert with from <= at < to (ISO text; "" = unbounded),
  // oldest first: what a report for a period lists.
  Result<std::vector<AlertAction>> ActionsBetween(const std::string& from, const std::string& to);

 private:
  // alert_actions and the reviews recorded outside the workbench under `where` (a condition on
  // columns customer_id, entity_id and at), oldest first.
  Result<std::vector<AlertAction>> Actions(const std::string& where,
                                           const std::vector<std::string>& params);
  Database& db_;
};

}  // namespace partyscreen
