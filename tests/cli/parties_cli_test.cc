// `partyscreen parties` and the per-party output of `screen` on the bundled snapshot.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/command.h"

namespace partyscreen {
namespace {

using testing_support::CommandRun;
using testing_support::RunPartyscreen;

TEST(PartiesCliTest, ScreenShowsHikvisionAsOnePartyWithEveryListing) {
  const CommandRun r = RunPartyscreen("screen Hikvision --json", /*merge_stderr=*/false);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["parties"].size(), 1u) << j["parties"].dump(2);
  const nlohmann::json& party = j["parties"][0];
  EXPECT_EQ(party["party"], "party:ofac-cons:30946");
  std::vector<std::string> lists;
  for (const auto& l : party["listings"]) lists.push_back(l["list"].get<std::string>());
  EXPECT_EQ(lists.size(), 3u);
  EXPECT_NE(
      std::find(lists.begin(), lists.end(), "Entity List (EL) - Bureau of Industry and Security"),
      lists.end());
  for (const auto& hit : j["hits"]) EXPECT_EQ(hit["party"], party["party"]);  // flat hits kept
  EXPECT_EQ(party["reasons"].size(), 2u);
}

TEST(PartiesCliTest, PartiesCommandCountsAndExplainsTheGrouping) {
  const CommandRun r = RunPartyscreen("parties --name hikvision --json", false);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["grouped_listings"].get<size_t>(), 0u);
  EXPECT_LT(j["parties"].get<size_t>(), j["listings"].get<size_t>());
  ASSERT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["groups"][0]["listings"].size(), 3u);
  EXPECT_NE(j["groups"][0]["reasons"][0].get<std::string>().find("same OFAC entry 30946"),
            std::string::npos);
}

}  // namespace
}  // namespace partyscreen
