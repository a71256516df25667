// `partyscreen screen` in-process (src/cli/cmd_screen.h) on the tiny example list.
#include "cli/cmd_screen.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cmd_audit.h"
#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;

ScreenArgs Args(std::string name, std::vector<std::string> lists = {ExampleList()}) {
  ScreenArgs a;
  a.name = std::move(name);
  a.lists = std::move(lists);
  return a;
}

TEST(ScreenCmdTest, AListedPersonIsHitWithItsListAndParty) {
  const Ran r = RunCommand(RunScreen, Args("Marek Dvorsky"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "screened \"Marek Dvorsky\" against snapshot ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "(4 entities)")) << r.out;
  EXPECT_TRUE(Contains(r.out, "custom:VR-0001  Marek Dvorsky")) << r.out;
  EXPECT_TRUE(Contains(r.out, "list: Example Co. visa-restriction list")) << r.out;
  EXPECT_TRUE(Contains(r.out, "programs: VISA-RESTRICTION")) << r.out;
  EXPECT_FALSE(Contains(r.out, "no hits")) << r.out;
  EXPECT_FALSE(Contains(r.err, "error")) << r.err;  // notes (stale lists) only
}

TEST(ScreenCmdTest, AnInnocentNameHasNoHits) {
  const Ran r = RunCommand(RunScreen, Args("Jonathan Applebaum"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "no hits\n")) << r.out;
}

TEST(ScreenCmdTest, JsonNamesTheHitItsPartyAndTheListsScreened) {
  ScreenArgs a = Args("Elena Voronova");
  a.json = true;
  const Ran r = RunCommand(RunScreen, a);
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["query"], "Elena Voronova");
  EXPECT_EQ(j["snapshot"].get<std::string>().size(), 64u);
  ASSERT_EQ(j["lists"].size(), 1u);
  EXPECT_EQ(j["lists"][0]["format"], "custom-csv");
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_EQ(j["hits"][0]["entity_id"], "custom:VR-0002");
  ASSERT_EQ(j["parties"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["party"], j["parties"][0]["party"]);
}

TEST(ScreenCmdTest, ExplainSaysWhy) {
  ScreenArgs a = Args("Dvorsky Marek");
  a.explain = true;
  const Ran r = RunCommand(RunScreen, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "       why: ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "name score")) << r.out;
}

TEST(ScreenCmdTest, AThresholdOfOneKeepsOnlyExactMatches) {
  ScreenArgs a = Args("Marek Dvorsk");
  a.threshold = 1.0;
  const Ran r = RunCommand(RunScreen, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "threshold 1\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "no hits")) << r.out;
}

// Usage errors are reported before the lists load: the list below cannot be loaded, so exit 1
// would mean it was tried.
TEST(ScreenCmdTest, ABirthDateThatIsNotIsoIsRefusedBeforeListsLoad) {
  ScreenArgs a = Args("Nicolas Maduro", {MissingList()});
  a.birth_date = "23/11/1962";
  const Ran r = RunCommand(RunScreen, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "partyscreen: --birth-date: '23/11/1962' is not an ISO date"))
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(ScreenCmdTest, AnUnknownSchemaIsRefusedBeforeListsLoad) {
  ScreenArgs a = Args("Sea Lantern", {MissingList()});
  a.schema = "Planet";
  const Ran r = RunCommand(RunScreen, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--schema: unknown schema 'Planet'")) << r.err;
}

TEST(ScreenCmdTest, AThresholdOutsideZeroToOneIsRefusedBeforeListsLoad) {
  ScreenArgs a = Args("Sea Lantern", {MissingList()});
  a.threshold = 80;
  const Ran r = RunCommand(RunScreen, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--threshold: 80 is not a score from 0 to 1")) << r.err;
}

TEST(ScreenCmdTest, AnEmptyNameIsRefused) {
  const Ran r = RunCommand(RunScreen, Args("  ", {MissingList()}));
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--name: missing or empty")) << r.err;
}

TEST(ScreenCmdTest, ListsThatCannotBeLoadedExitOne) {
  const Ran r = RunCommand(RunScreen, Args("Sea Lantern", {MissingList()}));
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "partyscreen: ")) << r.err;
  EXPECT_TRUE(Contains(r.err, "/nonexistent/partyscreen/list.csv")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(ScreenCmdTest, DbAppendsTheScreeningToTheAuditTrail) {
  testing::TempDir dir;
  ScreenArgs a = Args("Northgate Logistics");
  a.db = dir.File("audit.db");
  ASSERT_EQ(RunCommand(RunScreen, a).code, 0);
  ASSERT_EQ(RunCommand(RunScreen, a).code, 0);
  const Ran verify = RunCommand(RunAuditVerify, AuditVerifyArgs{a.db});
  EXPECT_EQ(verify.code, 0) << verify.err;
  EXPECT_EQ(verify.out, "audit trail intact: 2 record(s)\n");
}

}  // namespace
}  // namespace partyscreen::cli
