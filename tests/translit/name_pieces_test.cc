// ToLatinAscii cuts non-Latin text into independent pieces (name_pieces.h) and memoises each
// piece's transliteration per thread (piece_memo.h). These tests prove that this gives exactly
// the whole-text result (ToLatinAsciiUnmemoised) on hand-picked tricky names, on every assigned
// code point that can stand next to a cut, on every name and alias of every real list, on every
// dev-set query and on recombinations of their words as customer registers are made
// (tools/make_customers.py); and that the memo is bounded and recency-aware.
#include "translit/name_pieces.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <cstdio>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "partyscreen/snapshot.h"
#include "real_names.h"
#include "translit/latin_ascii.h"
#include "translit/piece_memo.h"
#include "translit/transliterate.h"

namespace partyscreen {
namespace {

std::vector<std::string> Pieces(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view p : SplitIntoIndependentPieces(text)) out.emplace_back(p);
  return out;
}

std::string Utf8(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

bool IsLatinScriptText(std::string_view text) {
  return IsLatinScript(icu::UnicodeString::fromUTF8(text));
}

// Compares the memoised path with the whole-text path, each name twice (the second time its
// pieces come from the memo), and keeps the first differences for the failure message.
class MemoComparison {
 public:
  void Check(std::string_view where, std::string_view name) {
    ++names_;
    if (SplitIntoIndependentPieces(name).size() > 1 && !IsLatinScriptText(name)) ++cut_;
    const std::string whole = ToLatinAsciiUnmemoised(name);
    for (int round = 0; round < 2; ++round) {
      const std::string memoised = ToLatinAscii(name);
      if (memoised == whole) continue;
      differences_.push_back(std::string(where) + " \"" + std::string(name) + "\": memoised \"" +
                             memoised + "\", whole text \"" + whole + "\"");
      return;
    }
  }
  size_t names() const { return names_; }
  size_t cut() const { return cut_; }
  bool same() const { return differences_.empty(); }
  std::string Summary() const {
    std::ostringstream out;
    out << names_ << " names compared (" << cut_ << " non-Latin ones cut into pieces), "
        << differences_.size() << " differences";
    for (size_t i = 0; i < differences_.size() && i < 20; ++i) out << "\n" << differences_[i];
    return out.str();
  }

 private:
  size_t names_ = 0;
  size_t cut_ = 0;
  std::vector<std::string> differences_;
};

TEST(NamePiecesTest, CutsOnlyAtSpacesBetweenLetters) {
  EXPECT_EQ(Pieces("Иван Петров"), (std::vector<std::string>{"Иван", "Петров"}));
  EXPECT_EQ(Pieces("陈 全国 Chen"), (std::vector<std::string>{"陈", "全国", "Chen"}));
  EXPECT_EQ(Pieces("محمد علي"), (std::vector<std::string>{"محمد", "علي"}));
  EXPECT_EQ(Pieces("Анна-Мария Ельцина"), (std::vector<std::string>{"Анна-Мария", "Ельцина"}));
  // Punctuation, digits or marks next to the space: Any-Latin's script runs take them in.
  EXPECT_EQ(Pieces("ООО «Ромашка»"), (std::vector<std::string>{"ООО «Ромашка»"}));
  EXPECT_EQ(Pieces("Ltd; Ολυμπία"), (std::vector<std::string>{"Ltd; Ολυμπία"}));
  EXPECT_EQ(Pieces("شركة 123"), (std::vector<std::string>{"شركة 123"}));
  EXPECT_EQ(Pieces("Завод 5 Иван"), (std::vector<std::string>{"Завод 5 Иван"}));
  // Arabic-Indic digits are of script Arabic.
  EXPECT_EQ(Pieces("شركة ١٢٣"), (std::vector<std::string>{"شركة", "١٢٣"}));
  // Arabic letters whose NFKC form starts or ends with a space or a mark.
  EXPECT_EQ(Pieces("\uFE70 ب"), (std::vector<std::string>{"\uFE70 ب"}));
  EXPECT_EQ(Pieces("ب \uFC5E"), (std::vector<std::string>{"ب \uFC5E"}));
  EXPECT_EQ(Pieces("ب \uFEFB"), (std::vector<std::string>{"ب", "\uFEFB"}));  // lam-alef
  // Two spaces, other spaces, spaces at the ends.
  EXPECT_EQ(Pieces("Иван  Петров"), (std::vector<std::string>{"Иван  Петров"}));
  EXPECT_EQ(Pieces("Иван\u00A0Петров"), (std::vector<std::string>{"Иван\u00A0Петров"}));
  EXPECT_EQ(Pieces(" Иван Петров "), (std::vector<std::string>{" Иван", "Петров "}));
  // Katakana-Latin repeats the character before an iteration mark, a space included.
  EXPECT_EQ(Pieces("カ ヽ"), (std::vector<std::string>{"カ ヽ"}));
  EXPECT_EQ(Pieces("いす ゞ"), (std::vector<std::string>{"いす ゞ"}));
  // Ill-formed UTF-8 next to a space.
  EXPECT_EQ(Pieces("Иван \xD0 Петров"), (std::vector<std::string>{"Иван \xD0 Петров"}));
  EXPECT_EQ(Pieces(""), (std::vector<std::string>{""}));
}

TEST(NamePiecesTest, KnownTransliterationsAcrossCuts) {
  // BGN/PCGN: "е"/"ё" after a space or at the start of a word is "ye"/"yë", a piece boundary
  // behaves as the word boundary. Values from the published BGN/PCGN table.
  EXPECT_EQ(ToLatinAscii("Мария Ефимова"), "mariya yefimova");
  EXPECT_EQ(ToLatinAscii("Елена Ёлкина"), "yelena yelkina");
  EXPECT_EQ(ToLatinAscii("Алексей Еремеев"), "aleksey yeremeyev");
  // Katakana-Latin: an iteration mark after a space repeats the space.
  EXPECT_EQ(ToLatinAscii("カ ヽ"), ToLatinAsciiUnmemoised("カ ヽ"));
  EXPECT_EQ(ToLatinAsciiUnmemoised("カ ヽ"), "ka  ");
}

TEST(NamePiecesTest, TrickyNamesGiveTheWholeTextResult) {
  const std::vector<std::string> tricky = {
      // Cyrillic words starting with е/ё/ю/я, after vowels, after consonants, hyphenated.
      "Мария Ефимова", "Елена Ёлкина", "Алексей Еремеев", "Юлия Яковлева", "Илья Ёжиков",
      "Анна-Мария Ельцина", "Ян Ыбрай", "Э Эр", "ЕЛЕНА ЁЛКИНА", "Мая Ея Ёё", "Подъезд Ель",
      "ОАО Ёж", "Сергей Ерёменко-Юрьев", "Ли Ё", "Ъ Е", "Ь Ё", "й Е", "Ы Ы ы", "Ж Жанна",
      // Ukrainian, Serbian, Belarusian, Kazakh letters (Cyrillic-Latin, not BGN).
      "Євген Їжак", "Ђорђе Џаја", "Ў Ўладзімір", "Қазақ Әлем", "Ґанна Іван",
      // Mixed scripts inside one word and between words.
      "Иванov Петров", "Müllerов Ёж", "Ολυμπίαcorp Иван", "海康Hikvision 威视", "Hikvision海康威视",
      "김Kim 이", "محمدAli علي", "Иван Ολυμπία محمد 김 カタカナ 李 Müller",
      // Punctuation between scripts, quotes, brackets.
      "Ltd; Ολυμπία", "Иван, Ολυμπία", "ООО «Ромашка»", "شركة ،Ltd", "Ολυμπία·Ltd",
      "Газпром (Gazprom)", "Ολυμπία; Ltd", "Ολυμπία ;Ltd", "«Ρ» Ρ", "Σ. Σ",
      // Digits, Arabic-Indic digits, Arabic decimal separators.
      "شركة ١٢٣", "Завод 123", "123 Иван", "٣ أكتوبر", "١٢٫٥ ٣", "Иван 2 Петров",
      // Han next to Latin, Han runs of 1, 2, 3, 4+ characters, traditional characters, phrases.
      "陈 Chen", "Chen 陈全国", "中国 Bank", "中國銀行 香港", "臺灣 積體電路 製造", "李 明 華",
      "杭州 海康威视 数字技术", "於 乾隆", "乾 隆", "後 來", "頭髮 髮", "Bank of 中國", "中国2号",
      // Kana: iteration marks, prolonged sound mark, small tsu.
      "カ ヽ", "いすゞ ゝ", "ア ヾ", "ソニー 株式会社", "トヨタ ー", "ニッ ポン", "キャ ノン",
      // Thai (dictionary word breaking), Hangul (jamo separators), Greek, Arabic with marks.
      "บริษัท ไทย จำกัด", "สมชาย ใจดี", "김 정은", "이 오", "서울 에오", "한 아", "Σ Σ", "ΟΛΥΜΠΙΑ Ας",
      "ὁ ἅγιος", "Ψ ψ Φ", "ἡ Ἑλλάς", "μπ μπ", "γ γ", "Ν Γ", "مُحَمَّدٌ عَلِيٌّ", "عبد الله", "الـ عبد",
      // Devanagari and other Indic scripts, Ethiopic, Armenian, Georgian, Hebrew.
      "अ इ", "राम ऋषि", "श्री राम", "অমর ইকবাল", "ஆ இ", "ህ ለ", "Հայ Արամ", "ბ ა", "דוד לוי",
      // Spaces of other kinds and several spaces.
      "Иван  Петров", "Иван\u00A0Петров", "李\u3000明", " Иван Петров ", "Иван\tПетров",
      // Compatibility characters that NFKC expands (to spaces too).
      "ﷺ محمد", "ﺍ ﺏ", "ﹰ ب", "ب ﹰ", "ب ﱞ", "ﻻ ب", "㈱ 東芝", "㍿ カ", "㌀ カ", "ｶ ﾅ",
      // Ill-formed UTF-8.
      "Иван \xD0 Петров", "\xD0\x98 \xff", "Иван \xD0\x98", "李 \xE6\x9D"};
  MemoComparison comparison;
  for (const std::string& name : tricky) comparison.Check("tricky", name);
  EXPECT_TRUE(comparison.same()) << comparison.Summary();
  EXPECT_GT(comparison.cut(), tricky.size() / 2);
}

// name_pieces.h relies on this: OpenCC's t2s conversion (the dictionaries ToLatinAscii loads) maps
// only Han text to Han text, so no phrase spans a space and text without Han is left alone.
TEST(NamePiecesTest, OpenccT2sDictionariesHoldOnlyHanIdeographs) {
  auto is_han = [](const std::string& utf8) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
      UErrorCode status = U_ZERO_ERROR;
      if (uscript_getScript(u.char32At(i), &status) != USCRIPT_HAN) return false;
    }
    return !u.isEmpty();
  };
  opencc::Config config;
  const opencc::ConverterPtr converter = config.NewFromFile("t2s.json");
  size_t entries = 0;
  std::vector<std::string> not_han;
  for (const opencc::ConversionPtr& conversion :
       converter->GetConversionChain()->GetConversions()) {
    const opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
    for (size_t i = 0; i < lexicon->Length(); ++i) {
      const opencc::DictEntry* entry = lexicon->At(i);
      ++entries;
      if (!is_han(entry->Key())) not_han.push_back(entry->Key());
      for (const std::string& value : entry->Values())
        if (!is_han(value)) not_han.push_back(entry->Key() + " -> " + value);
    }
  }
  EXPECT_GT(entries, 4000u);
  EXPECT_TRUE(not_han.empty()) << not_han.size()
                               << " entries with other characters, first: " << not_han.front();
}

// Every assigned code point of a script of its own (each can stand next to a cut), as a
// one-character piece between words of several scripts and between code points of its own
// block, and at the start and end of longer pieces. Names of 24 pieces keep this fast.
TEST(NamePiecesTest, EveryStrongCodePointNextToACutGivesTheWholeTextResult) {
  const std::vector<std::string> neighbours = {
      "Иван",   "Ея", "Ολυμπία", "Ος", "محمد", "ب",   "김", "에", "カタカナ", "ッ", "李", "全国",
      "Müller", "ab", "אב",      "रा", "ህ",    "ไทย", "Ա",  "ბ",  "Ёж",       "ア", "ㄅ", "ᐊ"};
  std::vector<UChar32> strong;
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    if (U_IS_SURROGATE(c) || u_charType(c) == U_UNASSIGNED) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED && script != USCRIPT_UNKNOWN)
      strong.push_back(c);
  }
  MemoComparison comparison;
  constexpr size_t kPerName = 12;
  for (size_t begin = 0; begin < strong.size(); begin += kPerName) {
    const size_t end = std::min(strong.size(), begin + kPerName);
    std::string alternating;  // "Иван c1 Ея c2 ..."
    std::string own_block;    // "c1 c2 c3 ... Иван"
    std::string in_words;     // "Иванc1 c1Иван c2Ея ..."
    for (size_t i = begin; i < end; ++i) {
      const std::string& word = neighbours[(i / kPerName + i) % neighbours.size()];
      const std::string c = Utf8(strong[i]);
      alternating += word + " " + c + " ";
      own_block += c + " ";
      in_words += word + c + " " + c + word + " ";
    }
    alternating += neighbours[begin / kPerName % neighbours.size()];
    own_block += "Иван";
    in_words += "Ολυμπία";
    comparison.Check("alternating", alternating);
    comparison.Check("own block", own_block);
    comparison.Check("in words", in_words);
  }
  std::printf("[ info ] %zu strong code points: %s\n", strong.size(), comparison.Summary().c_str());
  EXPECT_GT(strong.size(), 100000u);
  EXPECT_TRUE(comparison.same()) << comparison.Summary();
}

// Words of names, as tools/make_customers.py splits them.
std::vector<std::string> Words(std::string_view name) {
  std::vector<std::string> words;
  std::istringstream in{std::string(name)};
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// `count` recombined names: first words of one name + last word of another, seeded.
std::vector<std::string> Recombined(const std::vector<std::string>& names, size_t count) {
  std::vector<std::vector<std::string>> split;
  for (const std::string& n : names)
    if (std::vector<std::string> w = Words(n); w.size() >= 2) split.push_back(std::move(w));
  std::vector<std::string> out;
  std::mt19937_64 rng(7);
  for (size_t i = 0; i < count && !split.empty(); ++i) {
    const auto& a = split[rng() % split.size()];
    const auto& b = split[rng() % split.size()];
    std::string name;
    for (size_t k = 0; k + 1 < a.size(); ++k) name += a[k] + ' ';
    out.push_back(name + b.back());
  }
  return out;
}

class NamePiecesRealNamesTest : public ::testing::Test {
 protected:
  // Non-Latin names and aliases of every list of tools/all_lists.sh, loaded once.
  static const std::vector<std::string>& ListNames() {
    static const std::vector<std::string> names = [] {
      std::vector<std::string> out;
      auto snapshot = LoadSnapshot(testing::AllSharedLists());
      if (!snapshot.ok()) return out;
      for (const Entity& e : snapshot->entities)
        for (std::string_view name : e.AllNames())
          if (!IsLatinScriptText(name)) out.emplace_back(name);
      return out;
    }();
    return names;
  }
  static std::vector<std::string> DevNames() {
    std::vector<std::string> out;
    for (const testing::DevQuery& q : testing::DevQueries())
      if (!IsLatinScriptText(q.name)) out.push_back(q.name);
    return out;
  }
};

TEST_F(NamePiecesRealNamesTest, EveryNonLatinNameAndAliasOfTheListsGivesTheWholeTextResult) {
  const std::vector<std::string>& names = ListNames();
  MemoComparison comparison;
  for (const std::string& name : names) comparison.Check("list", name);
  std::printf("[ info ] lists: %s\n", comparison.Summary().c_str());
  EXPECT_GT(comparison.names(), 1000u);  // the lists were read
  EXPECT_GT(comparison.cut(), comparison.names() / 4);
  EXPECT_TRUE(comparison.same()) << comparison.Summary();
}

TEST_F(NamePiecesRealNamesTest, EveryNonLatinDevQueryGivesTheWholeTextResult) {
  MemoComparison comparison;
  for (const std::string& name : DevNames()) comparison.Check("dev", name);
  std::printf("[ info ] dev queries: %s\n", comparison.Summary().c_str());
  EXPECT_GT(comparison.names(), 100u);
  EXPECT_TRUE(comparison.same()) << comparison.Summary();
}

// Registers as tools/make_customers.py makes them, from the non-Latin dev names and from the
// non-Latin list names: words of one name followed by the last word of another (mixed scripts
// included).
TEST_F(NamePiecesRealNamesTest, RecombinedNamesGiveTheWholeTextResult) {
  MemoComparison comparison;
  for (const std::string& name : Recombined(DevNames(), 5000)) comparison.Check("dev mix", name);
  for (const std::string& name : Recombined(ListNames(), 20000)) comparison.Check("list mix", name);
  std::printf("[ info ] recombined: %s\n", comparison.Summary().c_str());
  EXPECT_GT(comparison.cut(), 10000u);
  EXPECT_TRUE(comparison.same()) << comparison.Summary();
}

TEST(NamePiecesTest, ThreadsMemoiseIndependently) {
  const std::vector<std::string> names = {"Иван Петров", "Петров Иван", "陈 全国",
                                          "محمد علي",    "김 정은",     "Ολυμπία Ας"};
  std::vector<std::string> expected;
  for (const std::string& n : names) expected.push_back(ToLatinAsciiUnmemoised(n));
  std::vector<std::vector<std::string>> got(2);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 100; ++round)
        for (const std::string& n : names) got[t].push_back(ToLatinAscii(n));
    });
  for (std::thread& th : threads) th.join();
  for (const auto& results : got)
    for (size_t i = 0; i < results.size(); ++i)
      ASSERT_EQ(results[i], expected[i % names.size()]) << names[i % names.size()];
}

TEST(PieceMemoTest, ComputesEachKeyOnceWhileItIsHeld) {
  PieceMemo memo(8);
  int computed = 0;
  auto upper = [&](std::string_view key) {
    ++computed;
    return std::string(key) + "!";
  };
  EXPECT_EQ(memo.GetOrCompute("a", upper), "a!");
  EXPECT_EQ(memo.GetOrCompute("b", upper), "b!");
  EXPECT_EQ(memo.GetOrCompute("a", upper), "a!");
  EXPECT_EQ(computed, 2);
  EXPECT_EQ(memo.hits(), 1u);
  EXPECT_EQ(memo.misses(), 2u);
}

TEST(PieceMemoTest, StaysBoundedAndKeepsRecentlyUsedKeys) {
  PieceMemo memo(8);  // two generations of 4
  int computed = 0;
  auto compute = [&](std::string_view key) {
    ++computed;
    return std::string(key);
  };
  for (int i = 0; i < 1000; ++i) {
    memo.GetOrCompute("hot", compute);  // used between any two other keys
    const std::string key = std::to_string(i);
    memo.GetOrCompute(key, compute);
    ASSERT_LE(memo.size(), 8u);
  }
  EXPECT_EQ(computed, 1001);  // "hot" once, every number once
  // A key not used for more than 8 distinct lookups is gone.
  memo.GetOrCompute("0", compute);
  EXPECT_EQ(computed, 1002);
}

}  // namespace
}  // namespace partyscreen
