// Issue 15's CLI traps that the record rules and option checks now catch, before lists load.
#include <gtest/gtest.h>

#include "support/command.h"

namespace partyscreen {
namespace {

using testing_support::CommandRun;
using testing_support::RunPartyscreen;

TEST(UsageErrorsTest, AThresholdOutsideZeroToOneIsRefused) {
  const CommandRun r = RunPartyscreen("screen Hikvision -t 80");
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("--threshold: Value 80 not in range"), std::string::npos) << r.out;
}

TEST(UsageErrorsTest, ABirthDateThatIsNotIsoIsRefusedNotGuessed) {
  const CommandRun r = RunPartyscreen("screen 'Nicolas Maduro' --birth-date 23/11/1962");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("--birth-date: '23/11/1962' is not an ISO date"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("screened"), std::string::npos) << r.out;  // nothing was screened
}

TEST(UsageErrorsTest, AMistypedCommandIsNamedWithASuggestion) {
  const CommandRun r = RunPartyscreen("scren Hikvision");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("unknown command 'scren' (did you mean 'screen'?); commands: lists, screen"),
            std::string::npos)
      << r.out;
}

TEST(UsageErrorsTest, EveryUsageErrorExitsTwoAndHelpExitsZero) {
  EXPECT_EQ(RunPartyscreen("check").exit_code, 2);  // --party is required
  EXPECT_EQ(RunPartyscreen("screen").exit_code, 2);
  EXPECT_EQ(RunPartyscreen("screen Hikvision --no-such-option").exit_code, 2);
  EXPECT_EQ(RunPartyscreen("check --help").exit_code, 0);
  EXPECT_EQ(RunPartyscreen("--version").exit_code, 0);
}

}  // namespace
}  // namespace partyscreen
