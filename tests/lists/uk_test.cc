// UK consolidated list parsers on the real files in /work/shared/lists/uk (see PROVENANCE.md
// there): the 2018 HM Treasury CSV (Windows-1252) and the 2025 OFSI workbook (2022 layout).
// Expected figures come from PROVENANCE.md or from reading the raw files with Python's csv module
// (cp1252) and a regex over the workbook XML.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "core/strings.h"
#include "list_test_util.h"
#include "lists/encoding.h"
#include "lists/formats.h"
#include "lists/parsers.h"
#include "lists/xlsx.h"
#include "test_zip.h"

namespace partyscreen {
namespace {

using testutil::FindAlias;
using testutil::FindId;
using testutil::FindIdentifier;
using testutil::ReadBytes;

using test_zip::MakeWorkbook;
using ::testing::Contains;
using ::testing::HasSubstr;

const std::string kUk = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/uk";
const std::string kHmtPath = kUk + "/hmt-2018-04/sanctionsconlist.csv";
const std::string kOfsiPath = kUk + "/ofsi-2025-04/UK_Sanctions_List.xlsx";

// --- HM Treasury CSV, April 2018 ---

class HmtCsv : public testutil::ParsedFileSuite<HmtCsv> {
 public:
  static std::string Path() { return kHmtPath; }
  static Result<ParsedList> Parse(std::string_view data, ParseLog& log) {
    return ParseUkHmtCsv(data, log);
  }
};

TEST_F(HmtCsv, CountsAgreeWithProvenance) {
  EXPECT_EQ(log_->records_seen(), 9487u);    // name rows
  EXPECT_EQ(list_->entities.size(), 2106u);  // Group IDs
  EXPECT_EQ(log_->skipped(), 0u);
  EXPECT_EQ(list_->published, "2018-04-13");
  EXPECT_EQ(list_->list_name, "UK HM Treasury Consolidated List");
  const size_t people = std::count_if(list_->entities.begin(), list_->entities.end(),
                                      [](const Entity& e) { return e.schema == Schema::kPerson; });
  EXPECT_GT(people, 0u);
  EXPECT_LT(people, list_->entities.size());
}

TEST_F(HmtCsv, DetectedAsUkHmtCsv) {
  auto format = DetectFormat(kHmtPath, *bytes_);
  ASSERT_TRUE(format.ok());
  EXPECT_EQ((*format)->name, "uk-hmt-csv");
}

TEST_F(HmtCsv, GroupOfNameRowsBecomesOneEntityWithPrimeAliasAsName) {
  // Group 13349: 16 rows; "Prime Alias" AL-HABABI, AKAs such as " AL-QAHTANI,Sheikh,Farooq".
  const Entity* e = FindId(*list_, "uk:13349");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "uk");
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->name, "Nayef Salam Muhammad Ujaym AL-HABABI");
  EXPECT_NE(FindAlias(*e, "Sheikh Farooq AL-QAHTANI"), nullptr);  // leading space of Name 6 trimmed
  EXPECT_NE(FindAlias(*e, "Imran Farouk SHAYKH"), nullptr);
  EXPECT_EQ(FindAlias(*e, "Nayef Salam Muhammad Ujaym AL-HABABI"), nullptr);  // name not repeated
  EXPECT_THAT(e->birth_dates, Contains("1980"));                              // 00/00/1980
  EXPECT_THAT(e->birth_dates, Contains("1981"));
  EXPECT_THAT(e->nationalities, Contains("SA"));  // "1) Saudi Arabia 2) Qatar"
  EXPECT_THAT(e->nationalities, Contains("QA"));
  EXPECT_THAT(e->programs, Contains("The ISIL (Da'esh) and Al-Qaida organisations"));
  EXPECT_EQ(e->start_date, "2016-04-01");
  ASSERT_NE(FindIdentifier(*e, "Passport"), nullptr);
  EXPECT_THAT(FindIdentifier(*e, "Passport")->value, HasSubstr("592667"));
  EXPECT_THAT(e->remarks, HasSubstr("UN Ref QDe.004"));
}

TEST_F(HmtCsv, Windows1252NamesAreConvertedToUtf8) {
  // Line 7080: "NGENDAKUMANA,L\xE9onard"; line 1400: "AL-HUTHI,\x91Abd al-Khaliq" (left single
  // quote).
  auto by_name = [&](std::string_view name) {
    return std::find_if(list_->entities.begin(), list_->entities.end(), [&](const Entity& e) {
             return e.name == name || FindAlias(e, name) != nullptr;
           }) != list_->entities.end();
  };
  EXPECT_TRUE(by_name("L\u00e9onard NGENDAKUMANA"));
  EXPECT_TRUE(by_name("\u2018Abd al-Khaliq Badr al-Din AL-HUTHI"));
  EXPECT_TRUE(by_name("GROUPE ISLAMIQUE ARM\u00c9"));
  for (const Entity& e : list_->entities) ASSERT_TRUE(IsValidUtf8(e.name)) << e.id;
}

TEST_F(HmtCsv, TruncatedFileKeepsEveryRowBeforeTheCut) {
  // Cut in the middle of line 5001 (a data row): lines 3..5000 are whole.
  size_t at = 0;
  for (int line = 1; line < 5001; ++line) at = bytes_->find('\n', at) + 1;
  const std::string cut = bytes_->substr(0, at + 20);
  ParseLog log("cut.csv");
  auto r = ParseUkHmtCsv(cut, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(log.records_seen(), 5000u - 2u + 1u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 5001u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("expected 29 fields"));
  EXPECT_GT(r->entities.size(), 1000u);
}

TEST_F(HmtCsv, BrokenRowIsSkippedWithItsLineAndTheRestKept) {
  // An unterminated quote on a new line 3; the reader resynchronises on the next line.
  std::string broken = *bytes_;
  const size_t line3 = broken.find('\n', broken.find('\n') + 1) + 1;
  broken.insert(line3, "BROKEN,\"unterminated,,\n");
  ParseLog log("broken.csv");
  auto r = ParseUkHmtCsv(broken, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 2106u);
  ASSERT_GE(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 3u);
}

TEST_F(HmtCsv, ByteUndefinedInWindows1252SkipsOnlyThatRow) {
  std::string bad = *bytes_;
  const size_t line3 = bad.find('\n', bad.find('\n') + 1) + 1;
  bad[line3 + 1] = '\x81';  // " AL-QAHTANI" -> " \x81L-QAHTANI"
  ParseLog log("bad1252.csv");
  auto r = ParseUkHmtCsv(bad, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 3u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("0x81"));
  EXPECT_EQ(r->entities.size(), 2106u);  // group 13349 has 15 other rows
}

TEST(UkHmtCsvErrors, FileWithoutHeaderIsAnErrorNamingTheFile) {
  ParseLog log("noheader.csv");
  auto r = ParseUkHmtCsv("Last Updated,13/04/2018\nfoo,bar\n", log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("noheader.csv"));
  EXPECT_THAT(r.status().message(), HasSubstr("Group ID"));
}

TEST(UkHmtCsvErrors, Utf8FileIsAcceptedAsIs) {
  const std::string csv =
      "Last Updated,01/02/2022\n"
      "Name 6,Name 1,Group Type,Alias Type,Group ID\n"
      "M\xC3\x9CLLER,J\xC3\xBCrgen,Individual,Primary name,1\n";
  ParseLog log("utf8.csv");
  auto r = ParseUkHmtCsv(csv, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].name, "J\u00fcrgen M\u00dcLLER");
  EXPECT_EQ(r->published, "2022-02-01");
}

TEST(Windows1252, DecodesCurlyQuotesAndRejectsUndefinedBytes) {
  auto ok = Windows1252ToUtf8("\x91x\x92 \xE9\x80");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "\u2018x\u2019 \u00e9\u20ac");
  auto bad = Windows1252ToUtf8("ab\x9D");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("0x9D at offset 2"));
}

TEST(ScriptOf, NamesTheScriptFromCodePoints) {
  EXPECT_EQ(ScriptOf("\u0425\u0438\u0437\u0440\u0438"), "Cyrillic");
  EXPECT_EQ(ScriptOf("\u064a\u0627\u0633\u0631"), "Arabic");
  EXPECT_EQ(ScriptOf("\u9648\u660e\u56fd"), "Han");
  EXPECT_EQ(ScriptOf("Chen Mingguo (1966)"), "");
}

// --- OFSI workbook, April 2025 (2022 layout) ---

class OfsiXlsx : public testutil::ParsedFileSuite<OfsiXlsx> {
 public:
  static std::string Path() { return kOfsiPath; }
  static Result<ParsedList> Parse(std::string_view data, ParseLog& log) {
    return ParseUkOfsiXlsx(data, log);
  }
};

TEST_F(OfsiXlsx, CountsAgreeWithProvenance) {
  EXPECT_EQ(log_->records_seen(), 18796u);
  EXPECT_EQ(list_->entities.size(), 4686u);
  EXPECT_EQ(log_->skipped(), 0u);
  EXPECT_EQ(list_->published, "2025-04-10");
  const size_t vessels = std::count_if(list_->entities.begin(), list_->entities.end(),
                                       [](const Entity& e) { return e.schema == Schema::kVessel; });
  EXPECT_GT(vessels, 0u);  // Group Type "Ship"
}

TEST_F(OfsiXlsx, MarchTwentyTwentyOneXinjiangDesignations) {
  // Row 4909: CHEN, MINGGUO; Group ID 14074; GHR0075; DOB 10/1966; listed 22/03/2021.
  const Entity* e = FindId(*list_, "uk:14074");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "MINGGUO CHEN");
  EXPECT_EQ(e->schema, Schema::kPerson);
  const Identifier* ref = FindIdentifier(*e, "UK Sanctions List Ref");
  ASSERT_NE(ref, nullptr);
  EXPECT_EQ(ref->value, "GHR0075");
  EXPECT_THAT(e->programs, Contains("Global Human Rights"));
  EXPECT_EQ(e->start_date, "2021-03-22");
  EXPECT_THAT(e->birth_dates, Contains("1966-10"));
  EXPECT_THAT(e->nationalities, Contains("CN"));
  EXPECT_THAT(e->countries, Contains("CN"));
  EXPECT_EQ(e->gender, "Male");
  EXPECT_THAT(e->remarks, HasSubstr("Xinjiang Uyghur Autonomous Region"));
  // The other four of the same day, by UK reference.
  for (std::string_view wanted : {"GHR0076", "GHR0077", "GHR0078", "GHR0079"}) {
    const bool found =
        std::any_of(list_->entities.begin(), list_->entities.end(), [&](const Entity& x) {
          const Identifier* id = FindIdentifier(x, "UK Sanctions List Ref");
          return id && id->value == wanted && x.start_date == "2021-03-22";
        });
    EXPECT_TRUE(found) << wanted;
  }
}

TEST_F(OfsiXlsx, NonLatinNamesBecomeAliasesWithTheirScript) {
  const Entity* e = FindId(*list_, "uk:14241");  // ABAKAROV, Khizri Magomedovich
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "Khizri Magomedovich ABAKAROV");
  const Alias* cyrillic =
      FindAlias(*e,
                "\u0425\u0438\u0437\u0440\u0438 \u041c\u0430\u0433\u043e\u043c\u0435\u0434"
                "\u043e\u0432\u0438\u0447 \u0410\u0431\u0430\u043a\u0430\u0440\u043e\u0432");
  ASSERT_NE(cyrillic, nullptr);
  EXPECT_EQ(cyrillic->script, "Cyrillic");
  EXPECT_EQ(cyrillic->type, "original_script");
  size_t arabic = 0, han = 0;
  for (const Entity& x : list_->entities)
    for (const Alias& a : x.aliases) {
      arabic += a.script == "Arabic";
      han += a.script == "Han";
    }
  EXPECT_GT(arabic, 0u);
  EXPECT_GT(han, 0u);
}

TEST_F(OfsiXlsx, LowQualityAliasesAreWeak) {
  size_t weak = 0;
  for (const Entity& e : list_->entities)
    weak += std::count_if(e.aliases.begin(), e.aliases.end(),
                          [](const Alias& a) { return a.quality == AliasQuality::kWeak; });
  EXPECT_GT(weak, 0u);  // 1,286 rows say "Low quality" (some repeat a name)
  EXPECT_LE(weak, 1286u);
}

TEST_F(OfsiXlsx, TruncatedWorkbookIsAClearError) {
  ParseLog log("cut.xlsx");
  auto r = ParseUkOfsiXlsx(bytes_->substr(0, bytes_->size() / 2), log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("cut.xlsx"));
}

TEST_F(OfsiXlsx, CorruptedZipBytesAreAClearError) {
  std::string bad = *bytes_;
  for (size_t i = 100; i < bad.size(); i += 997) bad[i] = static_cast<char>(bad[i] ^ 0x5A);
  ParseLog log("corrupt.xlsx");
  auto r = ParseUkOfsiXlsx(bad, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("corrupt.xlsx"));
}

TEST(UkOfsiXlsxErrors, NotAZipIsAnError) {
  ParseLog log("plain.xlsx");
  auto r = ParseUkOfsiXlsx("Name 6,Group ID\n", log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("plain.xlsx"));
}

const char kHeaderRow[] =
    R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Name 6</t></is></c><c r="B2" t="inlineStr"><is><t>Name 1</t></is></c>)"
    R"(<c r="C2" t="inlineStr"><is><t>Group Type</t></is></c><c r="D2" t="inlineStr"><is><t>Alias Type</t></is></c>)"
    R"(<c r="E2" t="inlineStr"><is><t>Group ID</t></is></c></row>)";

std::string Sheet(const std::string& rows) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

TEST(UkOfsiXlsxErrors, SheetWithoutHeaderIsAnError) {
  const std::string xlsx =
      MakeWorkbook(Sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>)"));
  ASSERT_FALSE(xlsx.empty());
  ParseLog log("noheader.xlsx");
  auto r = ParseUkOfsiXlsx(xlsx, log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("Group ID"));
}

TEST(UkOfsiXlsxErrors, SkippedCellsSharedRichTextAndNumbersLandInTheirColumns) {
  // Row 3 leaves B..C empty by reference and holds a rich-text shared string and a numeric id.
  const std::string shared =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>ACME </t></r>)"
      R"(<r><rPr><b/></rPr><t>TRADING</t></r></si><si><t>Entity</t></si></sst>)";
  const std::string rows =
      std::string(kHeaderRow) +
      R"(<row r="3"><c r="A3" t="s"><v>0</v></c><c r="D3" t="inlineStr"><is><t>Primary name</t>)"
      R"(</is></c><c r="E3"><v>42</v></c></row>)";
  ParseLog log("small.xlsx");
  auto r = ParseUkOfsiXlsx(MakeWorkbook(Sheet(rows), shared), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].id, "uk:42");
  EXPECT_EQ(r->entities[0].name, "ACME TRADING");
}

// Issue 12 item 2: a sheet cut short is refused (it used to keep the rows before the damage).
TEST(UkOfsiXlsxErrors, DamagedSheetXmlIsRefused) {
  std::string rows = kHeaderRow;
  for (int i = 3; i <= 6; ++i) {
    const std::string n = std::to_string(i);
    rows += "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"inlineStr\"><is><t>NAME" + n +
            "</t></is></c><c r=\"E" + n + "\"><v>" + n + "</v></c></row>";
  }
  std::string sheet = Sheet(rows);
  sheet = sheet.substr(0, sheet.find("<row r=\"6\"") + 30);  // row 6 cut in the middle, no end tags
  ParseLog log("damaged.xlsx");
  auto r = ParseUkOfsiXlsx(MakeWorkbook(sheet), log);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("damaged.xlsx"));
  EXPECT_THAT(r.status().message(), HasSubstr("not well-formed"));
  EXPECT_THAT(r.status().message(), HasSubstr("after row 5"));
}

TEST(UkOfsiXlsxErrors, SharedStringIndexOutOfRangeSkipsTheRow) {
  const std::string rows =
      std::string(kHeaderRow) +
      R"(<row r="3"><c r="A3" t="s"><v>99</v></c><c r="E3"><v>7</v></c></row>)"
      R"(<row r="4"><c r="A4" t="inlineStr"><is><t>OK</t></is></c><c r="E4"><v>8</v></c></row>)";
  ParseLog log("badindex.xlsx");
  auto r = ParseUkOfsiXlsx(MakeWorkbook(Sheet(rows)), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 3u);
}

TEST(XlsxColumns, LettersToIndex) {
  EXPECT_EQ(ColumnIndex("A"), 0);
  EXPECT_EQ(ColumnIndex("Z"), 25);
  EXPECT_EQ(ColumnIndex("AA"), 26);
  EXPECT_EQ(ColumnIndex("AJ"), 35);
  EXPECT_EQ(ColumnIndex("XFD"), 16383);
  EXPECT_EQ(ColumnIndex("XFE"), -1);
  EXPECT_EQ(ColumnIndex(""), -1);
  EXPECT_EQ(ColumnIndex("A1"), -1);
}

}  // namespace
}  // namespace partyscreen
