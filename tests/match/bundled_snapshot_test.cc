// The named cases screened through the product against the bundled snapshot
// (data/default: real CSL, OFAC and UN files), not against pairs built for the test.
#include <gtest/gtest.h>

#include <set>

#include "match/hit_json.h"
#include "partyscreen/screener.h"

namespace partyscreen {
namespace {

const Screener& Bundled() {
  static const Screener* screener = [] {
    auto loaded = LoadSnapshot(DefaultListSpecs());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    auto built = Screener::Build(std::make_shared<const Snapshot>(std::move(loaded).value()));
    EXPECT_TRUE(built.ok());
    return std::move(built).value().release();
  }();
  return *screener;
}

std::vector<Hit> Screen(const std::string& name) {
  Query q;
  q.name = name;
  return Bundled().Screen(q);
}

// Ordinary company names one letter from an OFAC "weak a.k.a." ('MOSCO' of entry 16966, 'INTER'
// of entry 8730): OFAC scores them as weak; the CSL's copies of those entries now do too
// (lists/republished.h), so neither copy alerts at the default threshold.
TEST(BundledSnapshotTest, NamesOneLetterFromAWeakAliasDoNotAlert) {
  EXPECT_TRUE(Screen("Masco").empty());
  EXPECT_TRUE(Screen("Intel Corp").empty());
}

// The weak alias itself is still found, on both copies, and the hit says it is a weak alias.
TEST(BundledSnapshotTest, AWeakAliasItselfIsFoundOnEveryCopyAsWeak) {
  std::set<std::string> ids;
  for (const Hit& h : Screen("MOSCO")) {
    if (h.entity->id != "csl:16966" && h.entity->id != "ofac:16966") continue;
    ids.insert(h.entity->id);
    EXPECT_EQ(h.explanation.alias_quality, AliasQuality::kWeak) << h.entity->id;
    EXPECT_LT(h.score, 1.0) << h.entity->id;
  }
  EXPECT_EQ(ids, (std::set<std::string>{"csl:16966", "ofac:16966"}));
}

// A Chinese name in the three scripts it arrives in besides Latin (Han, Russian's Palladius,
// Korean's standard for Chinese) finds the listed person, through the index.
TEST(BundledSnapshotTest, AChineseNameInEveryScriptFindsTheListedPerson) {
  for (const std::string name : {"陈全国", "Чэнь Цюаньго", "천취안궈"}) {
    bool found = false;
    for (const Hit& h : Screen(name)) found = found || h.entity->id == "ofac:29220";
    EXPECT_TRUE(found) << name;
  }
}

// `batch` writes hits as text (AppendHitJson); the server and `screen` through nlohmann
// (HitToJson). Both give the same bytes for real hits: names of every 25th listed entity, with and
// without explanations, legal fields (Entity List entries) included.
TEST(BundledSnapshotTest, HitsWrittenAsTextEqualTheirJsonObjects) {
  const Snapshot& snap = Bundled().snapshot();
  size_t hits = 0, with_legal_fields = 0;
  for (size_t i = 0; i < snap.entities.size(); i += 25) {
    Query q;
    q.name = snap.entities[i].name;
    for (const Hit& h : Bundled().Screen(q)) {
      for (const bool explain : {false, true}) {
        std::string text;
        AppendHitJson(h, explain, &text);
        const nlohmann::json j = HitToJson(h, explain);
        ASSERT_EQ(text, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        with_legal_fields += !explain && j.contains("license_policy");
      }
      ++hits;
    }
  }
  EXPECT_GT(hits, 1000u);
  EXPECT_GT(with_legal_fields, 10u);
}

}  // namespace
}  // namespace partyscreen
