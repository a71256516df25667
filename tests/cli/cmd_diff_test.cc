// `partyscreen diff` in-process (src/cli/cmd_diff.h): two versions of the tiny example list.
#include "cli/cmd_diff.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::Ran;
using testing::RunCommand;

// The example list with VR-0004 dropped and VR-0002's birth date changed.
std::string Edited(const testing::TempDir& dir) {
  std::istringstream full(
      testing::ReadFile(std::string(PARTYSCREEN_SOURCE_DIR) + "/data/examples/custom_list.csv"));
  std::string text, line;
  while (std::getline(full, line)) {
    if (line.rfind("VR-0004", 0) == 0) continue;
    if (const size_t at = line.find(",1975,"); at != std::string::npos)
      line.replace(at, 6, ",1976,");
    text += line + "\n";
  }
  return "custom-csv:" + dir.Write("edited.csv", text);
}

TEST(DiffCmdTest, NamesTheAddedRemovedAndChangedEntities) {
  testing::TempDir dir;
  DiffArgs a;
  a.db = dir.File("none.db");
  a.old_spec = ExampleList();
  a.new_spec = Edited(dir);
  const Ran r = RunCommand(RunDiff, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, ": 0 added, 1 removed, 1 changed\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "- custom:VR-0004  Sea Lantern\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "~ custom:VR-0002  Elena Voronova  (birth_dates")) << r.out;

  a.json = true;
  const Ran json = RunCommand(RunDiff, a);
  ASSERT_EQ(json.code, 0) << json.err;
  const nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_TRUE(j["added"].empty());
  ASSERT_EQ(j["removed"].size(), 1u);
  ASSERT_EQ(j["changed"].size(), 1u);
  EXPECT_EQ(j["changed"][0]["id"], "custom:VR-0002");
}

TEST(DiffCmdTest, AVersionThatCannotBeLoadedExitsOne) {
  testing::TempDir dir;
  DiffArgs a;
  a.db = dir.File("none.db");
  a.old_spec = ExampleList();
  a.new_spec = testing::MissingList();
  const Ran r = RunCommand(RunDiff, a);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "/nonexistent/partyscreen/list.csv")) << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace partyscreen::cli
