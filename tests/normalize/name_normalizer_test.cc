// Name normalisation on real listed names (CSL 2022-04, OFAC SDN, UN) and their other-script forms.
#include "normalize/name_normalizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace partyscreen {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NormalizeNameTest, CommaOrderedPersonNameKeepsBothWords) {
  EXPECT_THAT(NormalizeName("CHEN, Quanguo", Schema::kPerson).tokens,
              ElementsAre("chen", "quanguo"));
}

TEST(NormalizeNameTest, LegalFormSpellingsShareOneCode) {
  // CSL EL row "Hangzhou Hikvision Digital Technology Co., Ltd." and its spelled-out form.
  const NormalizedName a = NormalizeName("Hangzhou Hikvision Digital Technology Co., Ltd.");
  const NormalizedName b = NormalizeName("HANGZHOU HIKVISION DIGITAL TECHNOLOGY COMPANY LIMITED");
  EXPECT_THAT(a.tokens, ElementsAre("hangzhou", "hikvision", "digital", "technology"));
  EXPECT_EQ(a.tokens, b.tokens);
  EXPECT_THAT(a.legal_forms, ElementsAre("LTD"));
  EXPECT_EQ(a.legal_forms, b.legal_forms);
  EXPECT_EQ(NormalizeName("杭州海康威视数字技术有限公司").legal_forms, a.legal_forms);
}

TEST(NormalizeNameTest, CyrillicLegalFormAtTheStartIsRecognised) {
  const NormalizedName n = NormalizeName("ООО Ромашка", Schema::kOrganization);
  EXPECT_THAT(n.tokens, ElementsAre("romashka"));
  EXPECT_THAT(n.legal_forms, ElementsAre("LLC"));
  EXPECT_EQ(NormalizeName("Romashka LLC", Schema::kOrganization).legal_forms, n.legal_forms);
}

// OFAC SDN "JOINT STOCK COMPANY QUORUM" arrives as "Joint Stock Co. Quorum": the abbreviated
// Russian forms are taken off the start as well as the end.
TEST(NormalizeNameTest, AbbreviatedJointStockFormsAtTheStartAreRecognised) {
  for (const char* name :
       {"Joint Stock Co. Quorum", "JOINT STOCK COMPANY QUORUM", "Open Joint Stock Quorum",
        "Public Joint Stock Co Quorum", "Quorum JSC"}) {
    const NormalizedName n = NormalizeName(name, Schema::kOrganization);
    EXPECT_THAT(n.tokens, ElementsAre("quorum")) << name;
    EXPECT_THAT(n.legal_forms, ElementsAre("JSC")) << name;
  }
}

// A legal form written with a typo is still a legal form (the typo'd word is no name): a word of
// 5+ letters one edit away, a letter slipped into a consonant abbreviation; one word of a
// multi-word form must be written right.
TEST(NormalizeNameTest, LegalFormsWithATypoAreRecognised) {
  for (const char* name : {"Limited Liaaility Company Fortap", "Joint Stock Cmpany Fortap",
                           "Jint Stock Company Fortap", "Fortap Ltvd", "Fortap Co., LpTD.",
                           "Zakrytoe Aktsionernoe Obshchestvo Fortap"}) {
    const NormalizedName n = NormalizeName(name, Schema::kOrganization);
    EXPECT_THAT(n.tokens, ElementsAre("fortap")) << name;
    EXPECT_EQ(n.legal_forms.size(), 1u) << name;
  }
  // Every word mistyped, a pronounceable short form, a person's name: left as they are.
  EXPECT_THAT(NormalizeName("Jint Stck Cmpany Fortap", Schema::kOrganization).tokens,
              ElementsAre("jint", "stck", "cmpany", "fortap"));
  EXPECT_THAT(NormalizeName("Hydro Sapa", Schema::kOrganization).tokens,
              ElementsAre("hydro", "sapa"));
  EXPECT_THAT(NormalizeName("Fortap Ltvd", Schema::kPerson).tokens, ElementsAre("fortap", "ltvd"));
}

// The romanisations the lists really use for ООО (OGRANICHENNOI: 297 times in the CSL and SDN
// files, OGRANICHENNOY 23), and a typo in every word of a form whose words are all long.
TEST(NormalizeNameTest, RomanisedFormsInTheListsSpellingAndLongFormsWithEveryWordMistyped) {
  for (const char* name : {"OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU FORTAP",
                           "OBSqCHESTVO S OGRhANICHENNOI OTVETSTVENNOSTYU FORTAP",
                           "AKTSOINERNOE OSBHCHESTVO FORTAP"}) {
    const NormalizedName n = NormalizeName(name, Schema::kOrganization);
    EXPECT_THAT(n.tokens, ElementsAre("fortap")) << name;
    EXPECT_EQ(n.legal_forms.size(), 1u) << name;
  }
  // Two long words each one edit from a form's, but not its words: a name.
  EXPECT_THAT(NormalizeName("Aktsionernaya Fortapovo", Schema::kOrganization).tokens,
              ElementsAre("aktsionernaya", "fortapovo"));
}

// Words written together with a capital inside are two words; the matcher reads two neighbouring
// words joined, so "WINTHOUGHTTECH" still meets "Winthought Tech".
TEST(NormalizeNameTest, ACapitalInsideAWordStartsAWord) {
  EXPECT_EQ(NormalizeName("Shenzhen WinthoughtTech", Schema::kOrganization).Display(),
            "shenzhen winthought technology");  // "tech" is an abbreviation of it
  EXPECT_EQ(NormalizeName("McDonald Foods", Schema::kOrganization).Display(), "mc donald foods");
  EXPECT_EQ(NormalizeName("iPhone Cases", Schema::kOrganization).Display(), "iphone cases");
  EXPECT_EQ(NormalizeName("HIKVISION", Schema::kOrganization).Display(), "hikvision");
  EXPECT_EQ(NormalizeName("SiemensAG", Schema::kOrganization).Display(), "siemens [AG]");
}

// Abbreviated forms lose their dots in transit and their letters regroup: "S.A. de C.V." arrives
// as "S A DE CV" or "sa de c v", "s.r.o." as "s ro".
TEST(NormalizeNameTest, AbbreviatedFormsWithTheirLettersRegroupedAreRecognised) {
  for (const char* name : {"Copy Red S.A. de C.V.", "copy red s a de cv", "Copy Red SA DE C V",
                           "COPY RED S DE RL DE CV"}) {
    const NormalizedName n = NormalizeName(name, Schema::kOrganization);
    EXPECT_THAT(n.tokens, ElementsAre("copy", "red")) << name;
    EXPECT_EQ(n.legal_forms.size(), 1u) << name;
  }
  EXPECT_EQ(NormalizeName("Lacno s ro", Schema::kOrganization).legal_forms,
            NormalizeName("LACNO S.R.O.", Schema::kOrganization).legal_forms);
  EXPECT_THAT(NormalizeName("Lacno s ro", Schema::kOrganization).tokens, ElementsAre("lacno"));
}

// A space lost inside or before a legal form: "JointStock Company", "Fortap JointStockCompany",
// "FortapLimited"; "Unlimited" keeps its word (too little would remain).
TEST(NormalizeNameTest, LegalFormsWithASpaceLostAreRecognised) {
  for (const char* name : {"Fortap JointStock Company", "Fortap JOINTSTOCKCOMPANY", "FortapLimited",
                           "Fortap Joint StockCompany", "LimitedLiabilityCompany Fortap"}) {
    const NormalizedName n = NormalizeName(name, Schema::kOrganization);
    EXPECT_THAT(n.tokens, ElementsAre("fortap")) << name;
    EXPECT_EQ(n.legal_forms.size(), 1u) << name;
  }
  EXPECT_THAT(NormalizeName("Unlimited", Schema::kOrganization).tokens, ElementsAre("unlimited"));
}

// "Zakrytoe Aktsionernoe ObshchestvoRassvet": the form's last word glued to the name.
TEST(NormalizeNameTest, StartFormGluedToTheNameIsSplitOff) {
  const NormalizedName n =
      NormalizeName("ZAKRYTOE AKTSIONERNOE OBSHCHESTVORASSVET", Schema::kOrganization);
  EXPECT_THAT(n.tokens, ElementsAre("rassvet"));
  EXPECT_THAT(n.legal_forms, ElementsAre("JSC"));
  // "company" begins with the form word "co" but is a legal word itself: not split.
  EXPECT_THAT(NormalizeName("Joint Stock Company Quorum", Schema::kOrganization).tokens,
              ElementsAre("quorum"));
  EXPECT_THAT(NormalizeName("Joint Stock Cobalt", Schema::kOrganization).tokens,
              ElementsAre("joint", "stock", "cobalt"));
}

TEST(NormalizeNameTest, LegalFormAloneIsKeptAsAName) {
  // Nothing would be left to compare: keep the word.
  EXPECT_THAT(NormalizeName("Company", Schema::kOrganization).tokens, ElementsAre("company"));
}

TEST(NormalizeNameTest, PersonNamesKeepWordsThatLookLikeLegalForms) {
  EXPECT_THAT(NormalizeName("Ahmad AG", Schema::kPerson).tokens, ElementsAre("ahmad", "ag"));
}

TEST(NormalizeNameTest, LeadingHonorificsAreDropped) {
  const NormalizedName n = NormalizeName("Sheikh Mohammed Ali", Schema::kPerson);
  EXPECT_THAT(n.tokens, ElementsAre("mohammed", "ali"));
  EXPECT_THAT(n.dropped, ElementsAre("sheikh"));
  // Organisation names keep them.
  EXPECT_THAT(NormalizeName("Doctor Web", Schema::kOrganization).dropped, IsEmpty());
}

TEST(NormalizeNameTest, ApostrophesJoinAndHyphensSplit) {
  EXPECT_THAT(NormalizeName("Bin'an Quan-guo").tokens, ElementsAre("binan", "quan", "guo"));
}

TEST(NormalizeNameTest, EmptyAndPunctuationOnlyNamesHaveNoTokens) {
  EXPECT_THAT(NormalizeName("").tokens, IsEmpty());
  EXPECT_THAT(NormalizeName(" ,.;- ").tokens, IsEmpty());
}

// A start form whose letters begin no word, written together with the name (made-up names).
TEST(NormalizeNameTest, AStartFormGluedToTheFirstWordIsSplitOff) {
  EXPECT_EQ(NormalizeName("OOOBRAVIKA", Schema::kOrganization).Display(), "bravika [LLC]");
  EXPECT_EQ(NormalizeName("JSCBRAVIKA Holding", Schema::kOrganization).Display(),
            "bravika holding [JSC]");
  EXPECT_EQ(NormalizeName("PJSC BRAVIKA", Schema::kOrganization).Display(), "bravika [JSC]");
  // Not when fewer than 3 letters follow (JSCB: a bank's abbreviation), nor for forms that
  // begin ordinary words ("AO", "PAO": "Paolo").
  EXPECT_EQ(NormalizeName("JSCB BRAVIKA", Schema::kOrganization).Display(), "jscb bravika");
  EXPECT_EQ(NormalizeName("PAOLOTTI", Schema::kOrganization).Display(), "paolotti");
}

}  // namespace
}  // namespace partyscreen

namespace partyscreen {
namespace {

// Issue 12 (evasion): what a reader sees is what is screened.
TEST(NameNormalizerEvasionTest, RightToLeftOverrideIsReadInDisplayOrder) {
  EXPECT_EQ(NormalizeName("\u202Enoisivkih").Display(), "hikvision");
  EXPECT_EQ(NormalizeName("Zhejiang \u202Eauhad\u202C Technology").Display(),
            "zhejiang dahua technology");
  // Other bidirectional controls are dropped without reordering anything.
  EXPECT_EQ(NormalizeName("Hik\u200Fvision\u2066").Display(), "hikvision");
}

TEST(NameNormalizerEvasionTest, LetterSpacedNamesAreJoined) {
  EXPECT_EQ(NormalizeName("H i k v i s i o n").Display(), "hikvision");
  EXPECT_EQ(NormalizeName("D a h u a Technology", Schema::kOrganization).tokens,
            (std::vector<std::string>{"dahua", "technology"}));
  // Up to three single letters are initials.
  EXPECT_EQ(NormalizeName("J R R Tolkien", Schema::kPerson).tokens,
            (std::vector<std::string>{"j", "r", "r", "tolkien"}));
}

}  // namespace
// A form glued to an organisation's last word is taken off when its letters end no word or a
// capital shows it; a form that could end a word is taken off only in another reading, when a
// further form follows it; and a short form after the last word is also read glued on (made-up
// names).
std::vector<std::string> OtherReadingsOf(std::string_view name, Schema schema) {
  std::vector<std::string> shown;
  const std::vector<NormalizedName> readings = NameReadings(name, schema);
  EXPECT_EQ(readings.front().Display(), NormalizeName(name, schema).Display());
  for (size_t i = 1; i < readings.size(); ++i) shown.push_back(readings[i].Display());
  return shown;
}

TEST(NormalizeNameTest, AGluedFormIsTakenOffWithEvidence) {
  EXPECT_EQ(NormalizeName("BRAVILTD", Schema::kOrganization).Display(), "bravi [LTD]");
  EXPECT_EQ(NormalizeName("bravigmbh", Schema::kOrganization).Display(), "bravi [GMBH]");
  EXPECT_EQ(NormalizeName("BraviCo", Schema::kOrganization).Display(), "bravi [CO]");
  // One lower-case letter in a name written in capitals is a slip, not a case change.
  EXPECT_EQ(NormalizeName("TOBApCO", Schema::kOrganization).Display(), "tobapco");
  // "co", "ab", "oy" end words: "BRAVICO", "INTERLAB" and "URENGOY" stay whole.
  EXPECT_EQ(NormalizeName("BRAVICO", Schema::kOrganization).Display(), "bravico");
  EXPECT_EQ(NormalizeName("INTERLAB", Schema::kOrganization).Display(), "interlab");
  EXPECT_EQ(NormalizeName("URENGOY", Schema::kOrganization).Display(), "urengoy");
  EXPECT_EQ(NormalizeName("BRAVICO LIMITED", Schema::kOrganization).Display(), "bravico [LTD]");
  // A form of 7+ letters glued to the word before further forms ends no name either.
  EXPECT_EQ(NormalizeName("BRAVICOMPANY LIMITED", Schema::kOrganization).Display(), "bravi [LTD]");
}

// A one-word form with its letters written apart is that form, however the dots fell.
TEST(NormalizeNameTest, AFormWithItsLettersApartIsThatForm) {
  for (const char* name : {"BRAVI S.A.S.", "BRAVI SA S", "BRAVI S A S", "BRAVI SAS"})
    EXPECT_EQ(NormalizeName(name, Schema::kOrganization).Display(), "bravi [SA]") << name;
  EXPECT_EQ(NormalizeName("BRAVI EIR L", Schema::kOrganization).Display(), "bravi [LLC]");
  EXPECT_EQ(NormalizeName("BRAVI, S.C.", Schema::kOrganization).Display(), "bravi [SC]");
  // Short words without a single letter among them are a name's words.
  EXPECT_EQ(NormalizeName("BRAVI EI RL", Schema::kOrganization).Display(), "bravi ei rl");
}

TEST(NormalizeNameTest, OtherReadingsOfGluedForms) {
  EXPECT_EQ(OtherReadingsOf("BRAVICO LIMITED", Schema::kOrganization),
            (std::vector<std::string>{"bravi [CO] [LTD]"}));
  EXPECT_EQ(OtherReadingsOf("BRAVI OY", Schema::kOrganization),
            (std::vector<std::string>{"bravioy"}));
  EXPECT_EQ(OtherReadingsOf("BRAVI CO LTD", Schema::kOrganization),
            (std::vector<std::string>{"bravico [LTD]"}));
  // Words joined by a hyphen, or by a capital inside a word, are also read as one word.
  EXPECT_EQ(OtherReadingsOf("BRAVI-STAR TRADING", Schema::kOrganization),
            (std::vector<std::string>{"bravistar trading"}));
  EXPECT_EQ(OtherReadingsOf("BraviCom Systems", Schema::kOrganization),
            (std::vector<std::string>{"bravicom systems"}));
  EXPECT_EQ(OtherReadingsOf("RI, Hong-Sop", Schema::kPerson),
            (std::vector<std::string>{"ri hongsop"}));
  EXPECT_TRUE(OtherReadingsOf("BRAVI - STAR", Schema::kOrganization).empty());  // spaced: words
  // Parts of 5+ letters each take a typo alone: no need to read them joined.
  EXPECT_TRUE(OtherReadingsOf("BRAVI-STARS", Schema::kOrganization).empty());
  // None: no form, a form that ends no word ("BRAVILTD" is read "bravi" [LTD] already), words
  // after the form that are no form, or a person.
  EXPECT_TRUE(OtherReadingsOf("BRAVICO", Schema::kOrganization).empty());
  EXPECT_TRUE(OtherReadingsOf("BRAVI LTD", Schema::kOrganization).empty());
  EXPECT_TRUE(OtherReadingsOf("BRAVIS TRADING LIMITED", Schema::kOrganization).empty());
  EXPECT_TRUE(OtherReadingsOf("BRAVICO LIMITED", Schema::kPerson).empty());
}

}  // namespace partyscreen
