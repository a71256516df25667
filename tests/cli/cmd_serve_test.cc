// `partyscreen serve` in-process (src/cli/cmd_serve.h): only the usage errors reported before the
// server starts (tests/server/ runs the server itself).
#include "cli/cmd_serve.h"

#include <gtest/gtest.h>

#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;

ServeArgs Args() {
  ServeArgs a;
  a.lists = {MissingList()};
  return a;
}

TEST(ServeCmdTest, ABadListenAddressIsAUsageError) {
  ServeArgs a = Args();
  a.listen = "localhost:http";
  const Ran r = RunCommand(RunServe, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "partyscreen: --listen: expected HOST:PORT, got 'localhost:http'\n");
}

TEST(ServeCmdTest, ABadRateLimitIsAUsageError) {
  ServeArgs a = Args();
  a.rate_limit = "fast";
  const Ran r = RunCommand(RunServe, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "partyscreen: --rate-limit: expected N or N/s, got 'fast'\n");
}

TEST(ServeCmdTest, AnApiKeyFileThatCannotBeReadIsAUsageError) {
  ServeArgs a = Args();
  a.api_keys = "/nonexistent/keys.txt";
  const Ran r = RunCommand(RunServe, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "/nonexistent/keys.txt")) << r.err;
}

TEST(ServeCmdTest, BadKeysFromTheEnvironmentAreAUsageError) {
  ServeArgs a = Args();
  a.api_keys_env = "no-colon-here";
  const Ran r = RunCommand(RunServe, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "PARTYSCREEN_API_KEYS")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
