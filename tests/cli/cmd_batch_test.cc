// `partyscreen batch` (src/cli/cmd_batch.h) and `partyscreen bench` (src/cli/cmd_bench.h)
// in-process on the tiny example list.
#include "cli/cmd_batch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cmd_audit.h"
#include "cli/cmd_bench.h"
#include "cli/progress.h"
#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

class BatchCmdTest : public ::testing::Test {
 protected:
  BatchCmdTest() {
    args_.lists = {ExampleList()};
    args_.in = dir_.Write("queries.jsonl",
                          "{\"id\":\"a\",\"name\":\"Marek Dvorsky\",\"schema\":\"Person\"}\n"
                          "this is not json\n"
                          "{\"id\":\"b\",\"name\":\"Jonathan Applebaum\"}\n"
                          "{\"name\":\"Northgate Logistics Holdings\"}\n");
    args_.out = dir_.File("results.jsonl");
  }
  testing::TempDir dir_;
  BatchArgs args_;
};

TEST_F(BatchCmdTest, KeepsInputOrderAndExitsThreeForASkippedLine) {
  const Ran r = RunCommand(RunBatch, args_);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.out, "");  // the results go to --out
  EXPECT_TRUE(Contains(r.err, "queries.jsonl line 2: ")) << r.err;
  EXPECT_TRUE(Contains(r.err, "(skipped)")) << r.err;
  EXPECT_TRUE(Contains(r.err, "batch: 3 queries, 1 skipped, ")) << r.err;
  EXPECT_TRUE(Contains(r.err, "batch: 1 input line(s) NOT screened")) << r.err;
  const auto rows = JsonLines(testing::ReadFile(args_.out));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["id"], "a");
  EXPECT_EQ(rows[1]["id"], "b");
  EXPECT_EQ(rows[2]["id"], "4");  // no id: its line number
  ASSERT_FALSE(rows[0]["hits"].empty());
  EXPECT_EQ(rows[0]["hits"][0]["entity_id"], "custom:VR-0001");
  EXPECT_TRUE(rows[1]["hits"].empty());
  ASSERT_FALSE(rows[2]["hits"].empty());
  EXPECT_EQ(rows[2]["hits"][0]["entity_id"], "custom:VR-0003");
  EXPECT_FALSE(rows[0].contains("decision"));
}

TEST_F(BatchCmdTest, DecideAddsTheOutcomeOfEveryQuery) {
  args_.in = dir_.Write("good.jsonl", "{\"id\":\"b\",\"name\":\"Jonathan Applebaum\"}\n");
  args_.decide = true;
  const Ran r = RunCommand(RunBatch, args_);
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = JsonLines(testing::ReadFile(args_.out));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["decision"]["outcome"], "CLEAR") << rows[0].dump();
}

TEST_F(BatchCmdTest, DbAuditsEveryScreenedQuery) {
  args_.db = dir_.File("audit.db");
  EXPECT_EQ(RunCommand(RunBatch, args_).code, 3);
  const Ran verify = RunCommand(RunAuditVerify, AuditVerifyArgs{args_.db});
  EXPECT_EQ(verify.out, "audit trail intact: 3 record(s)\n") << verify.err;
}

TEST_F(BatchCmdTest, AMissingQueryFileIsReportedBeforeListsLoad) {
  args_.in = dir_.File("missing.jsonl");
  args_.lists = {MissingList()};
  const Ran r = RunCommand(RunBatch, args_);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "missing.jsonl")) << r.err;
  EXPECT_FALSE(Contains(r.err, "/nonexistent/partyscreen/list.csv")) << r.err;
}

TEST_F(BatchCmdTest, AThresholdOutsideZeroToOneIsAUsageError) {
  args_.threshold = 1.5;
  const Ran r = RunCommand(RunBatch, args_);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--threshold: 1.5 is not a score from 0 to 1")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(args_.out));
}

// Issue 15: every row echoes the screened name; `--out r.csv` writes CSV, not JSON lines.
TEST_F(BatchCmdTest, RowsEchoTheScreenedName) {
  ASSERT_EQ(RunCommand(RunBatch, args_).code, 3);
  const auto rows = JsonLines(testing::ReadFile(args_.out));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["name"], "Marek Dvorsky");
  EXPECT_EQ(rows[2]["name"], "Northgate Logistics Holdings");
}

TEST_F(BatchCmdTest, OutEndingInCsvWritesCsvOneRowPerHit) {
  args_.out = dir_.File("results.csv");
  args_.in = dir_.Write("q.jsonl",
                        "{\"id\":\"a\",\"name\":\"Marek Dvorsky\",\"schema\":\"Person\"}\n"
                        "{\"id\":\"b, with comma\",\"name\":\"Jonathan Applebaum\"}\n");
  ASSERT_EQ(RunCommand(RunBatch, args_).code, 0);
  const std::string csv = testing::ReadFile(args_.out);
  std::istringstream in(csv);
  std::string header, first;
  std::getline(in, header);
  EXPECT_EQ(header,
            "id,name,hit,score,entity_id,listed_name,matched_name,schema,source,list,programs");
  std::getline(in, first);
  EXPECT_EQ(first.rfind("a,Marek Dvorsky,1,", 0), 0u) << csv;
  EXPECT_TRUE(Contains(first, ",custom:VR-0001,")) << csv;
  // A query without hits is one row with the hit columns empty; a comma is quoted.
  EXPECT_TRUE(Contains(csv, "\n\"b, with comma\",Jonathan Applebaum,0,,,,,,,,\n")) << csv;
  EXPECT_EQ(csv.find('{'), std::string::npos) << "JSON in a CSV file: " << csv;
  // --format overrides the extension; an unknown format is a usage error before lists load.
  args_.format = "jsonl";
  ASSERT_EQ(RunCommand(RunBatch, args_).code, 0);
  EXPECT_EQ(JsonLines(testing::ReadFile(args_.out)).size(), 2u);
  args_.format = "xml";
  const Ran bad = RunCommand(RunBatch, args_);
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(Contains(bad.err, "--format")) << bad.err;
}

TEST_F(BatchCmdTest, ProgressOnlyWhenAsked) {
  const Ran quiet = RunCommand(RunBatch, args_);
  EXPECT_FALSE(Contains(quiet.err, "rows/s")) << quiet.err;
  args_.progress = true;
  const Ran shown = RunCommand(RunBatch, args_);
  EXPECT_TRUE(Contains(shown.err, "\rbatch: 3 / 3 rows (100%)")) << shown.err;
  EXPECT_TRUE(Contains(shown.err, "rows/s, ETA 0 s\n")) << shown.err;
}

TEST(ProgressLineTest, RateAndEta) {
  EXPECT_EQ(ProgressLine("batch", "rows", 0, 100, 0), "batch: 0 / 100 rows (0%)");
  EXPECT_EQ(ProgressLine("batch", "rows", 25, 100, 5),
            "batch: 25 / 100 rows (25%), 5 rows/s, ETA 15 s");
  std::ostringstream out;
  {
    ProgressMeter meter(&out, "rescreen", "customers", std::chrono::hours(1));
    meter.Update(1, 4);
    meter.Update(2, 4);  // within the interval: not printed
    meter.Update(4, 4);  // the last one always is
  }
  const std::string printed = out.str();
  EXPECT_EQ(std::count(printed.begin(), printed.end(), '\r'), 2) << printed;
  EXPECT_EQ(printed.back(), '\n');
  std::ostringstream none;
  ProgressMeter silent(nullptr, "batch", "rows");
  silent.Update(1, 2);
  EXPECT_EQ(none.str(), "");
}

TEST(BenchCmdTest, ReportsSpeedAndLatencyOnTheGivenQueries) {
  testing::TempDir dir;
  BenchArgs a;
  a.lists = {ExampleList()};
  a.in = dir.Write("q.csv", "id,name\n1,Marek Dvorsky\n2,Sea Lantern\n3,Jane Roe\n");
  a.rounds = 1;
  a.threads = 1;
  a.aliases_tsv = dir.File("aliases.tsv");
  const Ran r = RunCommand(RunBench, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "snapshot          ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "4 entities")) << r.out;
  EXPECT_TRUE(Contains(r.out, "queries           3, threshold ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "latency           p50 ")) << r.out;
  EXPECT_TRUE(Contains(testing::ReadFile(a.aliases_tsv), "custom:VR-0002\tЕлена Воронова\n"));
}

TEST(BenchCmdTest, RoundsOutOfRangeAreAUsageError) {
  BenchArgs a;
  a.lists = {MissingList()};
  a.rounds = 0;
  const Ran r = RunCommand(RunBench, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--rounds: 0 is not in 1-1000")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
