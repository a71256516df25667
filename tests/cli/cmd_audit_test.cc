// `partyscreen audit verify|export` in-process (src/cli/cmd_audit.h) on a trail written by
// `screen --db`.
#include "cli/cmd_audit.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cmd_screen.h"
#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::Ran;
using testing::RunCommand;

class AuditCmdTest : public ::testing::Test {
 protected:
  AuditCmdTest() : db_(dir_.File("audit.db")) {
    for (const char* name : {"Marek Dvorsky", "Jane Roe", "Sea Lantern"}) {
      ScreenArgs a;
      a.name = name;
      a.lists = {ExampleList()};
      a.db = db_;
      EXPECT_EQ(RunCommand(RunScreen, a).code, 0);
    }
  }
  testing::TempDir dir_;
  const std::string db_;
};

TEST_F(AuditCmdTest, VerifyCountsTheRecordsOfAnIntactChain) {
  const Ran r = RunCommand(RunAuditVerify, AuditVerifyArgs{db_});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "audit trail intact: 3 record(s)\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(AuditCmdTest, ExportWritesOneJsonLinePerRecordAndCountsThemOnErr) {
  const Ran r = RunCommand(RunAuditExport, AuditExportArgs{db_, "", "", ""});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "exported 3 record(s)\n");
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::string> queries;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    queries.push_back(j.dump());
  }
  ASSERT_EQ(queries.size(), 3u);
  EXPECT_TRUE(Contains(queries[0], "Marek Dvorsky")) << queries[0];
  EXPECT_TRUE(Contains(queries[2], "Sea Lantern")) << queries[2];
}

TEST_F(AuditCmdTest, ExportToAFileAndAnEmptyWindow) {
  const std::string file = dir_.File("export.jsonl");
  Ran r = RunCommand(RunAuditExport, AuditExportArgs{db_, "", "", file});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(Contains(testing::ReadFile(file), "Jane Roe"));

  r = RunCommand(RunAuditExport, AuditExportArgs{db_, "2000-01-01", "2000-01-02", ""});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "exported 0 record(s)\n");
}

TEST(AuditCmdErrorsTest, ADatabaseThatCannotBeOpenedExitsOne) {
  const Ran r = RunCommand(RunAuditVerify, AuditVerifyArgs{"/nonexistent/dir/audit.db"});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "partyscreen: ")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
