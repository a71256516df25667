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

// One event, with its retries: "" once acknowledged, else the last failure.
std::string Deliver(const Webhook& hook, const AlertEvent& event, const RetryPolicy& policy,
                    AlertEventLog& log, const std::string& id) {
  const std::string body = EventPayload(event).dump();
  const std::vector<std::string> headers{
      "Content-Type: application/json",
      "X-Partyscreen-Signature: " + WebhookSignature(hook.secret, body),
      "Idempotency-Key: " + event.id, "X-Partyscreen-Event: " + EventType(event)};
  HttpPostOptions post;
  post.timeout_seconds = policy.timeout_seconds;
  post.user_agent = std::string("partyscreen/") + PARTYSCREEN_VERSION;
  post.cancelled = policy.cancelled;
  std::string error;
  for (int attempt = 0; attempt < std::max(1, policy.attempts); ++attempt) {
    if (attempt > 0) {
      const double wait = std::min(policy.max_backoff_seconds,
                                   policy.first_backoff_seconds * std::pow(2.0, attempt - 1));
      if (!Backoff(policy, wait)) return error + " (stopped)";
    }
    Result<HttpResponse> r = HttpPost(hook.url, body, headers, post);
    if (r.ok() && r->status >= 200 && r->status < 300) return "";
    error = r.ok() ? fmt::format("{} answered HTTP {}{}{}", WebhookLabel(hook.url), r->status,
                                 r->body.empty() ? "" : ": ", r->body.substr(0, 200))
                   : r.status().message();
    // The failure is kept for `alerts --pending`-style inspection; a database error here does not
    // change the outcome of the attempt.
    (void)log.RecordFailure(id, error);
  }
  return error;
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
      std::string error = Deliver(hook, e, policy, log, id);
      if (!error.empty()) {
        report.error = fmt::format("event {} (customer {}, {}) not delivered: {}", e.id,
                                   e.customer_id, e.entity_id, error);
        auto cursor = log.Cursor(id);
        if (!cursor.ok()) return cursor.status();
        report.pending = *cursor ? (*cursor)->pending : 0;
        return report;
      }
      if (Status s = log.MarkDelivered(id, e.seq); !s.ok()) return s;
      ++report.delivered;
    }
  }
  return report;
}

}  // namespace partyscreen
