// `partyscreen compare` in-process (src/cli/cmd_compare.h): two names, or a file of pairs.
#include "cli/cmd_compare.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::Ran;
using testing::RunCommand;

TEST(CompareCmdTest, TwoNamesGiveAScoreAndItsExplanation) {
  CompareArgs a;
  a.names = {"Marek Dvorsky", "DVORSKY, Marek"};
  a.schema = "Person";
  const Ran r = RunCommand(RunCompare, a);
  ASSERT_EQ(r.code, 0) << r.err;
  const double score = std::stod(r.out.substr(0, r.out.find('\n')));
  EXPECT_GT(score, 0.9) << r.out;
  EXPECT_TRUE(Contains(r.out, "  query \"")) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(CompareCmdTest, DifferentNamesScoreLow) {
  CompareArgs a;
  a.names = {"Marek Dvorsky", "Sea Lantern"};
  const Ran r = RunCommand(RunCompare, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_LT(std::stod(r.out), 0.5) << r.out;
}

TEST(CompareCmdTest, OneNameIsAUsageError) {
  CompareArgs a;
  a.names = {"Marek Dvorsky"};
  const Ran r = RunCommand(RunCompare, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "partyscreen: compare needs two names, or --in PAIRS.jsonl\n");
  EXPECT_EQ(r.out, "");
}

TEST(CompareCmdTest, AnUnknownSchemaIsAUsageError) {
  CompareArgs a;
  a.names = {"Marek Dvorsky", "Marek Dvorsky"};
  a.schema = "Persn";
  const Ran r = RunCommand(RunCompare, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "--schema: unknown schema 'Persn'")) << r.err;
}

TEST(CompareCmdTest, APairsFileGivesOneScorePerGoodLineAndNamesTheBadOnes) {
  testing::TempDir dir;
  CompareArgs a;
  a.in = dir.Write("pairs.jsonl",
                   "{\"id\":\"p1\",\"a\":\"Marek Dvorsky\",\"b\":\"Dvorsky Marek\"}\n"
                   "{\"id\":\"p2\",\"a\":\"Sea Lantern\"}\n"
                   "\n"
                   "{\"id\":3,\"a\":\"Elena Voronova\",\"b\":\"Елена Воронова\",\"schema\":"
                   "\"Person\"}\n");
  const Ran r = RunCommand(RunCompare, a);
  EXPECT_EQ(r.code, 1);  // a line was skipped
  EXPECT_TRUE(Contains(r.err,
                       "pairs.jsonl line 2: needs a JSON object with the strings \"a\" and "
                       "\"b\" (skipped)"))
      << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::vector<nlohmann::json> rows;
  while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 2u) << r.out;
  EXPECT_EQ(rows[0]["id"], "p1");
  EXPECT_EQ(rows[1]["id"], "3");
  EXPECT_GT(rows[1]["score"].get<double>(), 0.8) << r.out;
}

TEST(CompareCmdTest, OutWritesTheScoresToAFile) {
  testing::TempDir dir;
  CompareArgs a;
  a.in = dir.Write("pairs.jsonl", "{\"id\":\"p1\",\"a\":\"Sea Lantern\",\"b\":\"Sea Lantern\"}\n");
  a.out = dir.File("scores.jsonl");
  const Ran r = RunCommand(RunCompare, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const nlohmann::json row = nlohmann::json::parse(testing::ReadFile(a.out));
  EXPECT_EQ(row["id"], "p1");
  EXPECT_DOUBLE_EQ(row["score"].get<double>(), 1.0);
}

TEST(CompareCmdTest, AMissingPairsFileExitsOne) {
  CompareArgs a;
  a.in = "/nonexistent/pairs.jsonl";
  const Ran r = RunCommand(RunCompare, a);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "/nonexistent/pairs.jsonl")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
