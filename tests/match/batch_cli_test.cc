// `partyscreen batch`, `compare` and `bench` end to end on the real SDN 2024-07-02 file and the
// default snapshot.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "partyscreen/screener.h"

namespace {

const std::string kBinary = PARTYSCREEN_BINARY;
const std::string kSdn = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2024-07-02/sdn.csv";

std::string RunCli(const std::string& args, int* status) {
  const std::string cmd = kBinary + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  *status = pclose(p);
  return out;
}

std::string TempPath(const std::string& name) { return ::testing::TempDir() + "/" + name; }

TEST(BatchCliTest, KeepsInputOrderAndReportsABadLineByNumber) {
  const std::string in = TempPath("queries.jsonl"), out = TempPath("results.jsonl");
  {
    std::ofstream f(in);
    f << R"({"id":"a","name":"Quanguo Chen","schema":"Person"})"
      << "\n"
      << "this is not json\n"
      << R"({"id":"b","name":"Simonsson Shipping Inc.","schema":"Organization"})"
      << "\n"
      << R"({"id":"c","name":"陈全国"})"
      << "\n";
  }
  int status = 0;
  const std::string log =
      RunCli("batch --list ofac-csv:" + kSdn + " --in " + in + " --out " + out, &status);
  // Every good line is screened; the skipped one makes the run exit 3 (issue 12,
  // docs/HARDENING.md).
  EXPECT_EQ(WEXITSTATUS(status), 3) << log;
  EXPECT_NE(log.find("line 2"), std::string::npos) << log;
  EXPECT_NE(log.find("3 queries, 1 skipped"), std::string::npos) << log;
  std::ifstream f(out);
  std::string line;
  std::vector<nlohmann::json> rows;
  while (std::getline(f, line)) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["id"], "a");
  EXPECT_EQ(rows[1]["id"], "b");
  EXPECT_EQ(rows[2]["id"], "c");
  ASSERT_FALSE(rows[0]["hits"].empty());
  EXPECT_EQ(rows[0]["hits"][0]["entity_id"], "ofac:29220");  // CHEN, Quanguo
  EXPECT_TRUE(rows[1]["hits"].empty());                      // an innocent name
  ASSERT_FALSE(rows[2]["hits"].empty());
  EXPECT_EQ(rows[2]["hits"][0]["entity_id"], "ofac:29220");
}

TEST(BatchCliTest, ReadsCsvWithAHeader) {
  const std::string in = TempPath("queries.csv"), out = TempPath("results_csv.jsonl");
  {
    std::ofstream f(in);
    f << "id,name,schema\n1,\"CHEN, Quanguo\",Person\n2,,Person\n";
  }
  int status = 0;
  const std::string log =
      RunCli("batch --list ofac-csv:" + kSdn + " --in " + in + " --out " + out, &status);
  EXPECT_EQ(WEXITSTATUS(status), 3) << log;  // line 3 skipped (no name)
  EXPECT_NE(log.find("line 3: name: missing or empty (skipped)"), std::string::npos) << log;
  std::ifstream f(out);
  std::string line;
  ASSERT_TRUE(std::getline(f, line));
  EXPECT_EQ(nlohmann::json::parse(line)["hits"][0]["entity_id"], "ofac:29220");
}

TEST(CompareCliTest, PrintsScoreAndExplanation) {
  int status = 0;
  const std::string out = RunCli("compare \"CHEN, Quanguo\" \"陈全国\" --schema Person", &status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(out.substr(0, 5), "1.000") << out;
  EXPECT_NE(out.find("quanguo ~ quanguo"), std::string::npos) << out;
}

// bench: measures on the given queries, several passes, and says which engine and lists it ran.
TEST(BenchCliTest, ReportsEngineHitsAndTheMedianOfItsPasses) {
  const std::string in = TempPath("bench_queries.jsonl");
  std::ofstream(in) << "{\"id\": \"1\", \"name\": \"Hangzhou Hikvision Digital Technology\"}\n"
                       "{\"id\": \"2\", \"name\": \"Quanguo Chen\", \"schema\": \"Person\"}\n"
                       "{\"id\": \"3\", \"name\": \"Bakery of Springfield\"}\n";
  int status = 0;
  const std::string out = RunCli("bench --in " + in + " --rounds 3 --threads 1", &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find(partyscreen::EngineVersion()), std::string::npos) << out;
  EXPECT_NE(out.find("queries           3,"), std::string::npos) << out;
  EXPECT_NE(out.find("median of 3 passes"), std::string::npos) << out;
  EXPECT_EQ(out.find("hits 0\n"), std::string::npos) << out;  // the two listed names hit
  RunCli("bench --in " + in + " --rounds 0", &status);
  EXPECT_NE(status, 0);
}

}  // namespace
