#include "lists/csv.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

TEST(CsvReader, OfacQuirks) {
  // Null marker with trailing space, CRLF, quoted commas, DOS EOF byte.
  std::string data = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \r\n173,\"A, B\",\"x\"\"y\",-0- \r\n\x1A";
  CsvReader r(data, CsvOptions{',', true, false});
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 1u);
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"36", "AEROCARIBBEAN AIRLINES", "", "CUBA", ""}));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 2u);
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"173", "A, B", "x\"y", ""}));
  EXPECT_FALSE(r.Next(rec));
}

TEST(CsvReader, QuotedNewlinesKeepLineNumbers) {
  std::string data = "a,b\n\"multi\nline\",2\nlast,3\n";
  CsvReader r(data);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 2u);
  EXPECT_EQ(rec.fields[0], "multi\nline");
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 4u);
  EXPECT_EQ(rec.fields[0], "last");
}

TEST(CsvReader, UnterminatedQuoteIsReportedAndReaderResynchronises) {
  std::string data = "1,\"broken\n2,ok\n";
  CsvReader r(data);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_TRUE(rec.malformed);
  EXPECT_EQ(rec.line, 1u);
  ASSERT_TRUE(r.Next(rec));
  EXPECT_FALSE(rec.malformed);
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"2", "ok"}));
}

TEST(CsvReader, TabDelimited) {
  std::string data = "\"Name\"\t\"City\"\n\" I. ASH\"\t\"SEAGOVILLE\"\n";
  CsvReader r(data, CsvOptions{'\t', false, false});
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{" I. ASH", "SEAGOVILLE"}));
}

}  // namespace
}  // namespace partyscreen
