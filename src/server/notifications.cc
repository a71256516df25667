#include "server/notifications.h"

#include <chrono>
#include <iostream>

#include "partyscreen/store/database.h"

namespace partyscreen::server {

Status Notifications::Start() {
  if (options_.webhooks.empty()) return Status::Ok();
  auto db = Database::Open(options_.audit_db);
  if (!db.ok()) return db.status();
  for (const Webhook& hook : options_.webhooks)
    if (Status s = SubscribeWebhook(**db, hook); !s.ok()) return s;
  for (const Webhook& hook : options_.webhooks)
    threads_.emplace_back([this, &hook] {
      uint64_t seen_pokes = 0;
      Loop(hook, seen_pokes);
    });
  return Status::Ok();
}

void Notifications::Poke() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++pokes_;
  }
  wake_.notify_all();
}

void Notifications::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  std::lock_guard<std::mutex> join_lock(join_mu_);
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

bool Notifications::Stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stopping_;
}

bool Notifications::Round(const Webhook& hook, std::unique_ptr<Database>& db,
                          const RetryPolicy& policy) {
  const std::string label = WebhookLabel(hook.url);
  if (!db) {
    auto opened = Database::Open(options_.audit_db);
    if (!opened.ok()) {
      std::cerr << "partyscreen: webhook " << label << ": " << opened.status().message()
                << "; retried in " << options_.webhook_retry_seconds << " s\n";
      return true;
    }
    db = std::move(opened).value();
  }
  Result<DeliveryReport> r = DeliverPending(*db, hook, policy);
  if (!r.ok()) {
    std::cerr << "partyscreen: webhook " << label << ": " << r.status().message() << "; retried in "
              << options_.webhook_retry_seconds << " s\n";
    db.reset();  // reopened by the next round
    return true;
  }
  if (r->delivered > 0)
    std::cerr << "partyscreen: webhook " << label << ": " << r->delivered
              << " alert event(s) delivered\n";
  if (r->set_aside > 0)
    std::cerr << "partyscreen: webhook " << label << ": " << r->set_aside
              << " alert event(s) refused too often, set aside in its dead letters\n";
  if (r->pending > 0)
    std::cerr << "partyscreen: webhook " << label << ": " << r->error << "; " << r->pending
              << " event(s) kept in the outbox, retried in " << options_.webhook_retry_seconds
              << " s\n";
  return r->pending > 0;
}

void Notifications::Loop(const Webhook& hook, uint64_t& seen_pokes) {
  RetryPolicy policy = options_.webhook_policy;
  policy.cancelled = [this] { return Stopping(); };
  const auto retry = std::chrono::duration<double>(options_.webhook_retry_seconds);
  std::unique_ptr<Database> db;  // this thread's own connection
  bool round_due = true;         // at start: events left undelivered before the restart
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (!round_due) wake_.wait(lock, [&] { return stopping_ || pokes_ != seen_pokes; });
      if (stopping_) return;
      seen_pokes = pokes_;
    }
    round_due = false;
    if (Round(hook, db, policy)) {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, retry, [&] { return stopping_ || pokes_ != seen_pokes; });
      round_due = true;
    }
  }
}

}  // namespace partyscreen::server
