// EntityFromJson is the inverse of EntityToJson on every entity of every real list (the store
// archives entities as JSON and delta re-screening reads them back).
#include <gtest/gtest.h>

#include "core/json.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

const std::string kLists = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/";

TEST(EntityJsonTest, RoundTripsEveryEntityOfTheRealLists) {
  const std::vector<std::string> specs = {"ofac-csv:" + kLists + "ofac/sdn-2024-07-02",
                                          "ofac-csv:" + kLists + "ofac/sdn-2021-07",
                                          kLists + "csl/csl-2022-04/consolidated.csv.gz",
                                          kLists + "un/UN_consolidated.xml",
                                          kLists + "uk/hmt-2018-04/sanctionsconlist.csv",
                                          kLists + "opensanctions/yente-zala/entities.ftm.json"};
  size_t checked = 0;
  for (const std::string& spec : specs) {
    auto snap = LoadSnapshot({ParseListSpec(spec)});
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    for (const Entity& e : snap->entities) {
      const nlohmann::json j = EntityToJson(e);
      const Entity back = EntityFromJson(j);
      ASSERT_EQ(EntityToJson(back), j) << e.id;
      EXPECT_EQ(back.AllNames(), e.AllNames()) << e.id;
      ++checked;
    }
  }
  EXPECT_GT(checked, 40000u);
}

TEST(EntityJsonTest, MalformedJsonGivesAnEmptyEntityNotACrash) {
  EXPECT_TRUE(EntityFromJson(nlohmann::json::array()).id.empty());
  const Entity e = EntityFromJson(
      nlohmann::json{{"id", 7}, {"name", "X"}, {"aliases", {1, "y", {{"name", "Z"}}}}});
  EXPECT_TRUE(e.id.empty());
  EXPECT_EQ(e.name, "X");
  ASSERT_EQ(e.aliases.size(), 1u);
  EXPECT_EQ(e.aliases[0].name, "Z");
}

}  // namespace
}  // namespace partyscreen
