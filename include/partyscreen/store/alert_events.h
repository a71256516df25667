// The alert outbox: every alert a re-screen raises (new) or reopens becomes an AlertEvent, written
// in the same transaction as the alert itself and numbered in commit order (seq), so no alert is
// ever committed without its event. Deliverers (notify/deliverer.h) read it per webhook through a
// cursor (the last seq the webhook acknowledged), advanced only after a 2xx; `partyscreen alerts
// --new-since` lists it. An event a receiver refuses again and again (a 4xx answer) is set aside
// in that webhook's dead letters, so that it no longer holds back the later ones; `alerts
// --dead-letters` shows them. Events stay until `Prune` removes those older than a date that every
// webhook has acknowledged (dead letters are kept).
//
// Ownership: AlertEventLog borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h).
// Durability: events commit with their alerts (rescreen.h); each cursor change is one transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

enum class AlertEventKind {
  kNew,       // an alert the customer did not have (not a suppressed one)
  kReopened,  // an alert that became `reopened` (reviewed false positive, something changed since)
};
std::string_view AlertEventKindName(AlertEventKind kind);  // "new", "reopened"

struct AlertEvent {
  int64_t seq = 0;  // commit order, from 1
  std::string id;   // unique ("evt_" + 32 hex digits): the idempotency key of its deliveries
  AlertEventKind kind = AlertEventKind::kNew;
  std::string time;  // UtcNowIso() of the commit
  std::string customer_id, customer_name;
  std::string entity_id, entity_name, matched_name;
  std::string list;  // the entity's source ("ofac", "un", ...)
  double score = 0;
  std::string state;     // the alert's state: open, reopened, confirmed
  std::string snapshot;  // the list data the alert was found in
  std::string run_id;    // the re-screen run that committed it
  std::string reason;    // why, in words
};

// A webhook's place in the outbox.
struct WebhookCursor {
  std::string webhook;  // the deliverer's id for it
  std::string label;    // for people (the URL without credentials or query)
  int64_t delivered_seq = 0;
  uint64_t pending = 0;      // events after delivered_seq
  uint64_t failures = 0;     // failed attempts since the last delivery
  uint64_t refusals = 0;     // of them, answers refusing the next event (4xx, not 408/425/429)
  std::string last_error;    // "" after a delivery
  std::string delivered_at;  // time of the last delivery ("" if none yet)
};

// An event set aside for one webhook after it was refused too often (deliverer.h).
struct DeadLetter {
  std::string webhook, label;  // the webhook's id and its URL for people
  std::string time;            // when it was set aside
  std::string error;           // the last refusal
  AlertEvent event;
};

// What Prune removed and what it had to keep.
struct PruneReport {
  uint64_t pruned = 0;            // events deleted
  uint64_t kept_undelivered = 0;  // older than the date but not acknowledged by every webhook
};

class AlertEventLog {
 public:
  explicit AlertEventLog(Database& db) : db_(db) {}

  // Events committed at or after `time` (a UtcNowIso prefix: "2024-07-01" or
  // "2024-07-01T12:00:00"), in commit order, at most `limit`.
  Result<std::vector<AlertEvent>> Since(const std::string& time, size_t limit);
  // The events of one customer's alerts (raised, reopened) still in the outbox, in commit order,
  // at most `limit`: the screenings in an alert's history (Prune removes old ones).
  Result<std::vector<AlertEvent>> OfCustomer(const std::string& customer_id, size_t limit);
  // The cursor of `webhook`, created at the last event committed so far when it has none (a
  // webhook gets the events committed after it was first configured).
  Result<WebhookCursor> Subscribe(const std::string& webhook, const std::string& label);
  // Its next undelivered events, in commit order (none for an unknown webhook).
  Result<std::vector<AlertEvent>> Pending(const std::string& webhook, size_t limit);
  // The receiver acknowledged event `seq`: the cursor moves to it (never backwards).
  Status MarkDelivered(const std::string& webhook, int64_t seq);
  // A failed attempt at its next event: counted (as a refusal too when `refused`) and its reason
  // kept.
  Status RecordFailure(const std::string& webhook, const std::string& error, bool refused = false);
  // Sets event `seq` (the webhook's next one) aside in its dead letters and moves the cursor past
  // it, in one transaction.
  Status SetAside(const std::string& webhook, int64_t seq, const std::string& error);
  // Dead letters of `webhook` ("" for every webhook), oldest event first.
  Result<std::vector<DeadLetter>> DeadLetters(const std::string& webhook);
  // Event `seq` was delivered after all: it leaves `webhook`'s dead letters.
  Status RemoveDeadLetter(const std::string& webhook, int64_t seq);
  // Deletes the events committed before `time` (a UtcNowIso prefix) that every webhook has
  // acknowledged and none holds as a dead letter.
  Result<PruneReport> Prune(const std::string& time);
  Result<std::optional<WebhookCursor>> Cursor(const std::string& webhook);
  // The latest event of `kind` for the alert (customer, entity), if the outbox still holds one.
  Result<std::optional<AlertEvent>> Latest(const std::string& customer_id,
                                           const std::string& entity_id, AlertEventKind kind);

 private:
  Database& db_;
};

}  // namespace partyscreen
