// Delivering the alert outbox (include/partyscreen/store/alert_events.h) to one webhook.
//
// Events go one POST each, in commit order: JSON body (event_payload.h), headers
// `X-Partyscreen-Signature: sha256=<HMAC>` (webhook.h), `Idempotency-Key: <event id>` and
// `X-Partyscreen-Event: alert.new|alert.reopened`. An event counts as delivered only after a 2xx;
// the webhook's cursor in the database then moves past it. Anything else (no answer, a timeout, a
// non-2xx status) is retried after a backoff that doubles each time (RetryPolicy); after
// RetryPolicy::attempts the round stops at that event, which stays pending with the failure
// recorded in the cursor, and so do all after it (order is kept). The next round (the next run,
// `partyscreen alerts --deliver`, or the server's retry timer) starts again from it: nothing is
// lost across restarts. A refusal (a 4xx answer other than 408, 425 and 429) is not retried within
// the round: after RetryPolicy::dead_letter_after refusals of the same event, in this round and
// earlier ones, the event is set aside in the webhook's dead letters (alert_events.h) and the
// later events flow; `RedeliverDeadLetters` tries them again. A receiver that acknowledged an event
// whose cursor update then failed (a crash in between) gets it again with the same Idempotency-Key:
// it must ignore a key it has seen.
//
// Thread safety: one round per Database at a time (database.h); a round blocks its thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "notify/webhook.h"
#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

struct RetryPolicy {
  int attempts = 5;                  // per event and round (backoff 1, 2, 4, 8 s by default)
  double first_backoff_seconds = 1;  // before the second attempt; doubles each time
  double max_backoff_seconds = 60;   // cap of one wait
  long timeout_seconds = 10;         // per POST
  int dead_letter_after = 3;         // refusals of one event that set it aside; 0 = never
  std::function<bool()> cancelled;   // polled during POSTs and waits; true ends the round
};

struct DeliveryReport {
  uint64_t delivered = 0;  // events acknowledged in this round
  uint64_t pending = 0;    // events still undelivered after it
  uint64_t set_aside = 0;  // events moved to the dead letters in this round
  std::string error;       // why the round stopped early ("" when nothing is pending)
};

// The webhook's cursor is created if it has none (a webhook receives the events committed after
// it was first configured): call this before a run whose events it must receive.
Status SubscribeWebhook(Database& db, const Webhook& hook);

// One round: delivers the webhook's pending events as described above (subscribing it first).
// Errors are the database's; a webhook that is down is a report with `pending` and `error`.
Result<DeliveryReport> DeliverPending(Database& db, const Webhook& hook,
                                      const RetryPolicy& policy = {});

// Sends the webhook's dead letters again, oldest first, with the policy's retries but never
// setting anything aside: each one acknowledged leaves the dead letters (`delivered`), the others
// stay (`pending`, `error` the last failure).
Result<DeliveryReport> RedeliverDeadLetters(Database& db, const Webhook& hook,
                                            const RetryPolicy& policy = {});

// True for an HTTP status that refuses the event itself rather than saying "not now": a 4xx
// other than 408 (timeout), 425 (too early) and 429 (too many requests).
bool IsRefusal(int http_status);

}  // namespace partyscreen
