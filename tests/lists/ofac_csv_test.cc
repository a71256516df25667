// OFAC legacy CSV sets on the real files in /work/shared/lists/ofac (see PROVENANCE.md there).
// Expected figures come from PROVENANCE.md or from counting the raw files with Python's csv module.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "list_test_util.h"
#include "lists/formats.h"
#include "lists/ofac_remarks.h"
#include "lists/parsers.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

using testutil::FindAlias;
using testutil::FindId;
using testutil::ReadBytes;

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kOfac = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac";

size_t CountAliases(const ParsedList& list, AliasQuality quality) {
  size_t n = 0;
  for (const Entity& e : list.entities)
    n += std::count_if(e.aliases.begin(), e.aliases.end(),
                       [&](const Alias& a) { return a.quality == quality; });
  return n;
}

// --- the complete 2021-07 set: sdn.csv + add.csv + alt.csv + sdn_comments.csv ---

class Sdn2021Set : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    log_ = new ParseLog(kOfac + "/sdn-2021-07/sdn.csv");
    auto r = LoadOfacCsvSet(kOfac + "/sdn-2021-07/sdn.csv", *log_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    load_ = new FormatLoad(std::move(r).value());
  }
  static void TearDownTestSuite() {
    delete load_;
    delete log_;
  }
  static FormatLoad* load_;
  static ParseLog* log_;
};
FormatLoad* Sdn2021Set::load_ = nullptr;
ParseLog* Sdn2021Set::log_ = nullptr;

TEST_F(Sdn2021Set, ReadsAllFourFilesWithTheirHashes) {
  ASSERT_EQ(load_->files.size(), 4u);
  EXPECT_THAT(load_->files[0].path, HasSubstr("sdn.csv"));
  // sha256 from PROVENANCE.md
  EXPECT_EQ(load_->files[0].sha256,
            "2a08fac873a3be0b92208f8874b2e7c138b7938190eeeb7ef991c15ba60e855b");
  EXPECT_EQ(load_->list.list_name, "OFAC Specially Designated Nationals (SDN) List");
  EXPECT_EQ(load_->list.published, "");
}

TEST_F(Sdn2021Set, EveryEntityAndCompanionRowIsJoined) {
  EXPECT_EQ(load_->list.entities.size(), 8976u);
  EXPECT_EQ(log_->skipped(), 0u);
  // 8,976 + 13,837 + 11,910 + 5 rows.
  EXPECT_EQ(log_->records_seen(), 8976u + 13837u + 11910u + 5u);
  size_t addresses = 0;
  for (const Entity& e : load_->list.entities) addresses += e.addresses.size();
  // 13,837 add.csv rows, of which 2,397 are all-null placeholders ("-0- " in every field).
  EXPECT_EQ(addresses, 13837u - 2397u);
  // 11,910 alt.csv rows; 6 repeat the primary name or another alias of the same entity.
  EXPECT_EQ(CountAliases(load_->list, AliasQuality::kStrong), 11904u);
  // Distinct quoted a.k.a./f.k.a. in the remarks once joined with sdn_comments.csv (counted with
  // Python): 2,438 in sdn.csv alone, 3 more in or completed by the continuations.
  EXPECT_EQ(CountAliases(load_->list, AliasQuality::kWeak), 2441u);
}

TEST_F(Sdn2021Set, ChenQuanguoRecord) {
  const Entity* e = FindId(load_->list, "ofac:29220");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "CHEN, Quanguo");
  EXPECT_EQ(e->source, "ofac");
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_THAT(e->programs, ElementsAre("GLOMAG"));
  EXPECT_THAT(e->birth_dates, ElementsAre("1955"));
  EXPECT_THAT(e->birth_places, ElementsAre("Pingyu, Henan, China"));
  EXPECT_EQ(e->gender, "Male");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].city, "Xinjiang");
  EXPECT_EQ(e->addresses[0].country, "CN");
  EXPECT_EQ(e->addresses[0].full, "Xinjiang, China");
  EXPECT_THAT(e->countries, ElementsAre("CN"));
  EXPECT_EQ(e->remarks, "DOB 1955; POB Pingyu, Henan, China; Gender Male.");
}

TEST_F(Sdn2021Set, RemarkContinuedInSdnCommentsIsJoinedBeforeParsing) {
  // sdn.csv cuts ent 28263's remark at 1000 characters inside "a.k.a. 'snowsjo"; sdn_comments.csv
  // continues with "hn'; Linked To: LAZARUS GROUP."
  const Entity* e = FindId(load_->list, "ofac:28263");
  ASSERT_NE(e, nullptr);
  EXPECT_THAT(e->remarks, HasSubstr("a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP."));
  const Alias* joined = FindAlias(*e, "snowsjohn");
  ASSERT_NE(joined, nullptr);
  EXPECT_EQ(joined->quality, AliasQuality::kWeak);
  EXPECT_EQ(FindAlias(*e, "snowsjo"), nullptr);
  // ent 12300 continues mid-name: "PROMO RAI" + "Z S.A.S."
  const Entity* c = FindId(load_->list, "ofac:12300");
  ASSERT_NE(c, nullptr);
  EXPECT_THAT(c->remarks, HasSubstr("Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL"));
}

TEST_F(Sdn2021Set, StrongAliasesFromAltCsvWeakOnesFromRemarks) {
  const Entity* bnc = FindId(load_->list, "ofac:306");
  ASSERT_NE(bnc, nullptr);
  ASSERT_EQ(bnc->aliases.size(), 2u);
  EXPECT_EQ(bnc->aliases[0].name, "NATIONAL BANK OF CUBA");
  EXPECT_EQ(bnc->aliases[0].quality, AliasQuality::kStrong);
  EXPECT_EQ(bnc->aliases[0].type, "aka");
  // sdn.xml of 2019 marks BNC <category>weak</category>; the CSV has it only in the remark.
  EXPECT_EQ(bnc->aliases[1].name, "BNC");
  EXPECT_EQ(bnc->aliases[1].quality, AliasQuality::kWeak);
  EXPECT_EQ(bnc->schema, Schema::kOrganization);
  EXPECT_EQ(bnc->addresses.size(), 4u);
}

TEST_F(Sdn2021Set, CircaAndRangeBirthDates) {
  // sdn.csv line 725: "DOB circa 1951; POB Foca, Bosnia-Herzegovina."
  const Entity* circa = FindId(load_->list, "ofac:7782");
  ASSERT_NE(circa, nullptr);
  EXPECT_THAT(circa->birth_dates, ElementsAre("1951"));
  EXPECT_THAT(circa->birth_places, ElementsAre("Foca, Bosnia-Herzegovina"));
  // line 3342: "DOB 1929 to 1930; Linked To: SUMIYOSHI-KAI."
  const Entity* range = FindId(load_->list, "ofac:15496");
  ASSERT_NE(range, nullptr);
  EXPECT_THAT(range->birth_dates, ElementsAre("1929", "1930"));
}

TEST_F(Sdn2021Set, VesselFieldsBecomeIdentifiersAndCountries) {
  size_t vessels = 0, with_imo = 0;
  for (const Entity& e : load_->list.entities) {
    if (e.schema != Schema::kVessel) continue;
    ++vessels;
    if (std::any_of(e.identifiers.begin(), e.identifiers.end(),
                    [](const Identifier& i) { return i.type == "IMO"; }))
      ++with_imo;
  }
  EXPECT_GT(vessels, 0u);
  EXPECT_GT(with_imo, vessels / 2);
}

// --- 2024-07-02 sdn.csv: no companions, so remark aliases are the only aliases ---

TEST(OfacCsv2024, ParsesEveryEntryAndTheRemarkAliases) {
  ParseLog log(kOfac + "/sdn-2024-07-02/sdn.csv");
  auto r = ParseOfacCsv(ReadBytes(kOfac + "/sdn-2024-07-02/sdn.csv"), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 15443u);
  EXPECT_EQ(log.skipped(), 0u);
  // Counted with Python: 3,792 distinct quoted a.k.a./f.k.a./n.k.a. over 2,194 entities, none
  // strong.
  EXPECT_EQ(CountAliases(*r, AliasQuality::kWeak), 3792u);
  EXPECT_EQ(CountAliases(*r, AliasQuality::kStrong), 0u);
  // 3 remarks stop at 1000 characters inside a quoted alias and have no continuation here.
  size_t cut_notes = 0;
  for (const ParseIssue& i : log.issues())
    cut_notes += i.reason.find("cut at 1000") != std::string::npos;
  EXPECT_EQ(cut_notes, 3u);

  const Entity* chen = FindId(*r, "ofac:29220");
  ASSERT_NE(chen, nullptr);
  EXPECT_THAT(chen->birth_dates, ElementsAre("1955"));
  EXPECT_TRUE(chen->addresses.empty());  // addresses live in add.csv, absent for this date
}

TEST(OfacCsv2024, AliasWithApostropheAndFormerNames) {
  ParseLog log("sdn.csv");
  const std::string row =
      "1,\"TEST VESSEL\",\"vessel\",\"IRAN] [SDGT\",-0- ,\"9BQK\",\"Crude Oil Tanker\",-0- "
      ",\"160,000\",\"Iran\","
      "-0- ,\"Vessel Registration Identification IMO 9187629; f.k.a. 'ANA I'; a.k.a. 'AL-QA'IDA'; "
      "weak a.k.a. 'SHORT'; n.k.a. 'NEW NAME'; MMSI 572469210; Linked To: NATIONAL IRANIAN TANKER "
      "COMPANY.\"\r\n\x1A";
  auto r = ParseOfacCsv(row, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->entities.size(), 1u);
  const Entity& e = r->entities[0];
  EXPECT_EQ(e.schema, Schema::kVessel);
  EXPECT_THAT(e.programs, ElementsAre("IRAN", "SDGT"));
  ASSERT_EQ(e.aliases.size(), 4u);
  EXPECT_EQ(e.aliases[0].name, "ANA I");
  EXPECT_EQ(e.aliases[0].type, "fka");
  EXPECT_EQ(e.aliases[1].name, "AL-QA'IDA");
  EXPECT_EQ(e.aliases[2].name, "SHORT");
  EXPECT_EQ(e.aliases[2].quality, AliasQuality::kWeak);
  EXPECT_EQ(e.aliases[3].type, "nka");
  EXPECT_THAT(e.countries, ElementsAre("IR"));
  auto has_id = [&](std::string_view type, std::string_view value) {
    return std::any_of(e.identifiers.begin(), e.identifiers.end(),
                       [&](const Identifier& i) { return i.type == type && i.value == value; });
  };
  EXPECT_TRUE(has_id("IMO", "9187629"));
  EXPECT_TRUE(has_id("MMSI", "572469210"));
  EXPECT_TRUE(has_id("Call Sign", "9BQK"));
  EXPECT_THAT(e.remarks, HasSubstr("Linked To: NATIONAL IRANIAN TANKER COMPANY."));
  EXPECT_THAT(e.remarks, HasSubstr("Vessel Type Crude Oil Tanker"));
}

TEST(OfacRemarks, IdentifiersNationalitiesAndDateRanges) {
  Entity e;
  ApplyOfacRemarks(
      "DOB circa 1960; alt. DOB 1961 to 1962; nationality Iran; citizen Korea, North; Passport "
      "A123 (Iran) issued "
      "01 Jan 2000 expires 31 Dec 2005; National ID No. 0012 (Iran); Tax ID No. AABA 670850 Y; "
      "alt. POB Tehran, Iran; "
      "Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo.",
      e);
  EXPECT_THAT(e.birth_dates, ElementsAre("1960", "1961", "1962"));
  EXPECT_THAT(e.nationalities, ElementsAre("IR", "KP"));
  EXPECT_THAT(e.birth_places, ElementsAre("Tehran, Iran"));
  ASSERT_EQ(e.identifiers.size(), 4u);
  EXPECT_EQ(e.identifiers[0].type, "Passport");
  EXPECT_EQ(e.identifiers[0].value, "A123");
  EXPECT_EQ(e.identifiers[0].country, "IR");
  EXPECT_EQ(e.identifiers[0].note, "issued 01 Jan 2000 expires 31 Dec 2005");
  EXPECT_EQ(e.identifiers[1].type, "National ID No.");
  EXPECT_EQ(e.identifiers[2].value, "AABA 670850 Y");
  EXPECT_EQ(e.identifiers[3].type, "Digital Currency Address - XBT");
  EXPECT_EQ(e.identifiers[3].value, "1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo");
}

TEST(OfacRemarks, NicknameInDoubledQuotesAndLeadingAyn) {
  // Real remarks of ent 6925 and 7150 (2024-07-02 sdn.csv).
  Entity e;
  ApplyOfacRemarks("a.k.a. ''FOOPIE''; a.k.a. ''ABD AL-MUHSI'; a.k.a. 'AL-QA'IDA'.", e);
  ASSERT_EQ(e.aliases.size(), 3u);
  EXPECT_EQ(e.aliases[0].name, "FOOPIE");
  EXPECT_EQ(e.aliases[1].name, "'ABD AL-MUHSI");
  EXPECT_EQ(e.aliases[2].name, "AL-QA'IDA");
}

TEST(OfacRemarks, QuotedAliasContainingSemicolonStaysOneItem) {
  EXPECT_THAT(SplitOfacRemarkItems("a.k.a. 'A; B'; DOB 1950."),
              ElementsAre("a.k.a. 'A; B'", "DOB 1950."));
}

// --- the non-SDN consolidated set ---

TEST(OfacConsCsv, NonSdnSetWithHikvision) {
  ParseLog log(kOfac + "/nonsdn-2025-12/cons_prim.csv");
  auto r = LoadOfacCsvSet(kOfac + "/nonsdn-2025-12/cons_prim.csv", log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files.size(), 4u);
  EXPECT_EQ(r->list.entities.size(), 442u);
  EXPECT_EQ(r->list.list_name, "OFAC Consolidated (non-SDN) List");
  EXPECT_EQ(log.skipped(), 0u);
  // cons_alt.csv: 1,073 rows, 2 repeats; remarks + cons_comments.csv: 72 quoted aliases (Python).
  EXPECT_EQ(CountAliases(r->list, AliasQuality::kStrong), 1071u);
  EXPECT_EQ(CountAliases(r->list, AliasQuality::kWeak), 72u);
  const Entity* e = FindId(r->list, "ofac-cons:30946");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->source, "ofac-cons");
  EXPECT_EQ(e->name, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.");
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_THAT(e->programs, ElementsAre("CMIC-EO13959"));
  ASSERT_NE(FindAlias(*e, "HIKVISION"), nullptr);
  ASSERT_NE(FindAlias(*e, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY"), nullptr);
  EXPECT_EQ(FindAlias(*e, "HIKVISION")->quality, AliasQuality::kStrong);
  EXPECT_THAT(e->countries, ElementsAre("CN"));
}

// --- companions alone, and LoadSnapshot ---

TEST(OfacCsvLoad, CompanionAloneIsAClearError) {
  ParseLog log(kOfac + "/sdn-2025-12-partial/add.csv");
  auto r = LoadOfacCsvSet(kOfac + "/sdn-2025-12-partial/add.csv", log);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("add.csv is a companion file of OFAC's sdn.csv"));
  EXPECT_THAT(r.status().message(), HasSubstr("there is no sdn.csv beside it"));
  auto snap = LoadSnapshot({{kOfac + "/sdn-2025-12-partial", "ofac-csv"}});
  ASSERT_FALSE(snap.ok());
  EXPECT_THAT(snap.status().message(), HasSubstr("cannot form a list alone"));
}

TEST(OfacCsvLoad, SnapshotFromDirectoryOrSdnCsvLoadsTheJoinedSet) {
  for (const std::string& path : {kOfac + "/sdn-2021-07", kOfac + "/sdn-2021-07/sdn.csv"}) {
    auto snap = LoadSnapshot({{path, "ofac-csv"}});
    ASSERT_TRUE(snap.ok()) << path << ": " << snap.status().ToString();
    EXPECT_EQ(snap->entities.size(), 8976u) << path;
    ASSERT_EQ(snap->sources.size(), 1u) << path;
    EXPECT_EQ(snap->sources[0].files.size(), 4u) << path;
    EXPECT_EQ(snap->sources[0].skipped, 0u) << path;
    const Entity* chen = snap->Find("ofac:29220");
    ASSERT_NE(chen, nullptr) << path;
    ASSERT_EQ(chen->addresses.size(), 1u) << path;
    const Entity* xpsb = snap->Find("ofac:29159");
    ASSERT_NE(xpsb, nullptr) << path;
    EXPECT_NE(FindAlias(*xpsb, "PUBLIC SECURITY DEPARTMENT OF XUAR"), nullptr) << path;
  }
}

// --- bad input ---

TEST(OfacCsvBadInput, TruncatedMidRecordKeepsEverythingBefore) {
  const std::string full = ReadBytes(kOfac + "/sdn-2021-07/sdn.csv");
  // Cut in the middle of line 101 (inside its quoted name).
  size_t pos = 0;
  for (int line = 1; line < 101; ++line) pos = full.find('\n', pos) + 1;
  ParseLog log("sdn.csv");
  auto r = ParseOfacCsv(std::string_view(full).substr(0, pos + 8), log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 100u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 101u);
  EXPECT_EQ(log.issues()[0].file, "sdn.csv");
}

// Issue 12 item 1: an unterminated quote in the last field of line 5 (475 CASA DE CUBA) ran into
// line 6 and dropped 480 CECOEX with no skip of its own.
TEST(OfacCsvBadInput, StrayQuoteDoesNotDropTheNextEntry) {
  std::string full = ReadBytes(kOfac + "/sdn-2021-07/sdn.csv");
  size_t line5 = 0;
  for (int line = 1; line < 5; ++line) line5 = full.find('\n', line5) + 1;
  const size_t end5 = full.find('\n', line5);
  ASSERT_EQ(full.compare(line5, 4, "475,"), 0);
  const size_t last = full.rfind(",-0- ", end5);
  full.insert(last + 1, "\"");  // ...,"-0- <CR><LF>480,"CECOEX, S.A.",...
  ParseLog log("sdn.csv");
  auto r = ParseOfacCsv(full, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 8975u);  // every entry but 475 (8,976 in the file)
  EXPECT_NE(FindId(*r, "ofac:480"), nullptr);
  EXPECT_EQ(FindId(*r, "ofac:475"), nullptr);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 5u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("quote opened on line 5"));
}

TEST(OfacCsvBadInput, RowWithWrongFieldCountIsSkippedWithItsLine) {
  ParseLog log("sdn.csv");
  const std::string data =
      "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "37,\"SHORT ROW\",-0- ,\"CUBA\"\r\n"
      "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. "
      "'BNC'.\"\r\n";
  auto r = ParseOfacCsv(data, log);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entities.size(), 2u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 2u);
  EXPECT_THAT(log.issues()[0].reason, HasSubstr("expected 12 fields, found 4"));
}

TEST(OfacCsvBadInput, CompanionProblemsNameTheCompanionFile) {
  OfacCsvSet set;
  set.primary =
      "29220,\"CHEN, Quanguo\",\"individual\",\"GLOMAG\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
      "\r\n";
  set.add =
      "29220,44204,-0- ,\"Xinjiang\",\"China\",-0- \r\n29220,1,\"only three\"\r\n777,2,-0- "
      ",\"X\",\"Y\",-0- \r\n";
  set.primary_label = "sdn.csv";
  set.add_label = "add.csv";
  ParseLog log("sdn.csv");
  auto r = ParseOfacCsvSet(set, log);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->entities.size(), 1u);
  EXPECT_EQ(r->entities[0].addresses.size(), 1u);
  ASSERT_EQ(log.skipped(), 2u);
  EXPECT_EQ(log.issues()[0].file, "add.csv");
  EXPECT_EQ(log.issues()[0].line, 2u);
  EXPECT_EQ(log.issues()[1].file, "add.csv");
  EXPECT_EQ(log.issues()[1].line, 3u);
  EXPECT_THAT(log.issues()[1].reason, HasSubstr("ent_num 777 is not in sdn.csv"));
}

TEST(OfacCsvBadInput, TruncatedCompanionKeepsItsCompleteRows) {
  const std::string alt = ReadBytes(kOfac + "/sdn-2021-07/alt.csv");
  // Cut inside the quoted alt_name of line 500.
  size_t pos = 0;
  for (int line = 1; line < 500; ++line) pos = alt.find('\n', pos) + 1;
  const std::string cut = alt.substr(0, alt.find(",\"", alt.find(",\"", pos) + 2) + 4);
  const std::string sdn = ReadBytes(kOfac + "/sdn-2021-07/sdn.csv");
  OfacCsvSet set;
  set.primary = sdn;
  set.alt = cut;
  set.primary_label = "sdn.csv";
  set.alt_label = "alt.csv";
  ParseLog log("sdn.csv");
  auto r = ParseOfacCsvSet(set, log);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entities.size(), 8976u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].file, "alt.csv");
  EXPECT_EQ(log.issues()[0].line, 500u);
  EXPECT_EQ(log.records_seen(), 8976u + 500u);
}

TEST(OfacCsvBadInput, GarbageBytesAreNotAList) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 131 + 17) % 256);
  ParseLog log("garbage.csv");
  auto r = ParseOfacCsv(garbage, log);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
  EXPECT_THAT(r.status().message(), HasSubstr("garbage.csv: not an OFAC sdn.csv file"));
  ParseLog empty_log("empty.csv");
  EXPECT_FALSE(ParseOfacCsv("", empty_log).ok());
}

TEST(OfacCsvBadInput, GarbageRowInsideARealFileIsSkipped) {
  std::string data = ReadBytes(kOfac + "/nonsdn-2025-12/cons_prim.csv");
  const size_t second_line = data.find('\n') + 1;
  data.insert(second_line, "\x01\xff\xfe garbage \"unterminated\r\n");
  ParseLog log("cons_prim.csv");
  auto r = ParseOfacConsCsv(data, log);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities.size(), 442u);
  ASSERT_EQ(log.skipped(), 1u);
  EXPECT_EQ(log.issues()[0].line, 2u);
}

}  // namespace
}  // namespace partyscreen
