// Delta re-screening on the real OFAC SDN change from July 2021 to July 2024: the alerts after a
// delta pass equal those of a full re-screen of every customer against the 2024 list. The register
// mixes real list names (some delisted since 2021, some added by 2024, some unchanged) with the
// innocent names of the evaluation set.
#include <fstream>
#include <nlohmann/json.hpp>

#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::AllAlerts;
using testing::OnlyIn;
using testing::OpenOrDie;
using testing::TempDir;

const std::string kShared = PARTYSCREEN_SHARED_DIR;

std::shared_ptr<const Snapshot> Load(const std::string& dir) {
  auto snap = LoadSnapshot({ParseListSpec("ofac-csv:" + kShared + "/lists/ofac/" + dir)});
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  if (!snap.ok()) return nullptr;
  return std::make_shared<const Snapshot>(std::move(snap).value());
}

std::vector<Customer> RealAndInnocentRegister(const Snapshot& old_list, const Snapshot& new_list) {
  std::vector<Customer> out;
  auto add = [&](const std::string& prefix, size_t i, const Entity& e) {
    // Some customers give a country or a birth year, so that entries whose addresses or dates
    // changed between the two files are searched through those attributes too.
    out.push_back({fmt::format("{}{:06}", prefix, i), e.name, e.schema, i % 3 ? "" : "IR",
                   i % 5 ? "" : "1970", {}});
  };
  for (size_t i = 0; i < old_list.entities.size(); i += 9) add("old", i, old_list.entities[i]);
  for (size_t i = 0; i < new_list.entities.size(); i += 7)
    if (!old_list.Find(new_list.entities[i].id)) add("new", i, new_list.entities[i]);
  std::ifstream dev(kShared + "/eval/dev.jsonl");
  std::string line;
  size_t n = 0;
  while (std::getline(dev, line)) {
    const nlohmann::json q = nlohmann::json::parse(line);
    if (!q["expect"].empty()) continue;
    out.push_back(
        {fmt::format("inn{:06}", n++), q["name"], ParseSchema(q.value("schema", "")), "", "", {}});
  }
  return out;
}

TEST(RealListsRescreenTest, DeltaOverSdn2021To2024EqualsFullRescreen) {
  auto old_snap = Load("sdn-2021-07");
  auto new_snap = Load("sdn-2024-07-02");
  ASSERT_TRUE(old_snap && new_snap);
  auto old_screener = Screener::Build(old_snap);
  auto new_screener = Screener::Build(new_snap);
  ASSERT_TRUE(old_screener.ok() && new_screener.ok());
  const std::vector<Customer> customers = RealAndInnocentRegister(*old_snap, *new_snap);
  ASSERT_GT(customers.size(), 2000u);

  TempDir dir;
  RescreenOptions opt = testing::Threads(2);
  auto delta_db = OpenOrDie(dir.File("delta.db"));
  ASSERT_TRUE(CustomerRegister(*delta_db).Upsert(customers).ok());
  auto base = Rescreener(*delta_db, **old_screener).All(opt);
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  auto delta = Rescreener(*delta_db, **new_screener).Delta(EntitySetOf(*old_snap), opt);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_GT(delta->added_entities, 1000u);
  EXPECT_GT(delta->removed_entities, 0u);
  EXPECT_GT(delta->changed_entities, 0u);
  EXPECT_FALSE(delta->new_alerts.empty());      // customers named after entries added since 2021
  EXPECT_FALSE(delta->cleared_alerts.empty());  // customers named after entries delisted since
  EXPECT_LT(delta->customers_rescored, customers.size());

  auto full_db = OpenOrDie(dir.File("full.db"));
  ASSERT_TRUE(CustomerRegister(*full_db).Upsert(customers).ok());
  auto full = Rescreener(*full_db, **new_screener).All(opt);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  const std::vector<std::string> expected = AllAlerts(*full_db);
  const std::vector<std::string> actual = AllAlerts(*delta_db);
  EXPECT_GT(expected.size(), 500u);
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_EQ(OnlyIn(actual, expected), std::vector<std::string>()) << "alerts only the delta has";
  EXPECT_EQ(OnlyIn(expected, actual), std::vector<std::string>()) << "alerts the delta missed";
}

}  // namespace
}  // namespace partyscreen
