// `partyscreen review` in-process (src/cli/cmd_review.h), checked through the audit trail.
#include "cli/cmd_review.h"

#include <gtest/gtest.h>

#include "cli/cmd_audit.h"
#include "cli/cmd_customers.h"
#include "cli/cmd_rescreen.h"
#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;

ReviewArgs Args(const std::string& db) {
  ReviewArgs a;
  a.db = db;
  a.customer = "c1";
  a.entity = "custom:VR-0001";
  a.decision = "false_positive";
  a.reason = "different birth date";
  a.reviewer = "alice";
  a.lists = {ExampleList()};
  return a;
}

// Imports the customer c1 "Marek Dvorsky" into `db` and screens the register fully against
// `lists`; returns the arguments of that re-screen.
RescreenArgs ImportAndScreen(const testing::TempDir& dir, const std::string& db,
                             const std::vector<std::string>& lists) {
  const std::string csv = dir.Write("c.csv", "id,name\nc1,Marek Dvorsky\n");
  EXPECT_EQ(RunCommand(RunCustomersImport, CustomersImportArgs{db, csv}).code, 0);
  RescreenArgs rescreen;
  rescreen.db = db;
  rescreen.all = true;
  rescreen.lists = lists;
  EXPECT_EQ(RunCommand(RunRescreen, rescreen).code, 0);
  return rescreen;
}

TEST(ReviewCmdTest, RecordsTheDecisionOnTheAlertAndInTheAuditTrail) {
  testing::TempDir dir;
  const ReviewArgs a = Args(dir.File("r.db"));
  ImportAndScreen(dir, a.db, a.lists);  // raises the alert c1 / VR-0001

  const Ran r = RunCommand(RunReview, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "recorded false_positive for c1 / custom:VR-0001\n"
            "  party party:custom:VR-0001: 1 listing(s) covered: custom:VR-0001\n"
            "  alerts now suppressed: custom:VR-0001\n");
  std::ostringstream out, err;
  ASSERT_EQ(RunAuditExport(AuditExportArgs{a.db, "", "", ""}, out, err), 0) << err.str();
  EXPECT_TRUE(Contains(out.str(), "different birth date")) << out.str();
  EXPECT_TRUE(Contains(out.str(), "alice")) << out.str();
  const Ran show = RunCommand(RunCustomersShow, CustomersShowArgs{a.db, "c1", false});
  // a false positive suppresses the alert
  EXPECT_TRUE(Contains(show.out, "custom:VR-0001  Marek Dvorsky  [suppressed]")) << show.out;
}

// Two listings of one person (same passport) on two custom lists, then a third list naming him
// too: one review clears both listings; the delta re-screen against the three lists reopens the
// party and the audit trail says why.
TEST(ReviewCmdTest, OneReviewClearsThePartyAndANewListingReopensIt) {
  testing::TempDir dir;
  const std::string header = "id,name,schema,nationalities,birth_dates,identifiers,list\n";
  const std::string two =
      header +
      "P-1,Marek Dvorsky,Person,CZ,1968-03-14,Passport:CZ4410927,Example visa list\n"
      "P-2,Marek Dvorsky,Person,CZ,1968-03-14,Passport:CZ4410927,Example supplier list\n";
  const std::string v1 = "custom-csv:" + dir.Write("v1.csv", two);
  const std::string v2 =
      "custom-csv:" +
      dir.Write("v2.csv", two + "P-3,Marek DVORSKY,Person,CZ,,Passport:CZ4410927,Court orders\n");
  ReviewArgs a = Args(dir.File("r.db"));
  a.entity = "custom:P-2";
  a.lists = {v1};
  RescreenArgs rescreen = ImportAndScreen(dir, a.db, a.lists);

  const Ran r = RunCommand(RunReview, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "recorded false_positive for c1 / custom:P-2\n"
            "  party party:custom:P-1: 2 listing(s) covered: custom:P-1, custom:P-2\n"
            "  alerts now suppressed: custom:P-1, custom:P-2\n");
  Ran show = RunCommand(RunCustomersShow, CustomersShowArgs{a.db, "c1", false});
  EXPECT_TRUE(Contains(show.out, "custom:P-1  Marek Dvorsky  [suppressed]")) << show.out;
  EXPECT_TRUE(Contains(show.out, "custom:P-2  Marek Dvorsky  [suppressed]")) << show.out;

  rescreen.all = false;
  rescreen.since = v1;
  rescreen.lists = {v2};
  const Ran delta = RunCommand(RunRescreen, rescreen);
  ASSERT_EQ(delta.code, 0) << delta.err;
  show = RunCommand(RunCustomersShow, CustomersShowArgs{a.db, "c1", false});
  for (const char* id : {"custom:P-1", "custom:P-2", "custom:P-3"})
    EXPECT_TRUE(Contains(show.out, std::string(id) + "  Marek ")) << show.out;
  EXPECT_TRUE(Contains(show.out, "custom:P-3  Marek DVORSKY  [reopened]")) << show.out;
  // `customers show` says why under the reopened alert.
  EXPECT_TRUE(
      Contains(show.out, " reopened: new listing custom:P-3 of party party:custom:P-1 cleared on "))
      << show.out;
  EXPECT_FALSE(Contains(show.out, "[suppressed]")) << show.out;
  EXPECT_FALSE(Contains(show.out, "[open]")) << show.out;
  std::ostringstream out, err;
  ASSERT_EQ(RunAuditExport(AuditExportArgs{a.db, "", "", ""}, out, err), 0) << err.str();
  EXPECT_TRUE(Contains(out.str(), "new listing custom:P-3 of party party:custom:P-1 cleared on "))
      << out.str();
}

TEST(ReviewCmdTest, ACustomerNotInTheRegisterExitsOne) {
  testing::TempDir dir;
  const Ran r = RunCommand(RunReview, Args(dir.File("r.db")));
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "no customer with id c1")) << r.err;
}

TEST(ReviewCmdTest, ABadDecisionIsAUsageErrorBeforeListsLoad) {
  testing::TempDir dir;
  ReviewArgs a = Args(dir.File("r.db"));
  a.decision = "maybe";
  a.lists = {MissingList()};
  const Ran r = RunCommand(RunReview, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "partyscreen: --decision: expected false_positive or true_match, got 'maybe'\n");
}

TEST(ReviewCmdTest, AnEntityNotInTheListsExitsOne) {
  testing::TempDir dir;
  ReviewArgs a = Args(dir.File("r.db"));
  a.entity = "custom:VR-9999";
  const Ran r = RunCommand(RunReview, a);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "no entity custom:VR-9999 in the loaded lists (snapshot ")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
