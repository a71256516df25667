// What the alert pages know of one alert (/ui/alert, alert_pages.cc), shared with the bulk
// clearing page (bulk_pages.cc): the alert's view, the four-eyes rule, and a review decision
// recorded with its history row.
// Thread safety: as UiState (one Database per request).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "parties/parties.h"
#include "partyscreen/decide.h"
#include "server/ui/ui_state.h"

namespace partyscreen::server::ui {

struct AlertView {
  std::shared_ptr<const Engine> engine;
  CustomerRecord customer;
  QueueRow alert;
  const Entity* entity = nullptr;
  const ListedParty* party = nullptr;
  std::vector<Hit> hits;  // the customer against each listing of the party, best first
  Decision decision;
};

// The alert, its customer, the party of its listing in the served lists (null when the listing
// is only in older lists), the customer scored against each listing, the legal outcome.
Result<AlertView> LoadAlertView(UiState& ui, Database& db, const std::string& customer_id,
                                const std::string& entity_id);
// The ids of every listing of the party that `entity_id` belongs to in the engine's lists (a
// decision on one covers them all); just {entity_id} when the served lists do not have it.
std::set<std::string> PartyListingIds(const Engine& engine, const std::string& entity_id);
// A customer's history, oldest first: every action and decision on its alerts (with their audit
// record) and the re-screens that raised or reopened one (from the alert outbox while it keeps
// them; audit_seq 0, who "re-screen"); only the listings in `listings` unless it is null.
std::vector<AlertAction> CustomerHistory(Database& db, const std::string& customer_id,
                                         const std::set<std::string>* listings);
// Whether clearing the alert only proposes the clearance (serve --four-eyes-score/-block).
bool ClearanceNeedsFourEyes(const ServerOptions& options, const AlertView& view);
// A review decision on the alert's party (ReviewLog, audited with `who`), then its history row.
Status RecordAlertReview(Database& db, const AlertView& view, ReviewVerdict verdict,
                         const std::string& reason, const std::string& who);

}  // namespace partyscreen::server::ui
