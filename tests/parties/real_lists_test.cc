// Parties over the bundled snapshot (real CSL, OFAC and UN files, data/default/PROVENANCE.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "normalize/name_normalizer.h"
#include "parties/parties.h"

namespace partyscreen {
namespace {

const Snapshot& Default() {
  static const Snapshot* snapshot = [] {
    auto s = LoadSnapshot(DefaultListSpecs());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return new Snapshot(std::move(s).value());
  }();
  return *snapshot;
}

// The case: Hikvision's Entity List row and its CMIC listing (as the CSL and OFAC publish
// it) are one party.
TEST(PartiesRealListsTest, HikvisionIsOnePartyWithItsEntityListAndCmicListings) {
  const Snapshot& s = Default();
  const Parties parties = Parties::Build(s);
  std::set<std::string> lists;
  const ListedParty* hikvision = nullptr;
  for (uint32_t i = 0; i < s.entities.size(); ++i) {
    if (s.entities[i].name != "Hangzhou Hikvision Digital Technology Co., Ltd.") continue;
    hikvision = &parties.Of(i);
  }
  ASSERT_NE(hikvision, nullptr);
  for (uint32_t i : hikvision->listings) lists.insert(s.entities[i].id + " " + s.entities[i].list);
  EXPECT_TRUE(std::any_of(lists.begin(), lists.end(), [](const std::string& l) {
    return l.find("Entity List (EL)") != std::string::npos;
  })) << ::testing::PrintToString(lists);
  EXPECT_TRUE(std::any_of(lists.begin(), lists.end(), [](const std::string& l) {
    return l.find("(CMIC)") != std::string::npos;
  })) << ::testing::PrintToString(lists);
  EXPECT_TRUE(lists.count("ofac-cons:30946 OFAC Consolidated (non-SDN) List"));
}

// Two listed people of the same name born on different days are two parties, wherever listed,
// unless the same entry or a strong identifier says otherwise (csl:21749 and un:6908614 share a
// passport number; the lists give birth dates a day apart).
TEST(PartiesRealListsTest, PeopleOfTheSameNameBornOnDifferentDaysStayApart) {
  const Snapshot& s = Default();
  const Parties parties = Parties::Build(s);
  std::map<std::string, std::vector<uint32_t>> by_name;
  for (uint32_t i = 0; i < s.entities.size(); ++i) {
    const Entity& e = s.entities[i];
    if (e.schema != Schema::kPerson || e.birth_dates.size() != 1 || e.birth_dates[0].size() != 10)
      continue;
    std::vector<std::string> t = NormalizeName(e.name, e.schema).tokens;
    std::sort(t.begin(), t.end());
    std::string key;
    for (const std::string& w : t) key += w + " ";
    by_name[key].push_back(i);
  }
  size_t pairs = 0;
  for (const auto& [name, people] : by_name)
    for (size_t a = 0; a < people.size(); ++a)
      for (size_t b = a + 1; b < people.size(); ++b) {
        const Entity& x = s.entities[people[a]];
        const Entity& y = s.entities[people[b]];
        if (x.birth_dates[0] == y.birth_dates[0]) continue;
        ++pairs;
        const ListedParty& p = parties.Of(people[a]);
        if (&p != &parties.Of(people[b])) continue;
        EXPECT_TRUE(std::any_of(p.reasons.begin(), p.reasons.end(),
                                [](const std::string& r) {
                                  return MergeRule(r) == "same OFAC entry" ||
                                         MergeRule(r) == "same identifier";
                                }))
            << x.id << " " << x.birth_dates[0] << " / " << y.id << " " << y.birth_dates[0] << ": "
            << ::testing::PrintToString(p.reasons);
      }
  EXPECT_GT(pairs, 0u);  // the property is tested on real namesakes, not vacuously
}

// Every OFAC entry the CSL republishes is one party with it.
TEST(PartiesRealListsTest, EveryCslRowOfAnOfacEntryJoinsThatEntry) {
  const Snapshot& s = Default();
  const Parties parties = Parties::Build(s);
  size_t checked = 0;
  for (uint32_t i = 0; i < s.entities.size(); ++i) {
    const Entity& e = s.entities[i];
    if (e.source != "csl" || e.list.find("Treasury Department") == std::string::npos) continue;
    const std::string local = e.id.substr(
        4, e.id.find('#') == std::string::npos ? std::string::npos : e.id.find('#') - 4);
    for (const char* source : {"ofac:", "ofac-cons:"})
      if (const Entity* o = s.Find(source + local)) {
        ++checked;
        EXPECT_EQ(&parties.Of(i), &parties.Of(static_cast<uint32_t>(o - s.entities.data())))
            << e.id << " " << o->id;
      }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace partyscreen
