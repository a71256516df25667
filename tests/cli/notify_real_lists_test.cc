// Issue 14's notification case on real lists: a register of names that become listed between
// OFAC SDN 2021-07 and 2024-07-02 (and innocent names), screened against 2021, then the delta
// re-screen to 2024 with a webhook: the in-test receiver gets exactly the delta's new alerts, each
// once and signed; a rerun posts nothing; `alerts --new-since` lists the same events.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/cmd_alerts.h"
#include "cli/cmd_customers.h"
#include "cli/cmd_rescreen.h"
#include "cmd_test_util.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/store/database.h"
#include "support/webhook_receiver.h"

namespace partyscreen::cli {
namespace {

using testing::Ran;
using testing::RunCommand;
using testing_support::WebhookReceiver;

const std::string kOfac = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/";

// Eight organisations listed in 2024 and absent in 2021, and four innocent names, as JSON lines.
std::string Register() {
  auto old_list = LoadSnapshot({ParseListSpec("ofac-csv:" + kOfac + "sdn-2021-07")});
  auto new_list = LoadSnapshot({ParseListSpec("ofac-csv:" + kOfac + "sdn-2024-07-02")});
  EXPECT_TRUE(old_list.ok() && new_list.ok());
  if (!old_list.ok() || !new_list.ok()) return "";
  std::string lines;
  int picked = 0;
  for (size_t i = 0; i < new_list->entities.size() && picked < 8; i += 37) {
    const Entity& e = new_list->entities[i];
    if (old_list->Find(e.id) || e.schema != Schema::kOrganization) continue;
    lines +=
        nlohmann::json{
            {"id", "new" + std::to_string(picked++)}, {"name", e.name}, {"schema", "Organization"}}
            .dump() +
        "\n";
  }
  EXPECT_EQ(picked, 8);
  for (const char* name : {"Jane Roe", "Acme Widgets GmbH", "Blue Harbor Bakery", "Tomas Novak"})
    lines += nlohmann::json{{"id", std::string("inn-") + name}, {"name", name}}.dump() + "\n";
  return lines;
}

TEST(NotifyRealListsTest, Sdn2021To2024DeltaPostsItsNewAlertsExactlyOnce) {
  testing::TempDir dir;
  const std::string db = dir.File("register.db");
  const std::string customers = dir.Write("customers.jsonl", Register());
  ASSERT_EQ(RunCommand(RunCustomersImport, CustomersImportArgs{db, customers}).code, 0);

  RescreenArgs full;
  full.db = db;
  full.all = true;
  full.lists = {"ofac-csv:" + kOfac + "sdn-2021-07"};
  full.threads = 2;
  const Ran base = RunCommand(RunRescreen, full);
  ASSERT_EQ(base.code, 0) << base.err;

  WebhookReceiver receiver;
  RescreenArgs delta;
  delta.db = db;
  delta.since = "ofac-csv:" + kOfac + "sdn-2021-07";
  delta.lists = {"ofac-csv:" + kOfac + "sdn-2024-07-02"};
  delta.threads = 2;
  delta.json = true;
  delta.webhook.urls = {receiver.Url()};
  delta.webhook.secret_files = {
      dir.Write("secret", std::string(testing_support::kWebhookSecret) + "\n")};
  const std::string before = UtcNowIso();
  const Ran r = RunCommand(RunRescreen, delta);
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);
  std::set<std::string> expected;
  for (const auto& a : report["new_alerts"])
    expected.insert(a["customer_id"].get<std::string>() + " " + a["entity_id"].get<std::string>());
  ASSERT_GE(expected.size(), 8u) << r.out;  // every newly listed customer at least once

  std::vector<std::string> duplicates;
  const auto acked = receiver.Acknowledged(&duplicates);
  EXPECT_TRUE(duplicates.empty());
  EXPECT_EQ(receiver.Deliveries().size(), acked.size());  // no retry was needed
  std::set<std::string> received, customers_alerted;
  for (const auto& [key, body] : acked) {
    const nlohmann::json j = nlohmann::json::parse(body);
    received.insert(j["customer_id"].get<std::string>() + " " + j["entity_id"].get<std::string>());
    customers_alerted.insert(j["customer_id"]);
    EXPECT_EQ(j["list"], "ofac");
    EXPECT_EQ(j["snapshot"], report["snapshot"]);
    EXPECT_NE(j["reason"].get<std::string>().find("delta re-screen"), std::string::npos);
  }
  EXPECT_EQ(received, expected);
  for (int i = 0; i < 8; ++i) EXPECT_TRUE(customers_alerted.count("new" + std::to_string(i)));
  for (const auto& d : receiver.Deliveries()) EXPECT_TRUE(d.signature_ok);

  // The register is on 2024 now: the same delta again raises and posts nothing.
  ASSERT_EQ(RunCommand(RunRescreen, delta).code, 0);
  EXPECT_EQ(receiver.Deliveries().size(), acked.size());

  AlertsArgs list;
  list.db = db;
  list.new_since = before;
  list.json = true;
  const Ran listed = RunCommand(RunAlerts, list);
  ASSERT_EQ(listed.code, 0) << listed.err;
  std::set<std::string> acked_ids;
  for (const auto& [key, body] : acked) acked_ids.insert(key);
  EXPECT_EQ(testing::FieldOfJsonLines(listed.out, "event_id"), acked_ids);
}

}  // namespace
}  // namespace partyscreen::cli
