// `partyscreen check` in-process (src/cli/cmd_check.h) on the tiny example list and the embedded
// rules: the exit code is the outcome's.
#include "cli/cmd_check.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;

CheckArgs Args(std::vector<std::string> parties, std::vector<std::string> lists = {ExampleList()}) {
  CheckArgs a;
  a.parties = std::move(parties);
  a.lists = std::move(lists);
  return a;
}

TEST(CheckCmdTest, NoHitAndNoDestinationRuleIsClear) {
  CheckArgs a = Args({"Jonathan Applebaum"});
  a.destination = "FR";
  const Ran r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("DECISION: CLEAR\n", 0), 0u) << r.out;
  EXPECT_TRUE(Contains(r.out, "  party: \"Jonathan Applebaum\" (end_user)\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "  destination: FR\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "No list hit, review-band hit or destination rule applies: CLEAR."))
      << r.out;
}

TEST(CheckCmdTest, AHitOnAnOrganisationsOwnListIsReviewExitThree) {
  CheckArgs a = Args({"Marek Dvorsky", "Acme Widgets GmbH"});
  a.roles = {"consignee"};
  a.countries = {"CZ", "DE"};
  const Ran r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  EXPECT_EQ(r.out.rfind("DECISION: REVIEW\n", 0), 0u) << r.out;
  EXPECT_TRUE(Contains(r.out, "  party: \"Marek Dvorsky\" (consignee), country CZ\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "  party: \"Acme Widgets GmbH\" (other), country DE\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "[unclassified-list]  consignee \"Marek Dvorsky\"")) << r.out;
  EXPECT_TRUE(Contains(r.out, "   entity custom:VR-0001 on Example Co. visa-restriction list\n"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "   next step: ")) << r.out;
}

TEST(CheckCmdTest, AnEmbargoedDestinationBlocksExitSevenWithJson) {
  CheckArgs a = Args({"Jonathan Applebaum"});
  a.destination = "Cuba";
  a.json = true;
  a.threshold = 0.9;
  const Ran r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 7) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["outcome"], "BLOCK");
  EXPECT_DOUBLE_EQ(j["threshold"].get<double>(), 0.9);
  EXPECT_LT(j["review_band_lower"].get<double>(), 0.9);
  ASSERT_FALSE(j["reasons"].empty());
  EXPECT_EQ(j["reasons"][0]["rule_id"], "us-embargo-cuba");
}

// Usage errors come before the lists load: the list below cannot be loaded (that would exit 1).
TEST(CheckCmdTest, MoreRolesThanPartiesIsAUsageError) {
  CheckArgs a = Args({"Marek Dvorsky"}, {MissingList()});
  a.roles = {"consignee", "purchaser"};
  const Ran r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "partyscreen: more --role or --country values than --party values (they pair by "
            "position)\n");
  EXPECT_EQ(r.out, "");
}

TEST(CheckCmdTest, AnUnknownRoleIsAUsageError) {
  CheckArgs a = Args({"Marek Dvorsky"}, {MissingList()});
  a.roles = {"friend"};
  const Ran r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--role: unknown role 'friend' (one of: end_user, ")) << r.err;
}

TEST(CheckCmdTest, NoPartyOrABadThresholdIsAUsageError) {
  CheckArgs a = Args({}, {MissingList()});
  Ran r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--party: give at least one party")) << r.err;
  a = Args({"Marek Dvorsky"}, {MissingList()});
  a.threshold = -0.2;
  r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--threshold: -0.2 is not a score from 0 to 1")) << r.err;
}

TEST(CheckCmdTest, ARulesFileThatCannotBeReadExitsOne) {
  CheckArgs a = Args({"Marek Dvorsky"});
  a.rules_file = "/nonexistent/rules.json";
  const Ran r = RunCommand(RunCheck, a);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "/nonexistent/rules.json")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
