#include "notify/deliverer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "fmt/format.h"
#include "notify/event_payload.h"
#include "notify/http_post.h"
#include "partyscreen/store/alert_events.h"

namespace partyscreen {

namespace {

constexpr size_t kEventsPerRead = 100;

// Waits `seconds`, or less when the policy is cancelled meanwhile; false when cancelled.
bool Backoff(const RetryPolicy& policy, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (policy.cancelled && policy.cancelled()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return !(policy.cancelled && policy.cancelled());
}

// How one event's attempts in a round ended.
struct Attempts {
  bool delivered = false;
  bool refused = false;  // the last answer refused it (IsRefusal): not retried
  std::string error;     // the last failure
};

// One event, with its retries. Failures are recorded in the cursor unless `record` is false
// (dead letters: the cursor is about the next pending event, not them).
Attempts Deliver(const Webhook& hook, const AlertEvent& event, const RetryPolicy& policy,
                 AlertEventLog& log, const std::string& id, bool record = true) {
  const std::string body = EventPayload(event).dump();
  const std::vector<std::string> headers{
      "Content-Type: application/json",
      "X-Partyscreen-Signature: " + WebhookSignature(hook.secret, body),
      "Idempotency-Key: " + event.id, "X-Partyscreen-Event: " + EventType(event)};
  HttpPostOptions post;
  post.timeout_seconds = policy.timeout_seconds;
  post.user_agent = std::string("partyscreen/") + PARTYSCREEN_VERSION;
  post.cancelled = policy.cancelled;
  Attempts out;
  for (int attempt = 0; attempt < std::max(1, policy.attempts); ++attempt) {
    if (attempt > 0) {
      const double wait = std::min(policy.max_backoff_seconds,
                                   policy.first_backoff_seconds * std::pow(2.0, attempt - 1));
      if (!Backoff(policy, wait)) {
        out.error += " (stopped)";
        return out;
      }
    }
    Result<HttpResponse> r = HttpPost(hook.url, body, headers, post);
    if (r.ok() && r->status >= 200 && r->status < 300) {
      out.delivered = true;
      return out;
    }
    out.refused = r.ok() && IsRefusal(r->status);
    out.error = r.ok() ? fmt::format("{} answered HTTP {}{}{}", WebhookLabel(hook.url), r->status,
                                     r->body.empty() ? "" : ": ", r->body.substr(0, 200))
                       : r.status().message();
    // The failure is kept for inspection (`alerts --deliver` reports it); a database error here
    // does not change the outcome of the attempt.
    if (record) (void)log.RecordFailure(id, out.error, out.refused);
    if (out.refused) break;  // the same body would be refused again
  }
  return out;
}

}  // namespace

Status SubscribeWebhook(Database& db, const Webhook& hook) {
  auto cursor = AlertEventLog(db).Subscribe(WebhookId(hook.url), WebhookLabel(hook.url));
  return cursor.ok() ? Status::Ok() : cursor.status();
}

Result<DeliveryReport> DeliverPending(Database& db, const Webhook& hook,
                                      const RetryPolicy& policy) {
  AlertEventLog log(db);
  const std::string id = WebhookId(hook.url);
  if (Status s = SubscribeWebhook(db, hook); !s.ok()) return s;
  DeliveryReport report;
  for (;;) {
    auto events = log.Pending(id, kEventsPerRead);
    if (!events.ok()) return events.status();
    if (events->empty()) break;
    for (const AlertEvent& e : *events) {
      const Attempts a = Deliver(hook, e, policy, log, id);
      if (a.delivered) {
        if (Status s = log.MarkDelivered(id, e.seq); !s.ok()) return s;
        ++report.delivered;
        continue;
      }
      auto cursor = log.Cursor(id);
      if (!cursor.ok()) return cursor.status();
      if (a.refused && policy.dead_letter_after > 0 && *cursor &&
          (*cursor)->refusals >= static_cast<uint64_t>(policy.dead_letter_after)) {
        if (Status s = log.SetAside(id, e.seq, a.error); !s.ok()) return s;
        ++report.set_aside;
        continue;
      }
      report.error = fmt::format("event {} (customer {}, {}) not delivered: {}", e.id,
                                 e.customer_id, e.entity_id, a.error);
      report.pending = *cursor ? (*cursor)->pending : 0;
      return report;
    }
  }
  return report;
}

Result<DeliveryReport> RedeliverDeadLetters(Database& db, const Webhook& hook,
                                            const RetryPolicy& policy) {
  AlertEventLog log(db);
  const std::string id = WebhookId(hook.url);
  auto letters = log.DeadLetters(id);
  if (!letters.ok()) return letters.status();
  DeliveryReport report;
  for (const DeadLetter& d : *letters) {
    const Attempts a = Deliver(hook, d.event, policy, log, id, /*record=*/false);
    if (!a.delivered) {
      ++report.pending;
      report.error = fmt::format("event {} (customer {}, {}) not delivered: {}", d.event.id,
                                 d.event.customer_id, d.event.entity_id, a.error);
      continue;
    }
    if (Status s = log.RemoveDeadLetter(id, d.event.seq); !s.ok()) return s;
    ++report.delivered;
  }
  return report;
}

bool IsRefusal(int http_status) {
  return http_status >= 400 && http_status < 500 && http_status != 408 && http_status != 425 &&
         http_status != 429;
}

}  // namespace partyscreen
