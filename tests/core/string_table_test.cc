// StringTable: strings by index, and its disk form refused when damaged.
#include "core/string_table.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

TEST(StringTableTest, KeepsStringsByIndexIncludingEmptyOnes) {
  StringTable t;
  t.Append("hikvision");
  t.Append("");
  t.Append("dahua");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0], "hikvision");
  EXPECT_EQ(t[1], "");
  EXPECT_EQ(t[2], "dahua");
}

TEST(StringTableTest, RoundTripsAndRefusesDamagedInput) {
  StringTable t;
  for (const char* s : {"urumqi", "kashgar", "hotan"}) t.Append(s);
  BinaryWriter out;
  t.Write(out);
  const std::string bytes = out.bytes();
  {
    BinaryReader in(bytes);
    StringTable back;
    ASSERT_TRUE(back.Read(in));
    ASSERT_EQ(back.size(), 3u);
    EXPECT_EQ(back[1], "kashgar");
    EXPECT_TRUE(in.at_end());
  }
  {  // an end past the buffer: refused, not read out of range
    std::string bad = bytes;
    bad[bad.size() - 4] = static_cast<char>(0x7f);
    BinaryReader in(bad);
    StringTable back;
    EXPECT_FALSE(back.Read(in));
    EXPECT_TRUE(in.failed());
    EXPECT_EQ(back.size(), 0u);
  }
  {  // truncated
    BinaryReader in(std::string_view(bytes).substr(0, bytes.size() - 3));
    StringTable back;
    EXPECT_FALSE(back.Read(in));
  }
}

}  // namespace
}  // namespace partyscreen
