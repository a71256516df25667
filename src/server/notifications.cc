#include "server/notifications.h"

#include <chrono>
#include <iostream>

#include "partyscreen/store/database.h"

namespace partyscreen::server {

Status Notifications::Start() {
  if (options_.webhook.url.empty()) return Status::Ok();
  auto db = Database::Open(options_.audit_db);
  if (!db.ok()) return db.status();
  if (Status s = SubscribeWebhook(**db, options_.webhook); !s.ok()) return s;
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

void Notifications::Poke() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    poked_ = true;
  }
  wake_.notify_all();
}

void Notifications::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool Notifications::Stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stopping_;
}

bool Notifications::Round(std::unique_ptr<Database>& db, const RetryPolicy& policy) {
  const std::string label = WebhookLabel(options_.webhook.url);
  if (!db) {
    auto opened = Database::Open(options_.audit_db);
    if (!opened.ok()) {
      std::cerr << "partyscreen: webhook " << label << ": " << opened.status().message()
                << "; retried in " << options_.webhook_retry_seconds << " s\n";
      return true;
    }
    db = std::move(opened).value();
  }
  Result<DeliveryReport> r = DeliverPending(*db, options_.webhook, policy);
  if (!r.ok()) {
    std::cerr << "partyscreen: webhook " << label << ": " << r.status().message() << "; retried in "
              << options_.webhook_retry_seconds << " s\n";
    db.reset();  // reopened by the next round
    return true;
  }
  if (r->delivered > 0)
    std::cerr << "partyscreen: webhook " << label << ": " << r->delivered
              << " alert event(s) delivered\n";
  if (r->pending > 0)
    std::cerr << "partyscreen: webhook " << label << ": " << r->error << "; " << r->pending
              << " event(s) kept in the outbox, retried in " << options_.webhook_retry_seconds
              << " s\n";
  return r->pending > 0;
}

void Notifications::Loop() {
  RetryPolicy policy = options_.webhook_policy;
  policy.cancelled = [this] { return Stopping(); };
  const auto retry = std::chrono::duration<double>(options_.webhook_retry_seconds);
  std::unique_ptr<Database> db;  // this thread's own connection
  bool round_due = true;         // at start: events left undelivered before the restart
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (!round_due) wake_.wait(lock, [this] { return stopping_ || poked_; });
      if (stopping_) return;
      poked_ = false;
    }
    round_due = false;
    if (Round(db, policy)) {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, retry, [this] { return stopping_ || poked_; });
      round_due = true;
    }
  }
}

}  // namespace partyscreen::server
