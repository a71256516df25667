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

}  // namespace
}  // namespace partyscreen::cli
