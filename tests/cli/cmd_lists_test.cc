// `partyscreen lists` in-process (src/cli/cmd_lists.h) on the tiny example list.
#include "cli/cmd_lists.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::ExampleList;
using testing::MissingList;
using testing::Ran;
using testing::RunCommand;

TEST(ListsCmdTest, FormatsArePrintedWithoutLoadingAnything) {
  ListsArgs a;
  a.formats = true;
  a.lists = {MissingList()};
  const Ran r = RunCommand(RunLists, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "custom-csv\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "ofac-csv\n")) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(ListsCmdTest, TextNamesTheSnapshotAndEachSourceWithItsCounts) {
  ListsArgs a;
  a.lists = {ExampleList()};
  const Ran r = RunCommand(RunLists, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("snapshot ", 0), 0u) << r.out;
  EXPECT_TRUE(Contains(r.out, "  (4 entities)\n")) << r.out;
  EXPECT_TRUE(Contains(r.out, "custom-csv")) << r.out;
  EXPECT_TRUE(Contains(r.out, "      4 records ")) << r.out;
  EXPECT_TRUE(Contains(r.out, "custom_list.csv\n")) << r.out;
}

TEST(ListsCmdTest, JsonHasTheSourcesAndWithIssuesTheIssues) {
  ListsArgs a;
  a.lists = {ExampleList()};
  a.json = true;
  a.issues = true;
  const Ran r = RunCommand(RunLists, a);
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["entities"], 4);
  EXPECT_EQ(j["snapshot"].get<std::string>().size(), 64u);
  ASSERT_EQ(j["sources"].size(), 1u);
  EXPECT_EQ(j["sources"][0]["records"], 4);
  EXPECT_TRUE(j["issues"].is_array());
}

TEST(ListsCmdTest, AListThatCannotBeLoadedExitsOneWithTheFileNamed) {
  ListsArgs a;
  a.lists = {MissingList()};
  const Ran r = RunCommand(RunLists, a);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "/nonexistent/partyscreen/list.csv")) << r.err;
  EXPECT_EQ(r.out, "");
}

// --max-list-age sets when a dated list is old: the UN file (generated years ago) is warned
// about at the default 2 days, not with an age beyond its own; a non-positive age is refused.
TEST(ListsCmdTest, MaxListAgeDecidesWhichListsAreWarnedAbout) {
  ListsArgs a;
  a.lists = {"un-xml:" + std::string(PARTYSCREEN_SHARED_DIR) + "/lists/un/UN_consolidated.xml"};
  const Ran old = RunCommand(RunLists, a);
  ASSERT_EQ(old.code, 0) << old.err;
  EXPECT_TRUE(Contains(old.err, "warning: lists older than 2 days: un-xml")) << old.err;

  a.max_list_age_days = 365.0 * 100;
  const Ran current = RunCommand(RunLists, a);
  ASSERT_EQ(current.code, 0) << current.err;
  EXPECT_FALSE(Contains(current.err, "warning")) << current.err;

  a.max_list_age_days = 0;
  const Ran refused = RunCommand(RunLists, a);
  EXPECT_EQ(refused.code, 1);
  EXPECT_TRUE(Contains(refused.err, "--max-list-age")) << refused.err;
  EXPECT_EQ(refused.out, "");
}

}  // namespace
}  // namespace partyscreen::cli
