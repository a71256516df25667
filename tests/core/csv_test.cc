#include "core/csv.h"

#include <gtest/gtest.h>

#include "support/command.h"

namespace partyscreen {
namespace {

TEST(CsvReader, OfacQuirks) {
  // Null marker with trailing space, CRLF, quoted commas, DOS EOF byte.
  std::string data =
      "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- \r\n173,\"A, B\",\"x\"\"y\",-0- \r\n\x1A";
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

using partyscreen::testing_support::FortyRowsWithAStrayQuote;  // issue 12 item 1's input

TEST(CsvReader, StrayQuoteDoesNotSwallowTheRowsAfterIt) {
  const std::string data = FortyRowsWithAStrayQuote();
  CsvReader r(data);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));  // header
  std::vector<std::string> ids;
  std::vector<uint64_t> malformed;
  while (r.Next(rec)) {
    if (rec.malformed) {
      malformed.push_back(rec.line);
      EXPECT_NE(rec.error.find("quote opened on line 12"), std::string::npos) << rec.error;
      continue;
    }
    ids.push_back(rec.fields[0]);
  }
  EXPECT_EQ(malformed, (std::vector<uint64_t>{12}));  // c11 is on physical line 12
  ASSERT_EQ(ids.size(), 39u);
  EXPECT_EQ(ids[10], "c12");
  EXPECT_EQ(ids[23], "c25");
  EXPECT_EQ(ids.back(), "c40");
}

TEST(CsvReader, StrayQuoteClosedByADelimiterIsCaughtByTheFieldCount) {
  // The stray quote pairs with `Acme",` whose quote is followed by the delimiter: only the field
  // count (known from the header) shows the record is wrong.
  const std::string data = "id,name,country\nc1,\"Bad,CN\nc2,Ok,FR\nc3,Acme\",DE,x\nc4,Fine,IT\n";
  CsvReader r(data, CsvOptions{',', false, false, 3});
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_TRUE(rec.malformed);
  EXPECT_EQ(rec.line, 2u);
  std::vector<std::string> ids;
  while (r.Next(rec)) ids.push_back(rec.malformed ? "!" : rec.fields[0]);
  EXPECT_EQ(ids, (std::vector<std::string>{"c2", "c3", "c4"}));
}

TEST(CsvReader, StrayQuoteRunningToTheEndOfTheFileIsReportedAndLaterLinesRead) {
  const std::string data = "id,name\n1,\"never closed\n2,two\n3,three\n";
  CsvReader r(data, CsvOptions{',', false, false, 2});
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_TRUE(rec.malformed);
  EXPECT_NE(rec.error.find("not closed before the end"), std::string::npos) << rec.error;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"2", "two"}));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"3", "three"}));
  EXPECT_FALSE(r.Next(rec));
}

TEST(CsvReader, LegitimateMultiLineQuotedFieldsAreStillOneRecord) {
  // RFC 4180: a quoted field may hold newlines (the CSL has such addresses).
  const std::string data =
      "id,address,country\n1,\"Room 5, Bldg 2\nBeijing\",CN\n2,\"a "
      "\"\"quoted\"\"\nword\",US\n3,x,FR\n";
  CsvReader r(data, CsvOptions{',', false, false, 3});
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  ASSERT_TRUE(r.Next(rec));
  ASSERT_FALSE(rec.malformed) << rec.error;
  EXPECT_EQ(rec.fields[1], "Room 5, Bldg 2\nBeijing");
  ASSERT_TRUE(r.Next(rec));
  ASSERT_FALSE(rec.malformed) << rec.error;
  EXPECT_EQ(rec.line, 4u);
  EXPECT_EQ(rec.fields[1], "a \"quoted\"\nword");
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.line, 6u);
  EXPECT_EQ(rec.fields[0], "3");
}

TEST(CsvReader, QuoteInTheMiddleOfAnUnquotedFieldIsLiteral) {
  const std::string data = "1,Joe \"Jr Ltd,US\n2,b,c\n";
  CsvReader r(data);
  CsvRecord rec;
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.fields, (std::vector<std::string>{"1", "Joe \"Jr Ltd", "US"}));
  ASSERT_TRUE(r.Next(rec));
  EXPECT_EQ(rec.fields[0], "2");
}

}  // namespace
}  // namespace partyscreen
