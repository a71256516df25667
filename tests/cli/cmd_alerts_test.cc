// `partyscreen alerts` and the webhook flags of `rescreen` in-process (src/cli/cmd_alerts.h,
// cmd_rescreen.h): a re-screen against the tiny example list posts its new alerts to an in-test
// receiver once each, `alerts --new-since` lists them, `alerts --deliver` sends what a down
// webhook missed, and the usage errors come before any list or database is touched.
#include "cli/cmd_alerts.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/cmd_customers.h"
#include "cli/cmd_rescreen.h"
#include "cmd_test_util.h"
#include "support/webhook_receiver.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;
using testing_support::WebhookReceiver;

class AlertsCmdTest : public ::testing::Test {
 protected:
  AlertsCmdTest() : db_(dir_.File("register.db")) {
    const std::string csv = dir_.Write("customers.csv", testing::ThreeCustomersCsv());
    const Ran r = RunCommand(RunCustomersImport, CustomersImportArgs{db_, csv});
    EXPECT_EQ(r.code, 0) << r.err;
    secret_ = dir_.Write("secret", std::string(testing_support::kWebhookSecret) + "\n");
  }
  WebhookArgs Hook(const std::string& url) const {
    WebhookArgs w;
    w.urls = {url};
    w.secret_files = {secret_};
    w.policy.attempts = 2;
    w.policy.first_backoff_seconds = 0.02;
    return w;
  }
  RescreenArgs FullRun(const std::string& url) const {
    RescreenArgs a;
    a.db = db_;
    a.all = true;
    a.lists = {ExampleList()};
    a.threads = 1;
    if (!url.empty()) a.webhook = Hook(url);
    return a;
  }
  AlertsArgs Alerts() const {
    AlertsArgs a;
    a.db = db_;
    return a;
  }
  testing::TempDir dir_;
  const std::string db_;
  std::string secret_;
};

TEST_F(AlertsCmdTest, ARescreenPostsItsNewAlertsOnceAndAlertsListsThem) {
  WebhookReceiver receiver;
  const std::string before = UtcNowIso();
  const Ran r = RunCommand(RunRescreen, FullRun(receiver.Url()));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.err, "2 alert event(s) delivered")) << r.err;
  std::vector<std::string> duplicates;
  const auto acked = receiver.Acknowledged(&duplicates);
  ASSERT_EQ(acked.size(), 2u);
  EXPECT_TRUE(duplicates.empty());
  std::set<std::string> pairs;
  for (const auto& [key, body] : acked) {
    const nlohmann::json j = nlohmann::json::parse(body);
    EXPECT_EQ(j["event_id"], key);
    pairs.insert(j["customer_id"].get<std::string>() + " " + j["entity_id"].get<std::string>());
  }
  EXPECT_EQ(pairs, (std::set<std::string>{"c1 custom:VR-0001", "c2 custom:VR-0003"}));
  for (const auto& d : receiver.Deliveries()) EXPECT_TRUE(d.signature_ok);

  // The same lists again: no new alert, nothing posted.
  ASSERT_EQ(RunCommand(RunRescreen, FullRun(receiver.Url())).code, 0);
  EXPECT_EQ(receiver.Deliveries().size(), 2u);

  AlertsArgs list = Alerts();
  list.new_since = before;
  list.json = true;
  const Ran listed = RunCommand(RunAlerts, list);
  ASSERT_EQ(listed.code, 0) << listed.err;
  const std::set<std::string> ids = testing::FieldOfJsonLines(listed.out, "event_id");
  EXPECT_EQ(ids.size(), 2u);
  for (const auto& [key, body] : acked) EXPECT_TRUE(ids.count(key)) << key;

  list.json = false;
  const Ran table = RunCommand(RunAlerts, list);
  EXPECT_TRUE(Contains(table.out, "custom:VR-0003")) << table.out;
  EXPECT_TRUE(Contains(table.out, "2 event(s)")) << table.out;
  list.new_since = "2999-01-01";
  EXPECT_TRUE(Contains(RunCommand(RunAlerts, list).out, "0 event(s)"));
  list.new_since = "1h";
  EXPECT_TRUE(Contains(RunCommand(RunAlerts, list).out, "2 event(s)"));
}

TEST_F(AlertsCmdTest, EventsAWebhookMissedWhileDownAreSentByTheNextDeliverOnce) {
  WebhookReceiver receiver;
  const std::string url = receiver.Url();
  receiver.Stop();
  const Ran r = RunCommand(RunRescreen, FullRun(url));
  EXPECT_EQ(r.code, 3) << r.err;  // re-screened; the events wait in the outbox
  EXPECT_TRUE(Contains(r.err, "2 kept in the outbox of " + db_)) << r.err;
  EXPECT_TRUE(Contains(r.err, "alerts --deliver")) << r.err;

  receiver.Start();
  AlertsArgs deliver = Alerts();
  deliver.deliver = true;
  deliver.webhook = Hook(url);
  const Ran sent = RunCommand(RunAlerts, deliver);
  EXPECT_EQ(sent.code, 0) << sent.err;
  EXPECT_TRUE(Contains(sent.err, "2 alert event(s) delivered")) << sent.err;
  EXPECT_EQ(RunCommand(RunAlerts, deliver).code, 0);
  std::vector<std::string> duplicates;
  EXPECT_EQ(receiver.Acknowledged(&duplicates).size(), 2u);
  EXPECT_TRUE(duplicates.empty());
}

TEST_F(AlertsCmdTest, UsageErrorsComeFirst) {
  EXPECT_EQ(RunCommand(RunAlerts, Alerts()).code, 2);
  AlertsArgs bad_time = Alerts();
  bad_time.new_since = "yesterday";
  const Ran t = RunCommand(RunAlerts, bad_time);
  EXPECT_EQ(t.code, 2);
  EXPECT_TRUE(Contains(t.err, "--new-since")) << t.err;
  AlertsArgs no_hook = Alerts();
  no_hook.deliver = true;
  EXPECT_EQ(RunCommand(RunAlerts, no_hook).code, 2);

  RescreenArgs short_secret = FullRun("http://127.0.0.1:9/hook");
  short_secret.lists = {MissingList()};
  short_secret.webhook.secret_files = {dir_.Write("short", "abc\n")};
  const Ran s = RunCommand(RunRescreen, short_secret);
  EXPECT_EQ(s.code, 2);
  EXPECT_TRUE(Contains(s.err, "at least 16")) << s.err;
  RescreenArgs bad_url = FullRun("ftp://example.com/x");
  bad_url.lists = {MissingList()};
  EXPECT_EQ(RunCommand(RunRescreen, bad_url).code, 2);
  // Two webhooks with three secret files do not pair; the same webhook twice is a slip.
  RescreenArgs unpaired = FullRun("http://127.0.0.1:9/a");
  unpaired.lists = {MissingList()};
  unpaired.webhook.urls.push_back("http://127.0.0.1:9/b");
  unpaired.webhook.secret_files = {secret_, secret_, secret_};
  const Ran u = RunCommand(RunRescreen, unpaired);
  EXPECT_EQ(u.code, 2);
  EXPECT_TRUE(Contains(u.err, "one per --webhook")) << u.err;
  RescreenArgs twice = FullRun("http://127.0.0.1:9/a");
  twice.lists = {MissingList()};
  twice.webhook.urls.push_back("http://127.0.0.1:9/a");
  const Ran w = RunCommand(RunRescreen, twice);
  EXPECT_EQ(w.code, 2);
  EXPECT_TRUE(Contains(w.err, "given twice")) << w.err;
  AlertsArgs bad_prune = Alerts();
  bad_prune.prune_before = "last week";
  const Ran p = RunCommand(RunAlerts, bad_prune);
  EXPECT_EQ(p.code, 2);
  EXPECT_TRUE(Contains(p.err, "--prune-before")) << p.err;
}

TEST_F(AlertsCmdTest, TwoWebhooksDeadLettersAndPruning) {
  WebhookReceiver first, second;
  second.Refuse("\"c2\"");  // the second receiver refuses c2's alert for good
  RescreenArgs run = FullRun(first.Url());
  run.webhook.urls.push_back(second.Url());  // one secret file serves both
  run.webhook.policy.dead_letter_after = 1;
  const Ran r = RunCommand(RunRescreen, run);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.err, "1 refused too often and set aside")) << r.err;
  EXPECT_EQ(first.Acknowledged().size(), 2u);
  EXPECT_EQ(second.Acknowledged().size(), 1u);  // c1's; c2's set aside

  AlertsArgs letters = Alerts();
  letters.dead_letters = true;
  const Ran listed = RunCommand(RunAlerts, letters);
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_TRUE(Contains(listed.out, "c2")) << listed.out;
  EXPECT_TRUE(Contains(listed.out, "HTTP 422")) << listed.out;
  EXPECT_TRUE(Contains(listed.out, "1 dead letter(s)")) << listed.out;
  letters.webhook = Hook(first.Url());  // the first webhook has none
  EXPECT_TRUE(Contains(RunCommand(RunAlerts, letters).out, "0 dead letter(s)"));

  // Pruning keeps the dead letter's event; the other goes.
  AlertsArgs prune = Alerts();
  prune.prune_before = "2999-01-01";
  const Ran pruned = RunCommand(RunAlerts, prune);
  ASSERT_EQ(pruned.code, 0) << pruned.err;
  EXPECT_TRUE(Contains(pruned.err, "1 alert event(s) before 2999-01-01 pruned; 1 kept"))
      << pruned.err;

  // The receiver fixed: the dead letter is delivered and leaves the list.
  second.Refuse("");
  AlertsArgs redeliver = Alerts();
  redeliver.redeliver_dead_letters = true;
  redeliver.webhook = Hook(second.Url());
  const Ran sent = RunCommand(RunAlerts, redeliver);
  EXPECT_EQ(sent.code, 0) << sent.err;
  EXPECT_TRUE(Contains(sent.err, "1 dead letter(s) delivered")) << sent.err;
  EXPECT_EQ(second.Acknowledged().size(), 2u);
  letters.webhook = {};
  letters.json = true;
  EXPECT_TRUE(RunCommand(RunAlerts, letters).out.empty());
}

}  // namespace
}  // namespace partyscreen::cli
