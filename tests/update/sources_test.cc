// The sources file: the shipped one parses; malformed lines are refused with their line number.
#include "update/sources.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

TEST(SourcesTest, TheShippedFileNamesTheOfficialLists) {
  auto s = ParseSources(DefaultSourcesText(), "data/sources.tsv");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::vector<std::string> ids;
  for (const ListSource& src : *s) ids.push_back(src.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"ofac-sdn", "ofac-cons", "csl", "bis-dpl", "un", "uk"}));
  EXPECT_EQ(s->front().files.size(), 4u);  // the OFAC CSV set: sdn.csv first, then companions
  EXPECT_EQ(s->front().files.front().name, "sdn.csv");
}

TEST(SourcesTest, MalformedLinesAreRefusedWithTheirLine) {
  auto bad = [](const std::string& text) {
    auto s = ParseSources(text, "my.tsv");
    EXPECT_FALSE(s.ok()) << text;
    return s.ok() ? std::string() : s.status().message();
  };
  EXPECT_EQ(bad("# c\nun\tun-xml\tx.xml\n"),
            "my.tsv line 2: expected 4 tab-separated fields (id, format, file, url)");
  EXPECT_EQ(bad("un\tnope\tx.xml\thttps://x/y\n"), "my.tsv line 1: unknown list format 'nope'");
  EXPECT_EQ(bad("un\tun-xml\t../x.xml\thttps://x/y\n"),
            "my.tsv line 1: invalid file name '../x.xml'");
  EXPECT_EQ(bad("un\tun-xml\tx.xml\tfile:///etc/passwd\n"),
            "my.tsv line 1: the URL must start with http:// or https://");
  EXPECT_EQ(bad("a\tun-xml\tx.xml\thttps://x/1\na\tcsl-csv\ty.csv\thttps://x/2\n"),
            "my.tsv line 2: source a was given format un-xml before");
  EXPECT_EQ(bad("a\tun-xml\tx.xml\thttps://x/1\na\tun-xml\tX.XML\thttps://x/2\n"),
            "my.tsv line 2: source a names the file X.XML twice");
  EXPECT_EQ(bad("# only comments\n"), "my.tsv: names no source");
}

}  // namespace
}  // namespace partyscreen
