// The per-code-point Latin fold (LatinToAscii) against the ICU rule chain it replaced
// (LatinToAsciiReference, "NFKC; Latin-ASCII; Lower"): same output on tricky hand-picked strings,
// on every Latin/Common/Inherited code point in several contexts, and on every name and alias of
// every real list in ../shared/lists that takes the Latin path.
#include "translit/latin_ascii.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/strings.h"
#include "partyscreen/snapshot.h"
#include "real_names.h"
#include "translit/transliterate.h"

namespace partyscreen {
namespace {

icu::UnicodeString U(std::string_view utf8) { return icu::UnicodeString::fromUTF8(utf8); }

// "U+0041 U+0301" for failure messages.
std::string CodePoints(const icu::UnicodeString& u) {
  std::string out;
  char buf[16];
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    std::snprintf(buf, sizeof buf, "%sU+%04X", out.empty() ? "" : " ",
                  static_cast<unsigned>(u.char32At(i)));
    out += buf;
  }
  return out;
}

// Empty if both paths agree on `text`, else a line describing the difference.
std::string Difference(const icu::UnicodeString& text) {
  const std::optional<std::string> fast = LatinToAscii(text);
  const std::optional<std::string> reference = LatinToAsciiReference(text);
  if (!fast || !reference) return "ICU transliterator unavailable";
  if (*fast == *reference) return "";
  std::string utf8;
  text.toUTF8String(utf8);
  return "\"" + utf8 + "\" (" + CodePoints(text) + "): fast \"" + *fast + "\", ICU chain \"" +
         *reference + "\"";
}

TEST(LatinAsciiTest, KnownFoldsOfAccentsLigaturesAndCase) {
  // Expected values from the Latin-ASCII rules as published, not from the code under test.
  EXPECT_EQ(LatinToAscii(U("Straße")), "strasse");
  EXPECT_EQ(LatinToAscii(U("Æsir ÆSIR")), "aesir aesir");
  EXPECT_EQ(LatinToAscii(U("Dumanlı İnşaat")), "dumanli insaat");
  EXPECT_EQ(LatinToAscii(U("Nguyễn Tấn Dũng")), "nguyen tan dung");
  EXPECT_EQ(LatinToAscii(U("Rose\xCC\x81n")), "rosen");  // e + combining acute
  EXPECT_EQ(LatinToAscii(U("Ｍüller ＧｍｂＨ")), "muller gmbh");
  EXPECT_EQ(LatinToAscii(U("Œuvre Łódź Þór")), "oeuvre lodz thor");
}

TEST(LatinAsciiTest, TrickyStringsFoldAsTheIcuChain) {
  const std::vector<std::string> tricky = {
      // Ligatures and letters spelled with two ASCII letters, upper/title/lower case.
      "Œuvre", "ŒUVRE", "œ", "Straße", "STRAẞE", "ẞ", "Æsir", "ÆSIR", "Æ", "æ", "Ĳssel", "ĲSSEL",
      "ĳ", "Ǆ Ǆa ǅ ǆ", "Ǳ ǲ ǳ", "Ǉ ǈ ǉ Ǌ ǋ ǌ", "ﬁnance ﬂow ﬃ ﬀ ﬆ", "ſ", "Þór ÞÓR", "Ð ð Ø ø",
      "ŉ ĸ Ŀ ŀ Ŋ ŋ Ħ ħ Đ đ", "Ꜳꜳ Ꜵ Ꝏ ꝏ",
      // Turkish dotted/dotless i, alone, in words and upper-case words.
      "Dumanlı Construction", "DUMANLI", "ı", "İ", "İstanbul", "İSTANBUL", "i̇", "I\xCC\x87",
      // Vietnamese stacked diacritics, precomposed and decomposed.
      "Nguyễn Tấn Dũng", "Phạm Nhật Vượng", "Ngô Đình Diệm", "Trần Hưng Đạo",
      "Nguye\xCC\x82\xCC\x83n", "A\xCC\x86\xCC\x81", "o\xCC\x9B\xCC\xA3",
      // Combining sequences: composable, not composable, after digits, punctuation, at the start.
      "e\xCC\x81", "E\xCC\x81\xCC\xA3", "q\xCC\x81", "Q\xCC\x8C\xCC\x8C", "1\xCC\x81",
      "a\xCC\x88\xCC\x81", "\xCC\x81",
      "\xCC\x81"
      "abc",
      " \xCC\x81x", "-\xCC\x88", "=\xCC\xB8", "x\xE2\x83\x9D",
      "k\xCD\x9C"
      "a",
      "\xC2\xA9\xCC\x81",
      // Full-width and other compatibility forms.
      "Ａｃｍｅ Ｔｒａｄｉｎｇ", "ＡＢＣ１２３", "Ⅻ ⅻ ⅷ", "① ⑴ ⒜ Ⓐ", "㎞ ㏂ ™ ℡ ℅", "½ ¾ ⅞",
      "x² H₂O", "ᴀʙᴄ", "ᵃᵇᶜ", "𝐀𝐁𝐂 𝔄 𝕏", "K Å ℌ ℓ", "µ", "Ǻ ǻ Ǽ ǽ Ǿ ǿ",
      // Ordinal indicators and numero signs.
      "1ª 2º", "Nº 5", "№ 7", "21ª Avenida", "3ᵉ étage",
      // Apostrophes and quotes.
      "O’Brien", "D‘Artagnan", "ʼAbd", "ʻOkina", "ʿAli ʾA", "«Quotes»", "„Ost“ ‚x‘", "‹a› ″b″",
      "`grave´ ˝ ˜", "Ma'ruf", "Bin Laden’s", "′ ‵",
      // Spaces, dashes and invisible characters.
      "a\xC2\xA0"
      "b",
      "a\xE2\x80\x87"
      "b",
      "a\xE2\x80\x8B"
      "b",
      "\xEF\xBB\xBF"
      "Abc",
      "a\xE2\x80\x8D"
      "b",
      "a—b–c‐d", "a…b", "a·b",
      "a\xE3\x80\x80"
      "b",
      // Latin mixed with digits and symbols.
      "Café 2000", "Société Générale 3ème", "Åland 2½", "Ø 9", "€100", "§ 5 ¶", "°C ℃ ℉",
      "Müller & Söhne GmbH", "Rosén Imports", "Łódź Müller", "Ağa Çelik Şirketi",
      // Spacing combining marks with a non-zero combining class (musical stems U+1D165, U+1D16D):
      // the one context where folding code point by code point would differ ("é" + stem).
      "\xC3\xA9\xF0\x9D\x85\xA5"
      "E",
      "z\xF0\x9D\x85\xA5\xCC\x81", "a\xF0\x9D\x85\xAD",
      // Invalid UTF-8 (both paths replace it the same way).
      "\xC3(",
      "Ab\xFF"
      "c",
      "Ma\xC3\xB1"
      "ana\xE2\x82",
      "\xED\xA0\x80"
      "x"};
  for (const std::string& s : tricky) {
    const icu::UnicodeString u = U(s);
    ASSERT_TRUE(IsLatinScript(u)) << s << " (" << CodePoints(u)
                                  << ") would not take the Latin path";
    EXPECT_EQ(Difference(u), "");
  }
}

// Every assigned code point of script Latin, Common or Inherited, alone and in the contexts that
// matter to Latin-ASCII's rules (after a Latin letter, a digit, another script's punctuation;
// before combining marks; before lower- and upper-case letters). This also runs the per-thread
// cache past kMaxCachedCodePoints.
TEST(LatinAsciiTest, EveryLatinCommonInheritedCodePointFoldsAsTheIcuChainInContext) {
  const std::vector<std::pair<icu::UnicodeString, icu::UnicodeString>> contexts = {
      {u"", u""},         {u"A", u"b"},           {u"z", u"\u0301"},
      {u"5", u"\u0308x"}, {u"\u00C6", u"a"},      {u"\u00E9", u"E"},
      {u"-", u"\u0323"},  {u"\u0131", u"\u0307"}, {u"\u0301", u"Q"}};
  size_t code_points = 0;
  std::vector<std::string> differences;
  for (UChar32 c = 0x80; c <= 0x10FFFF; ++c) {
    if (U_IS_SURROGATE(c) || u_charType(c) == U_UNASSIGNED) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
      continue;
    ++code_points;
    for (const auto& [before, after] : contexts) {
      icu::UnicodeString text(before);
      text.append(c).append(after);
      ASSERT_TRUE(IsLatinScript(text));
      if (std::string d = Difference(text); !d.empty()) differences.push_back(std::move(d));
    }
  }
  EXPECT_GT(code_points, kMaxCachedCodePoints);
  std::ostringstream first;
  for (size_t i = 0; i < differences.size() && i < 20; ++i) first << differences[i] << "\n";
  EXPECT_TRUE(differences.empty()) << differences.size() << " differences, first:\n" << first.str();
}

TEST(LatinAsciiTest, TextWithOtherScriptsIsNotLatin) {
  EXPECT_FALSE(IsLatinScript(U("Müller Мюллер")));
  EXPECT_FALSE(IsLatinScript(U("Hikvision 海康威视")));
  EXPECT_FALSE(IsLatinScript(U("Olympia Ολυμπία")));
  EXPECT_TRUE(IsLatinScript(U("")));
}

TEST(LatinAsciiTest, ThreadsFoldIndependently) {
  const std::vector<std::string> names = {"Rosén Imports", "Dumanlı Construction", "Müller GmbH",
                                          "Nguyễn Tấn Dũng", "Æsir Œuvre Straße"};
  std::vector<std::string> expected;
  for (const std::string& n : names) expected.push_back(*LatinToAsciiReference(U(n)));
  std::vector<std::vector<std::string>> got(2);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round)
        for (const std::string& n : names) got[t].push_back(*LatinToAscii(U(n)));
    });
  for (std::thread& th : threads) th.join();
  for (const auto& results : got)
    for (size_t i = 0; i < results.size(); ++i)
      ASSERT_EQ(results[i], expected[i % names.size()]) << names[i % names.size()];
}

// Runs real names through both paths: those in Latin script with a non-ASCII character are
// what ToLatinAscii sends down the fast path; ASCII ones are compared too (they never reach it).
class RealNameComparison {
 public:
  void Check(std::string_view where, std::string_view name) {
    const icu::UnicodeString u = U(name);
    if (!IsLatinScript(u)) return;
    const bool ascii = IsAscii(name);
    ++(ascii ? ascii_ : non_ascii_);
    std::string d = Difference(u);
    // ToLatinAscii itself must give the ICU chain's result.
    if (d.empty() && ToLatinAscii(name) != *LatinToAsciiReference(u))
      d = std::string(name) + ": ToLatinAscii differs from the ICU chain";
    if (!d.empty()) differences_.push_back(std::string(where) + " " + d);
  }
  size_t non_ascii() const { return non_ascii_; }
  std::string Summary() const {
    std::ostringstream out;
    out << non_ascii_ << " non-ASCII and " << ascii_ << " ASCII Latin-script names compared, "
        << differences_.size() << " differences";
    for (size_t i = 0; i < differences_.size() && i < 20; ++i) out << "\n" << differences_[i];
    return out.str();
  }
  bool same() const { return differences_.empty(); }

 private:
  size_t non_ascii_ = 0;
  size_t ascii_ = 0;
  std::vector<std::string> differences_;
};

TEST(LatinAsciiRealListsTest, EveryLatinScriptNameAndAliasFoldsAsTheIcuChain) {
  const std::vector<ListSpec> specs = testing::AllSharedLists();
  ASSERT_GE(specs.size(), 10u) << "tools/all_lists.sh gave too few lists";
  auto snapshot = LoadSnapshot(specs);
  ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  RealNameComparison comparison;
  for (const Entity& e : snapshot->entities)
    for (std::string_view name : e.AllNames()) comparison.Check(e.id, name);
  std::printf("[ info ] %zu entities: %s\n", snapshot->entities.size(),
              comparison.Summary().c_str());
  EXPECT_GT(comparison.non_ascii(), 100u);  // the lists were read
  EXPECT_TRUE(comparison.same()) << comparison.Summary();
}

TEST(LatinAsciiRealListsTest, EveryLatinScriptDevQueryFoldsAsTheIcuChain) {
  const std::vector<testing::DevQuery> queries = testing::DevQueries();
  ASSERT_FALSE(queries.empty()) << "cannot read ../shared/eval/dev.jsonl";
  RealNameComparison comparison;
  for (const testing::DevQuery& query : queries) comparison.Check(query.id, query.name);
  std::printf("[ info ] dev queries: %s\n", comparison.Summary().c_str());
  EXPECT_GT(comparison.non_ascii(), 100u);
  EXPECT_TRUE(comparison.same()) << comparison.Summary();
}

}  // namespace
}  // namespace partyscreen
