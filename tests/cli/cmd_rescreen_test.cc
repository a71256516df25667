// `partyscreen rescreen` in-process (src/cli/cmd_rescreen.h): a small register re-screened
// against the tiny example list, in full and as a delta from a smaller version of it.
#include "cli/cmd_rescreen.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cmd_customers.h"
#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;

// The example list without its last two rows (Northgate Logistics, Sea Lantern).
std::string FirstTwoRows(const testing::TempDir& dir) {
  std::istringstream full(
      testing::ReadFile(std::string(PARTYSCREEN_SOURCE_DIR) + "/data/examples/custom_list.csv"));
  std::string text, line;
  for (int i = 0; i < 3 && std::getline(full, line); ++i) text += line + "\n";
  return "custom-csv:" + dir.Write("first_two.csv", text);
}

class RescreenCmdTest : public ::testing::Test {
 protected:
  RescreenCmdTest() : db_(dir_.File("register.db")) {
    const std::string csv = dir_.Write("customers.csv", testing::ThreeCustomersCsv());
    const Ran r = RunCommand(RunCustomersImport, CustomersImportArgs{db_, csv});
    EXPECT_EQ(r.code, 0) << r.err;
  }
  RescreenArgs Args() const {
    RescreenArgs a;
    a.db = db_;
    a.lists = {ExampleList()};
    a.threads = 1;
    return a;
  }
  testing::TempDir dir_;
  const std::string db_;
};

TEST_F(RescreenCmdTest, AllScreensEveryCustomerAndRaisesTheAlerts) {
  RescreenArgs a = Args();
  a.all = true;
  const Ran r = RunCommand(RunRescreen, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("full re-screen against ", 0), 0u) << r.out;
  EXPECT_TRUE(Contains(r.out, ": 3 screened; 2 new alert(s), 0 cleared, in ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "  new      c1  custom:VR-0001  ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "  new      c2  custom:VR-0003  ")) << r.out;

  const Ran show = RunCommand(RunCustomersShow, CustomersShowArgs{db_, "c1", false});
  EXPECT_TRUE(Contains(show.out, "custom:VR-0001  Marek Dvorsky  [open]")) << show.out;
}

TEST_F(RescreenCmdTest, ProgressOnlyWhenAsked) {
  RescreenArgs a = Args();
  a.all = true;
  const Ran quiet = RunCommand(RunRescreen, a);
  ASSERT_EQ(quiet.code, 0) << quiet.err;
  EXPECT_FALSE(Contains(quiet.err, "customers/s")) << quiet.err;
  a.progress = true;
  const Ran shown = RunCommand(RunRescreen, a);
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_TRUE(Contains(shown.err, "\rrescreen: 3 / 3 customers (100%), ")) << shown.err;
  EXPECT_TRUE(Contains(shown.err, "customers/s, ETA 0 s\n")) << shown.err;
}

TEST_F(RescreenCmdTest, DeltaScreensOnlyWhatTheListChangeAffects) {
  RescreenArgs before = Args();
  before.all = true;
  before.lists = {FirstTwoRows(dir_)};
  ASSERT_EQ(RunCommand(RunRescreen, before).code, 0);

  RescreenArgs a = Args();
  a.since = before.lists[0];
  a.json = true;
  const Ran r = RunCommand(RunRescreen, a);
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["added_entities"], 2);
  EXPECT_EQ(j["removed_entities"], 0);
  ASSERT_EQ(j["new_alerts"].size(), 1u) << r.out;
  EXPECT_EQ(j["new_alerts"][0]["customer_id"], "c2");
  EXPECT_EQ(j["new_alerts"][0]["entity_id"], "custom:VR-0003");
  EXPECT_TRUE(j.contains("timings"));
  EXPECT_TRUE(j.contains("register_index"));
}

TEST_F(RescreenCmdTest, NeitherAllNorSinceIsAUsageErrorBeforeListsLoad) {
  RescreenArgs a = Args();
  a.lists = {MissingList()};
  const Ran r = RunCommand(RunRescreen, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "partyscreen: rescreen: give --all or --since-snapshot OLD\n");
}

TEST_F(RescreenCmdTest, OutOfRangeOptionsAreUsageErrors) {
  RescreenArgs a = Args();
  a.all = true;
  a.lists = {MissingList()};
  a.threshold = 2;
  EXPECT_EQ(RunCommand(RunRescreen, a).code, 2);
  a.threshold = kEngineDefaultThreshold;
  a.max_shrink = 1.5;
  EXPECT_EQ(RunCommand(RunRescreen, a).code, 2);
  a.max_shrink = 0.5;
  a.chunk = 0;
  EXPECT_EQ(RunCommand(RunRescreen, a).code, 2);
  a.chunk = 10;
  a.since = "abcdef123456";
  EXPECT_EQ(RunCommand(RunRescreen, a).code, 2);  // --all and --since-snapshot
}

TEST_F(RescreenCmdTest, AnUnknownBaseSnapshotExitsOne) {
  RescreenArgs a = Args();
  a.since = "abcdef123456";
  const Ran r = RunCommand(RunRescreen, a);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "no snapshot abcdef123456 in ")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
