// A CSL row republishing an OFAC entry takes OFAC's alias qualities (lists/republished.h).
#include "lists/republished.h"

#include <gtest/gtest.h>

#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

Entity Listing(std::string id, std::string list, std::string name,
               std::vector<std::pair<std::string, AliasQuality>> aliases) {
  Entity e;
  e.id = std::move(id);
  e.source = e.id.substr(0, e.id.find(':'));
  e.list = std::move(list);
  e.name = std::move(name);
  for (auto& [alias, quality] : aliases) e.aliases.push_back({alias, quality, "aka", ""});
  return e;
}

constexpr AliasQuality kWeak = AliasQuality::kWeak;
constexpr AliasQuality kStrong = AliasQuality::kStrong;
const char* const kSdnInCsl = "Specially Designated Nationals (SDN) - Treasury Department";

TEST(RepublishedTest, TheOfacEntryNumberOfAListingAndOfItsCslCopies) {
  EXPECT_EQ(OfacEntryNumber(Listing("ofac:16966", "", "X", {})), "16966");
  EXPECT_EQ(OfacEntryNumber(Listing("ofac-cons:9", "", "X", {})), "9");
  EXPECT_EQ(OfacEntryNumber(Listing("csl:16966#2", kSdnInCsl, "X", {})), "16966");
  // A CSL row of a Commerce list has a hash id; a number on a non-Treasury list is not OFAC's.
  EXPECT_EQ(OfacEntryNumber(Listing("csl:ab12",
                                    "Entity List (EL) - Bureau of Industry and "
                                    "Security",
                                    "X", {})),
            "");
  EXPECT_EQ(OfacEntryNumber(Listing("csl:77", "Entity List (EL)", "X", {})), "");
  EXPECT_EQ(OfacEntryNumber(Listing("un:77", "", "X", {})), "");
}

TEST(RepublishedTest, ACslCopyTakesTheWeakMarksOfItsOfacEntry) {
  std::vector<Entity> es = {
      Listing("csl:16966", kSdnInCsl, "ECHEVERRI PAREJA, Oscar Alonso",
              {{"MOSCO", kStrong}, {"Oscar ECHEVERRI", kStrong}}),
      Listing("csl:16966#2", kSdnInCsl, "ECHEVERRI PAREJA, Oscar Alonso", {{"mosco ", kStrong}}),
      Listing("ofac:16966", "", "ECHEVERRI PAREJA, Oscar Alonso",
              {{"MOSCO", kWeak}, {"Oscar ECHEVERRI", kStrong}}),
      // Another entry's weak alias of the same spelling does not reach this row.
      Listing("csl:500", kSdnInCsl, "MOSCO TRADING", {{"MOSCO", kStrong}}),
      Listing("ofac:501", "", "OTHER", {{"MOSCO", kWeak}}),
  };
  EXPECT_EQ(CarryOfacAliasQuality(es), 2u);
  EXPECT_EQ(es[0].aliases[0].quality, kWeak);
  EXPECT_EQ(es[0].aliases[1].quality, kStrong);
  EXPECT_EQ(es[1].aliases[0].quality, kWeak);  // case and spaces do not matter
  EXPECT_EQ(es[3].aliases[0].quality, kStrong);
}

TEST(RepublishedTest, ANameOfacAlsoListsAsStrongStaysStrong) {
  std::vector<Entity> es = {
      Listing("csl:7", kSdnInCsl, "ALPHA", {{"BETA", kStrong}}),
      Listing("ofac:7", "", "BETA", {{"BETA", kWeak}}),
  };
  EXPECT_EQ(CarryOfacAliasQuality(es), 0u);
  EXPECT_EQ(es[0].aliases[0].quality, kStrong);
}

// The bundled snapshot (data/default): the SDN's weak a.k.a. 'MOSCO' of entry 16966 is weak in
// the CSL's copy too; loaded without the SDN file, the CSL row keeps its alias as published.
TEST(RepublishedTest, OnTheBundledSnapshotTheCslCopyOfAWeakAliasIsWeak) {
  auto loaded = LoadSnapshot(DefaultListSpecs());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Entity* csl = loaded->Find("csl:16966");
  ASSERT_NE(csl, nullptr);
  ASSERT_EQ(csl->aliases.size(), 1u);
  EXPECT_EQ(csl->aliases[0].name, "MOSCO");
  EXPECT_EQ(csl->aliases[0].quality, kWeak);

  auto csl_only = LoadSnapshot({DefaultListSpecs().front()});
  ASSERT_TRUE(csl_only.ok());
  const Entity* alone = csl_only->Find("csl:16966");
  ASSERT_NE(alone, nullptr);
  EXPECT_EQ(alone->aliases[0].quality, kStrong);
}

}  // namespace
}  // namespace partyscreen
