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

TEST(ReviewCmdTest, RecordsTheDecisionOnTheAlertAndInTheAuditTrail) {
  testing::TempDir dir;
  const ReviewArgs a = Args(dir.File("r.db"));
  const std::string csv = dir.Write("c.csv", "id,name\nc1,Marek Dvorsky\n");
  ASSERT_EQ(RunCommand(RunCustomersImport, CustomersImportArgs{a.db, csv}).code, 0);
  RescreenArgs rescreen;
  rescreen.db = a.db;
  rescreen.all = true;
  rescreen.lists = a.lists;
  ASSERT_EQ(RunCommand(RunRescreen, rescreen).code, 0);  // raises the alert c1 / VR-0001

  const Ran r = RunCommand(RunReview, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "recorded false_positive for c1 / custom:VR-0001\n");
  std::ostringstream out, err;
  ASSERT_EQ(RunAuditExport(AuditExportArgs{a.db, "", "", ""}, out, err), 0) << err.str();
  EXPECT_TRUE(Contains(out.str(), "different birth date")) << out.str();
  EXPECT_TRUE(Contains(out.str(), "alice")) << out.str();
  const Ran show = RunCommand(RunCustomersShow, CustomersShowArgs{a.db, "c1", false});
  // a false positive suppresses the alert
  EXPECT_TRUE(Contains(show.out, "custom:VR-0001  Marek Dvorsky  [suppressed]")) << show.out;
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
