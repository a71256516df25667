// How old the loaded lists are (lists/staleness.h).
#include "lists/staleness.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

Snapshot WithSources(std::vector<std::pair<std::string, std::string>> format_and_date) {
  Snapshot s;
  for (auto& [format, date] : format_and_date) {
    SourceInfo info;
    info.format = format;
    info.source = format.substr(0, format.find('-'));
    info.published = date;
    s.sources.push_back(info);
  }
  return s;
}

constexpr double kDay = 86400;
const double k2024_07_02 = 1719878400;  // 2024-07-02T00:00:00Z

TEST(StalenessTest, AgesComeFromThePublicationDates) {
  const Snapshot s = WithSources({{"ofac-csv", "2024-07-02"}, {"un-xml", ""}, {"csl-csv", "2024"}});
  const std::vector<ListAge> ages = ListAges(s, 2, k2024_07_02 + 1.5 * kDay);
  ASSERT_EQ(ages.size(), 3u);
  EXPECT_DOUBLE_EQ(ages[0].age_days, 1.5);
  EXPECT_FALSE(ages[0].stale);
  EXPECT_EQ(ages[1].age_days, -1);  // unknown date: stale, since nobody can say it is current
  EXPECT_TRUE(ages[1].stale);
  EXPECT_GT(ages[2].age_days, 180);  // "2024" reads as 1 January
  EXPECT_TRUE(ages[2].stale);
}

TEST(StalenessTest, WarnsAboutOldListsAndAlwaysAboutTheBundledSnapshot) {
  const Snapshot fresh = WithSources({{"ofac-csv", "2024-07-02"}});
  EXPECT_EQ(StalenessWarning(ListAges(fresh, 2, k2024_07_02 + kDay), false, 2), "");
  EXPECT_EQ(StalenessWarning(ListAges(fresh, 2, k2024_07_02 + 10 * kDay), false, 2),
            "lists older than 2 days: ofac-csv of 2024-07-02 (10 days old); load current lists "
            "(`partyscreen lists update`) for real screening");
  const std::string bundled = StalenessWarning(ListAges(fresh, 2, k2024_07_02 + kDay), true, 2);
  EXPECT_NE(bundled.find("bundled snapshot"), std::string::npos) << bundled;
}

TEST(StalenessTest, TheBundledSnapshotCarriesADateForEverySource) {
  auto s = LoadSnapshot(DefaultListSpecs());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  for (const ListAge& a : ListAges(*s, 2, k2024_07_02))
    EXPECT_FALSE(a.published.empty()) << a.format;
}

TEST(StalenessTest, ADownloadedCopyIsAsOldAsItsDownload) {
  // The UN file says it was generated months ago (its last change); downloaded an hour ago it is
  // current.
  Snapshot s = WithSources({{"un-xml", "2024-03-01"}});
  s.sources[0].retrieved = "2024-07-02T10:00:00Z";
  const auto fresh = ListAges(s, 2, k2024_07_02 + 11 * 3600.0);
  EXPECT_FALSE(fresh[0].stale);
  EXPECT_NEAR(fresh[0].age_days, 1.0 / 24, 1e-9);
  EXPECT_EQ(StalenessWarning(fresh, false, 2), "");
  const auto old = ListAges(s, 2, k2024_07_02 + 5 * kDay);
  EXPECT_TRUE(old[0].stale);
  EXPECT_NE(StalenessWarning(old, false, 2).find("downloaded 2024-07-02T10:00:00Z (4 days ago)"),
            std::string::npos)
      << StalenessWarning(old, false, 2);
}

}  // namespace
}  // namespace partyscreen
