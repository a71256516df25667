// Delivering the alert outbox to a webhook (notify/deliverer.h) against an in-test receiver:
// signed JSON bodies, one per event, each acknowledged once; a receiver that answers 500 and then
// 200; a receiver that is down, then back after the deliverer "restarted" (the database reopened):
// every event arrives exactly once, none lost; a receiver that refuses one event for good (422):
// set aside in the dead letters after RetryPolicy::dead_letter_after refusals, the later events
// flow, a redelivery takes it out; two webhooks each get every event; pruning keeps what is not
// acknowledged by every webhook.
#include "notify/deliverer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "fmt/format.h"
#include "partyscreen/store/alert_events.h"
#include "store/alert_outbox.h"
#include "store/sql.h"
#include "support/webhook_receiver.h"

namespace partyscreen {
namespace {

using testing_support::kWebhookSecret;
using testing_support::WebhookReceiver;

class DelivererTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "partyscreen-notify-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    db_path_ = dir_ + "/store.db";
    std::ofstream(dir_ + "/secret") << kWebhookSecret << "\n";
    Reopen();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    db_.reset();
    auto db = Database::Open(db_path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  Webhook Hook(const std::string& url) {
    auto hook = LoadWebhook(url, dir_ + "/secret");
    EXPECT_TRUE(hook.ok()) << hook.status().ToString();
    return hook.ok() ? *hook : Webhook{};
  }
  // Commits `n` new-alert events (as a re-screen's commit would, in one transaction).
  void AddEvents(int n) {
    std::vector<AlertEvent> events;
    for (int i = 0; i < n; ++i) {
      AlertEvent e;
      e.time = UtcNowIso();
      e.customer_id = fmt::format("C{:03}", next_++);
      e.customer_name = "Customer " + e.customer_id;
      e.entity_id = "ofac:" + std::to_string(1000 + i);
      e.list = "ofac";
      e.score = 0.9;
      e.state = "open";
      e.snapshot = "abc";
      e.run_id = "test-run";
      e.reason = "test";
      events.push_back(e);
    }
    store::SqlConnection& conn = store::ConnectionOf(*db_);
    store::WriteTransaction txn(conn);
    ASSERT_TRUE(txn.status().ok());
    ASSERT_TRUE(store::AppendAlertEventsInTransaction(conn, events).ok());
    ASSERT_TRUE(txn.Commit().ok());
  }
  static RetryPolicy Fast(int attempts) {
    RetryPolicy p;
    p.attempts = attempts;
    p.first_backoff_seconds = 0.02;
    p.timeout_seconds = 5;
    return p;
  }

  std::string dir_, db_path_;
  std::unique_ptr<Database> db_;
  int next_ = 0;
};

TEST_F(DelivererTest, PostsEachEventOnceSignedWithItsIdAsIdempotencyKey) {
  WebhookReceiver receiver;
  const Webhook hook = Hook(receiver.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, hook).ok());
  AddEvents(3);
  auto r = DeliverPending(*db_, hook, Fast(3));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->delivered, 3u);
  EXPECT_EQ(r->pending, 0u);
  const auto deliveries = receiver.Deliveries();
  ASSERT_EQ(deliveries.size(), 3u);
  for (const auto& d : deliveries) {
    EXPECT_TRUE(d.signature_ok) << d.body;
    const nlohmann::json body = nlohmann::json::parse(d.body);
    EXPECT_EQ(body["event_id"], d.idempotency_key);
    EXPECT_EQ(body["type"], "alert.new");
    EXPECT_EQ(d.event_type, "alert.new");
    EXPECT_EQ(body["list"], "ofac");
    EXPECT_EQ(body["snapshot"], "abc");
    EXPECT_TRUE(body.contains("customer_id") && body.contains("entity_id") &&
                body.contains("score") && body.contains("reason") && body.contains("time"));
  }
  // Nothing is sent twice.
  auto again = DeliverPending(*db_, hook, Fast(3));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->delivered, 0u);
  EXPECT_EQ(receiver.Deliveries().size(), 3u);
}

TEST_F(DelivererTest, AWebhookGetsTheEventsCommittedAfterItWasFirstConfigured) {
  WebhookReceiver receiver;
  AddEvents(2);  // before the webhook existed
  const Webhook hook = Hook(receiver.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, hook).ok());
  AddEvents(1);
  auto r = DeliverPending(*db_, hook, Fast(1));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->delivered, 1u);
  ASSERT_EQ(receiver.Deliveries().size(), 1u);
  EXPECT_NE(receiver.Deliveries()[0].body.find("C002"), std::string::npos);
}

TEST_F(DelivererTest, A500IsRetriedWithBackoffUntilA200) {
  WebhookReceiver receiver;
  const Webhook hook = Hook(receiver.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, hook).ok());
  AddEvents(2);
  receiver.FailNext(2);
  auto r = DeliverPending(*db_, hook, Fast(4));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->delivered, 2u);
  EXPECT_EQ(r->pending, 0u);
  const auto deliveries = receiver.Deliveries();
  ASSERT_EQ(deliveries.size(), 4u);  // 500, 500, 200 for the first event; 200 for the second
  EXPECT_EQ(deliveries[0].answered, 500);
  EXPECT_EQ(deliveries[0].idempotency_key, deliveries[2].idempotency_key);
  EXPECT_EQ(deliveries[0].body, deliveries[2].body);
  std::vector<std::string> duplicates;
  EXPECT_EQ(receiver.Acknowledged(&duplicates).size(), 2u);
  EXPECT_TRUE(duplicates.empty());
}

TEST_F(DelivererTest, AReceiverThatStaysFailingKeepsTheEventsPendingWithTheReason) {
  WebhookReceiver receiver;
  const Webhook hook = Hook(receiver.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, hook).ok());
  AddEvents(2);
  receiver.FailNext(100);
  auto r = DeliverPending(*db_, hook, Fast(3));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->delivered, 0u);
  EXPECT_EQ(r->pending, 2u);
  EXPECT_NE(r->error.find("HTTP 500"), std::string::npos) << r->error;
  EXPECT_EQ(receiver.Deliveries().size(), 3u);  // the first event, 3 attempts; order is kept
  auto cursor = AlertEventLog(*db_).Cursor(WebhookId(hook.url));
  ASSERT_TRUE(cursor.ok() && *cursor);
  EXPECT_EQ((*cursor)->failures, 3u);
  EXPECT_NE((*cursor)->last_error.find("HTTP 500"), std::string::npos);
}

TEST_F(DelivererTest, ADownReceiverGetsEveryEventExactlyOnceAfterItAndTheDelivererRestart) {
  WebhookReceiver receiver;
  const Webhook hook = Hook(receiver.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, hook).ok());
  AddEvents(2);
  ASSERT_TRUE(DeliverPending(*db_, hook, Fast(1)).ok());  // delivered while it is up
  EXPECT_EQ(receiver.Deliveries().size(), 2u);
  receiver.Stop();
  AddEvents(3);
  auto down = DeliverPending(*db_, hook, Fast(2));
  ASSERT_TRUE(down.ok());
  EXPECT_EQ(down->delivered, 0u);
  EXPECT_EQ(down->pending, 3u);
  EXPECT_FALSE(down->error.empty());
  Reopen();  // the deliverer's process restarted: only the database remains
  receiver.Start();
  auto up = DeliverPending(*db_, hook, Fast(2));
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  EXPECT_EQ(up->delivered, 3u);
  EXPECT_EQ(up->pending, 0u);
  std::vector<std::string> duplicates;
  const auto acked = receiver.Acknowledged(&duplicates);
  EXPECT_EQ(acked.size(), 5u);
  EXPECT_TRUE(duplicates.empty());
  for (const auto& d : receiver.Deliveries()) EXPECT_TRUE(d.signature_ok);
}

TEST_F(DelivererTest, AnEventRefusedForGoodIsSetAsideAndTheLaterOnesFlow) {
  WebhookReceiver receiver;
  const Webhook hook = Hook(receiver.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, hook).ok());
  AddEvents(3);                 // C000, C001, C002
  receiver.Refuse("\"C001\"");  // the receiver cannot take this one
  RetryPolicy policy = Fast(4);
  policy.dead_letter_after = 2;
  // Round 1: C000 delivered; C001 refused once (not retried within the round): it holds back C002.
  auto first = DeliverPending(*db_, hook, policy);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->delivered, 1u);
  EXPECT_EQ(first->set_aside, 0u);
  EXPECT_EQ(first->pending, 2u);
  EXPECT_NE(first->error.find("HTTP 422"), std::string::npos) << first->error;
  EXPECT_EQ(receiver.Deliveries().size(), 2u);
  // Round 2: the second refusal sets C001 aside; C002 goes through.
  auto second = DeliverPending(*db_, hook, policy);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->set_aside, 1u);
  EXPECT_EQ(second->delivered, 1u);
  EXPECT_EQ(second->pending, 0u);
  AlertEventLog log(*db_);
  auto letters = log.DeadLetters(WebhookId(hook.url));
  ASSERT_TRUE(letters.ok());
  ASSERT_EQ(letters->size(), 1u);
  EXPECT_EQ((*letters)[0].event.customer_id, "C001");
  EXPECT_NE((*letters)[0].error.find("HTTP 422"), std::string::npos);
  EXPECT_EQ((*letters)[0].label, WebhookLabel(hook.url));
  auto cursor = log.Cursor(WebhookId(hook.url));
  ASSERT_TRUE(cursor.ok() && *cursor);
  EXPECT_EQ((*cursor)->refusals, 0u);
  EXPECT_EQ((*cursor)->pending, 0u);
  // Still refused: it stays a dead letter; once the receiver takes it, it leaves them.
  auto refused = RedeliverDeadLetters(*db_, hook, policy);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->delivered, 0u);
  EXPECT_EQ(refused->pending, 1u);
  receiver.Refuse("");
  auto redelivered = RedeliverDeadLetters(*db_, hook, policy);
  ASSERT_TRUE(redelivered.ok());
  EXPECT_EQ(redelivered->delivered, 1u);
  EXPECT_TRUE(log.DeadLetters("")->empty());
  std::vector<std::string> duplicates;
  EXPECT_EQ(receiver.Acknowledged(&duplicates).size(), 3u);
  EXPECT_TRUE(duplicates.empty());
}

TEST_F(DelivererTest, ServerErrorsNeverSetAnEventAside) {
  WebhookReceiver receiver;
  const Webhook hook = Hook(receiver.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, hook).ok());
  AddEvents(1);
  receiver.FailNext(100);  // 500: the receiver is in trouble, the event is fine
  RetryPolicy policy = Fast(2);
  policy.dead_letter_after = 1;
  for (int round = 0; round < 3; ++round) {
    auto r = DeliverPending(*db_, hook, policy);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->set_aside, 0u);
    EXPECT_EQ(r->pending, 1u);
  }
  EXPECT_TRUE(AlertEventLog(*db_).DeadLetters("")->empty());
  EXPECT_TRUE(IsRefusal(400) && IsRefusal(404) && IsRefusal(422));
  EXPECT_FALSE(IsRefusal(408) || IsRefusal(425) || IsRefusal(429) || IsRefusal(500) ||
               IsRefusal(503));
}

TEST_F(DelivererTest, TwoWebhooksEachGetEveryEventAndPruningKeepsWhatOneStillWaitsFor) {
  WebhookReceiver up, down;
  const Webhook a = Hook(up.Url()), b = Hook(down.Url());
  ASSERT_TRUE(SubscribeWebhook(*db_, a).ok());
  ASSERT_TRUE(SubscribeWebhook(*db_, b).ok());
  AddEvents(3);
  down.Stop();
  ASSERT_EQ(DeliverPending(*db_, a, Fast(1))->delivered, 3u);
  ASSERT_EQ(DeliverPending(*db_, b, Fast(1))->pending, 3u);
  AlertEventLog log(*db_);
  // Every event is older than tomorrow, but b has acknowledged none: nothing may go.
  auto kept = log.Prune("9999-01-01");
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->pruned, 0u);
  EXPECT_EQ(kept->kept_undelivered, 3u);
  down.Start();
  ASSERT_EQ(DeliverPending(*db_, b, Fast(1))->delivered, 3u);
  EXPECT_EQ(up.Acknowledged().size(), 3u);
  EXPECT_EQ(down.Acknowledged().size(), 3u);
  EXPECT_EQ(up.Acknowledged(), down.Acknowledged());  // the same ids and bodies
  // A date before the events prunes nothing; a later one prunes all three.
  EXPECT_EQ(log.Prune("2000-01-01")->pruned, 0u);
  auto pruned = log.Prune("9999-01-01");
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ(pruned->pruned, 3u);
  EXPECT_TRUE(log.Since("2000-01-01", 100)->empty());
  // The counter goes on: a new event is delivered to both, after the pruned ones.
  AddEvents(1);
  EXPECT_EQ(DeliverPending(*db_, a, Fast(1))->delivered, 1u);
  EXPECT_EQ(DeliverPending(*db_, b, Fast(1))->delivered, 1u);
}

TEST(WebhookTest, SecretsAndUrlsAreChecked) {
  EXPECT_FALSE(LoadWebhook("ftp://x/hook", "/dev/null").ok());
  EXPECT_FALSE(LoadWebhook("http://x/hook", "").ok());
  EXPECT_FALSE(LoadWebhook("http://x/hook", "/nonexistent/secret").ok());
  auto short_secret = LoadWebhook("http://x/hook", "/dev/null");
  ASSERT_FALSE(short_secret.ok());
  EXPECT_NE(short_secret.status().message().find("at least 16"), std::string::npos);
  EXPECT_EQ(WebhookLabel("https://user:pw@hooks.example.com:8443/a/b?token=x#f"),
            "https://hooks.example.com:8443/a/b");
  EXPECT_EQ(WebhookId("https://a/b").rfind("url-sha256:", 0), 0u);
  EXPECT_EQ(WebhookSignature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace partyscreen
