// Reviews on the party with the bundled lists (issue 14): OFAC's SDN entry 21996 and its
// republication on the Consolidated Screening List (csl:21996) are one party, so marking
// ofac:21996 a false positive clears csl:21996 too. In-process, but it loads the bundled snapshot
// (slow).
#include <gtest/gtest.h>

#include "cli/cmd_customers.h"
#include "cli/cmd_rescreen.h"
#include "cli/cmd_review.h"
#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::Ran;
using testing::RunCommand;

TEST(PartyReviewsCliTest, FalsePositiveOnOfac21996ClearsCsl21996) {
  testing::TempDir dir;
  const std::string db = dir.File("r.db");
  const std::string csv = dir.Write("c.csv", "id,name,schema\nc1,Hikmat Abdu,Person\n");
  ASSERT_EQ(RunCommand(RunCustomersImport, CustomersImportArgs{db, csv}).code, 0);
  RescreenArgs rescreen;
  rescreen.db = db;
  rescreen.all = true;  // the bundled lists
  ASSERT_EQ(RunCommand(RunRescreen, rescreen).code, 0);
  Ran show = RunCommand(RunCustomersShow, CustomersShowArgs{db, "c1", false});
  ASSERT_TRUE(Contains(show.out, "ofac:21996  'ABDU, Hikmat  [open]")) << show.out;
  ASSERT_TRUE(Contains(show.out, "csl:21996  'ABDU, Hikmat  [open]")) << show.out;

  const Ran r = RunCommand(
      RunReview,
      ReviewArgs{db, "c1", "ofac:21996", "false_positive", "born 1990, not in Syria", "alice", {}});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out,
                       "  party party:ofac:21996: 2 listing(s) covered: ofac:21996, "
                       "csl:21996\n"))
      << r.out;
  show = RunCommand(RunCustomersShow, CustomersShowArgs{db, "c1", false});
  EXPECT_TRUE(Contains(show.out, "ofac:21996  'ABDU, Hikmat  [suppressed]")) << show.out;
  EXPECT_TRUE(Contains(show.out, "csl:21996  'ABDU, Hikmat  [suppressed]")) << show.out;

  // The next re-screen against the same lists keeps both cleared.
  ASSERT_EQ(RunCommand(RunRescreen, rescreen).code, 0);
  show = RunCommand(RunCustomersShow, CustomersShowArgs{db, "c1", false});
  EXPECT_TRUE(Contains(show.out, "csl:21996  'ABDU, Hikmat  [suppressed]")) << show.out;
}

}  // namespace
}  // namespace partyscreen::cli
