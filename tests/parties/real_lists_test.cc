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

// The UK list republishes the UN's designations and cites their reference numbers: the OFSI
// workbook's row for MOHAMMAD HASSAN AKHUND ("(UN Ref):TAi.002") and the UN entry of TAi.002 are
// one party; every such merge joins a UN entry and a UK one of the same number.
TEST(PartiesRealListsTest, UkListingsCitingAUnReferenceJoinThatUnEntry) {
  const std::string lists = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/";
  auto loaded = LoadSnapshot({ListSpec{lists + "un/UN_consolidated.xml", "un-xml"},
                              ListSpec{lists + "uk/ofsi-2025-04/UK_Sanctions_List.xlsx", ""}});
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Snapshot& s = *loaded;
  const Parties parties = Parties::Build(s);
  auto index_of = [&](const std::string& id) {
    for (uint32_t i = 0; i < s.entities.size(); ++i)
      if (s.entities[i].id == id) return static_cast<int64_t>(i);
    return int64_t{-1};
  };
  const int64_t un = index_of("un:110577"), uk = index_of("uk:7172");
  ASSERT_GE(un, 0);
  ASSERT_GE(uk, 0);
  const ListedParty& akhund = parties.Of(static_cast<uint32_t>(un));
  EXPECT_EQ(&akhund, &parties.Of(static_cast<uint32_t>(uk)));
  EXPECT_EQ(akhund.id, "party:un:110577");  // the UN listing first (source order)
  ASSERT_EQ(akhund.reasons.size(), 1u);
  EXPECT_EQ(akhund.reasons[0], "un:110577 = uk:7172: same UN reference TAi.002");
  size_t merges = 0;
  for (const ListedParty& p : parties.all())
    for (const std::string& r : p.reasons) {
      if (MergeRule(r) != "same UN reference") continue;
      ++merges;
      EXPECT_EQ(r.rfind("un:", 0), 0u) << r;
      EXPECT_NE(r.find(" = uk:"), std::string::npos) << r;
    }
  EXPECT_GT(merges, 500u);
}

// The same through the FCDO UK Sanctions List layout (its UNReferenceNumber element), on the
// sample of tests/lists/data: uk:AFG0006 joins the UN entry of TAi.002.
TEST(PartiesRealListsTest, UkSanctionsListDesignationsJoinTheirUnEntry) {
  auto loaded = LoadSnapshot(
      {ListSpec{std::string(PARTYSCREEN_SHARED_DIR) + "/lists/un/UN_consolidated.xml", "un-xml"},
       ListSpec{
           std::string(PARTYSCREEN_SOURCE_DIR) + "/tests/lists/data/uk_sanctions_list_sample.xml",
           "uk-sl-xml"}});
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Parties parties = Parties::Build(*loaded);
  for (const ListedParty& p : parties.all()) {
    if (p.id != "party:un:110577") continue;
    EXPECT_EQ(p.listings.size(), 2u);
    EXPECT_EQ(p.reasons,
              std::vector<std::string>{"un:110577 = uk:AFG0006: same UN reference TAi.002"});
    return;
  }
  ADD_FAILURE() << "no party:un:110577";
}

}  // namespace
}  // namespace partyscreen
