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

TEST(ServeCmdTest, ADataDirWithoutTheBundledSnapshotIsAUsageError) {
  ServeArgs a;  // no --list: the bundled snapshot is read from --data-dir
  a.data_dir = "/nonexistent/partyscreen-data";
  const Ran r = RunCommand(RunServe, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "partyscreen: --data-dir: /nonexistent/partyscreen-data holds no default/ snapshot\n");
}

TEST(ServeCmdTest, LogQueriesWithoutAnAccessLogIsAUsageError) {
  ServeArgs a = Args();
  a.log_queries = true;
  const Ran r = RunCommand(RunServe, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--log-queries needs --access-log")) << r.err;
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

TEST(ServeCmdTest, BadHeartbeatPeriodIsAUsageError) {
  ServeArgs a = Args();
  a.heartbeat_every = "often";
  const Ran r = RunCommand(RunServe, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--heartbeat-every")) << r.err;
}

TEST(ServeCmdTest, WebhookFlagsAreCheckedBeforeTheListsLoad) {
  testing::TempDir dir;
  ServeArgs a = Args();
  a.webhook.urls = {"https://hooks.example.com/partyscreen"};
  a.webhook.secret_files = {dir.Write("secret", "0123456789abcdef0123\n")};
  const Ran no_db = RunCommand(RunServe, a);
  EXPECT_EQ(no_db.code, 2);
  EXPECT_TRUE(Contains(no_db.err, "--webhook needs --db")) << no_db.err;
  a.db = dir.File("store.db");
  a.webhook_retry_every = "soon";
  const Ran bad_period = RunCommand(RunServe, a);
  EXPECT_EQ(bad_period.code, 2);
  EXPECT_TRUE(Contains(bad_period.err, "--webhook-retry-every")) << bad_period.err;
  a.webhook_retry_every = "1m";
  a.webhook.secret_files = {dir.Write("short", "abc")};
  const Ran short_secret = RunCommand(RunServe, a);
  EXPECT_EQ(short_secret.code, 2);
  EXPECT_TRUE(Contains(short_secret.err, "at least 16")) << short_secret.err;
}

}  // namespace
}  // namespace partyscreen::cli
