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
    out.push_back({fmt::format("{}{:06}", prefix, i),
                   e.name,
                   e.schema,
                   i % 3 ? "" : "IR",
                   i % 5 ? "" : "1970",
                   {}});
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

// Both SDN versions and their screeners, loaded once for all tests.
struct SdnChange {
  std::shared_ptr<const Snapshot> old_snap, new_snap;
  std::unique_ptr<Screener> old_screener, new_screener;
};

const SdnChange& Sdn2021To2024() {
  static const SdnChange change = [] {
    SdnChange c;
    c.old_snap = Load("sdn-2021-07");
    c.new_snap = Load("sdn-2024-07-02");
    if (c.old_snap && c.new_snap) {
      if (auto s = Screener::Build(c.old_snap); s.ok()) c.old_screener = std::move(s).value();
      if (auto s = Screener::Build(c.new_snap); s.ok()) c.new_screener = std::move(s).value();
    }
    return c;
  }();
  return change;
}

TEST(RealListsRescreenTest, DeltaOverSdn2021To2024EqualsFullRescreen) {
  const SdnChange& sdn = Sdn2021To2024();
  ASSERT_TRUE(sdn.old_screener && sdn.new_screener);
  const auto& [old_snap, new_snap, old_screener, new_screener] = sdn;
  const std::vector<Customer> customers = RealAndInnocentRegister(*old_snap, *new_snap);
  ASSERT_GT(customers.size(), 2000u);

  TempDir dir;
  RescreenOptions opt = testing::Threads(2);
  auto delta_db = OpenOrDie(dir.File("delta.db"));
  ASSERT_TRUE(CustomerRegister(*delta_db).Upsert(customers).ok());
  auto base = Rescreener(*delta_db, *old_screener).All(opt);
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  auto delta = Rescreener(*delta_db, *new_screener).Delta(EntitySetOf(*old_snap), opt);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_GT(delta->added_entities, 1000u);
  EXPECT_GT(delta->removed_entities, 0u);
  EXPECT_GT(delta->changed_entities, 0u);
  EXPECT_FALSE(delta->new_alerts.empty());      // customers named after entries added since 2021
  EXPECT_FALSE(delta->cleared_alerts.empty());  // customers named after entries delisted since
  EXPECT_LT(delta->customers_rescored, customers.size());

  auto full_db = OpenOrDie(dir.File("full.db"));
  ASSERT_TRUE(CustomerRegister(*full_db).Upsert(customers).ok());
  auto full = Rescreener(*full_db, *new_screener).All(opt);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  const std::vector<std::string> expected = AllAlerts(*full_db);
  const std::vector<std::string> actual = AllAlerts(*delta_db);
  EXPECT_GT(expected.size(), 500u);
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_EQ(OnlyIn(actual, expected), std::vector<std::string>()) << "alerts only the delta has";
  EXPECT_EQ(OnlyIn(expected, actual), std::vector<std::string>()) << "alerts the delta missed";
}

// The same change, with the register index saved at import (as `customers import` does) and the
// register changed after it: customers added, renamed to listed names and renamed to innocent
// ones. The delta run uses the saved index plus the customers written since, and still equals a
// full re-screen.
TEST(RealListsRescreenTest, DeltaFromASavedRegisterIndexStaysExactAfterRegisterChanges) {
  const SdnChange& sdn = Sdn2021To2024();
  ASSERT_TRUE(sdn.old_screener && sdn.new_screener);
  const auto& [old_snap, new_snap, old_screener, new_screener] = sdn;
  std::vector<Customer> customers = RealAndInnocentRegister(*old_snap, *new_snap);
  const size_t imported = customers.size() * 9 / 10;

  TempDir dir;
  std::string jsonl;
  for (size_t i = 0; i < imported; ++i) jsonl += CustomerToJson(customers[i]) + "\n";
  const std::string file = dir.Write("customers.jsonl", jsonl);
  auto delta_db = OpenOrDie(dir.File("delta.db"));
  auto import = CustomerRegister(*delta_db).ImportFile(file);
  ASSERT_TRUE(import.ok()) << import.status().ToString();
  EXPECT_NE(import->register_index.find("rebuilt"), std::string::npos) << import->register_index;
  ASSERT_TRUE(std::filesystem::exists(dir.File("delta.db.register-index")));

  // After the index was saved: the last tenth added, every 50th innocent customer renamed after
  // an entry added since 2021, every 40th listed-name customer renamed to an innocent name.
  std::vector<Customer> later(customers.begin() + imported, customers.end());
  size_t renamed = 0;
  for (size_t i = 0, k = 0; i < imported; ++i) {
    Customer c = customers[i];
    if (c.id.rfind("inn", 0) == 0 && i % 50 == 0) {
      while (k < new_snap->entities.size() && old_snap->Find(new_snap->entities[k].id)) k += 3;
      if (k >= new_snap->entities.size()) continue;
      c.name = new_snap->entities[k].name;
      c.schema = new_snap->entities[k].schema;
      k += 3;
    } else if (c.id.rfind("old", 0) == 0 && i % 40 == 0) {
      c.name = "Quiet Meadow Bakery " + std::to_string(i);
      c.schema = Schema::kOrganization;
    } else {
      continue;
    }
    customers[i] = c;
    later.push_back(c);
    ++renamed;
  }
  EXPECT_GT(renamed, 20u);
  ASSERT_TRUE(CustomerRegister(*delta_db).Upsert(later).ok());

  RescreenOptions opt = testing::Threads(2);
  ASSERT_TRUE(Rescreener(*delta_db, *old_screener).All(opt).ok());
  auto delta = Rescreener(*delta_db, *new_screener).Delta(EntitySetOf(*old_snap), opt);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->register_index.rfind("saved index of", 0), 0u) << delta->register_index;
  EXPECT_NE(delta->register_index.find(std::to_string(later.size()) + " written since"),
            std::string::npos)
      << delta->register_index;

  auto full_db = OpenOrDie(dir.File("full.db"));
  ASSERT_TRUE(CustomerRegister(*full_db).Upsert(customers).ok());
  ASSERT_TRUE(Rescreener(*full_db, *new_screener).All(opt).ok());
  const std::vector<std::string> expected = AllAlerts(*full_db);
  const std::vector<std::string> actual = AllAlerts(*delta_db);
  EXPECT_GT(expected.size(), 500u);
  EXPECT_EQ(OnlyIn(actual, expected), std::vector<std::string>()) << "alerts only the delta has";
  EXPECT_EQ(OnlyIn(expected, actual), std::vector<std::string>()) << "alerts the delta missed";
}

}  // namespace
}  // namespace partyscreen
