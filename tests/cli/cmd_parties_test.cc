// `partyscreen parties` in-process (src/cli/cmd_parties.h) on the tiny example list, whose four
// listings are four parties.
#include "cli/cmd_parties.h"

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

TEST(PartiesCmdTest, CountsListingsAndParties) {
  PartiesArgs a;
  a.lists = {ExampleList()};
  const Ran r = RunCommand(RunParties, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("4 listings in 4 parties; 0 listings grouped into 0 parties of two or "
                        "more (snapshot ",
                        0),
            0u)
      << r.out;
}

TEST(PartiesCmdTest, NameShowsTheMatchingPartyAsJson) {
  PartiesArgs a;
  a.lists = {ExampleList()};
  a.name = "lantern";
  a.json = true;
  const Ran r = RunCommand(RunParties, a);
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["listings"], 4);
  ASSERT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["groups"][0]["listings"][0]["entity_id"], "custom:VR-0004");
}

TEST(PartiesCmdTest, ListsThatCannotBeLoadedExitOne) {
  PartiesArgs a;
  a.lists = {MissingList()};
  const Ran r = RunCommand(RunParties, a);
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "/nonexistent/partyscreen/list.csv")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
