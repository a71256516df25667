// The alert outbox: every alert a re-screen raises (new) or reopens becomes an AlertEvent, written
// in the same transaction as the alert itself and numbered in commit order (seq), so no alert is
// ever committed without its event. Deliverers (notify/deliverer.h) read it per webhook through a
// cursor (the last seq the webhook acknowledged), advanced only after a 2xx; `partyscreen alerts
// --new-since` lists it. Events are history: never deleted.
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
  std::string last_error;    // "" after a delivery
  std::string delivered_at;  // time of the last delivery ("" if none yet)
};

class AlertEventLog {
 public:
  explicit AlertEventLog(Database& db) : db_(db) {}

  // Events committed at or after `time` (a UtcNowIso prefix: "2024-07-01" or
  // "2024-07-01T12:00:00"), in commit order, at most `limit`.
  Result<std::vector<AlertEvent>> Since(const std::string& time, size_t limit);
  // The cursor of `webhook`, created at the last event committed so far when it has none (a
  // webhook gets the events committed after it was first configured).
  Result<WebhookCursor> Subscribe(const std::string& webhook, const std::string& label);
  // Its next undelivered events, in commit order (none for an unknown webhook).
  Result<std::vector<AlertEvent>> Pending(const std::string& webhook, size_t limit);
  // The receiver acknowledged event `seq`: the cursor moves to it (never backwards).
  Status MarkDelivered(const std::string& webhook, int64_t seq);
  // A failed attempt at its next event: counted and its reason kept.
  Status RecordFailure(const std::string& webhook, const std::string& error);
  Result<std::optional<WebhookCursor>> Cursor(const std::string& webhook);

 private:
  Database& db_;
};

}  // namespace partyscreen
