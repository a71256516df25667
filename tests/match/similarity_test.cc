// Token similarity and the one-edit rule that blocking keys rely on.
#include "match/similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "match/blocking.h"
#include "normalize/sound_fold.h"

namespace partyscreen {
namespace {

TEST(JaroWinklerTest, KnownValues) {
  EXPECT_DOUBLE_EQ(JaroWinkler("quanguo", "quanguo"), 1.0);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.9611, 1e-4);  // the textbook example
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.8133, 1e-4);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "abc"), 0.0);
}

TEST(WithinOneEditTest, CoversInsertDeleteSubstituteAndSwap) {
  EXPECT_TRUE(WithinOneEdit("kyong", "kcyong"));     // dev-set typo of "KIM Kyong Hak"
  EXPECT_TRUE(WithinOneEdit("beijing", "biejing"));  // swapped neighbours
  EXPECT_TRUE(WithinOneEdit("dahua", "dahue"));
  EXPECT_TRUE(WithinOneEdit("dahua", "dahu"));
  EXPECT_FALSE(WithinOneEdit("dahua", "dhuaa"));
  EXPECT_FALSE(WithinOneEdit("hikvision", "hikvisoin1"));
}

// The optimal-string-alignment distance by the textbook recurrence.
int OsaDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// Every pair of words of up to 5 letters over a 3-letter alphabet (and so every kind of edit at
// every place, the first and last letters included): WithinOneEdit's shortcut on the end letters
// and its comparison agree with the distance.
TEST(WithinOneEditTest, AgreesWithTheEditDistanceOnEveryShortWordPair) {
  std::vector<std::string> words = {""};
  for (size_t begin = 0, length = 0; length < 5; ++length) {
    const size_t end = words.size();
    for (size_t w = begin; w < end; ++w)
      for (char c : {'a', 'b', 'c'}) words.push_back(words[w] + c);
    begin = end;
  }
  size_t within = 0;
  for (const std::string& a : words)
    for (const std::string& b : words) {
      const bool expected = OsaDistance(a, b) <= 1;
      within += expected;
      ASSERT_EQ(WithinOneEdit(a, b), expected) << a << " / " << b;
    }
  EXPECT_GT(within, 1000u);
}

TEST(ClassifyTokensTest, ShortWordsMustBeEqual) {
  EXPECT_EQ(ClassifyTokens("kim", "kin"), TokenMatch::kNone);
  EXPECT_EQ(ClassifyTokens("kim", "kim"), TokenMatch::kEqual);
  EXPECT_EQ(ClassifyTokens("q", "quanguo"), TokenMatch::kInitial);
  EXPECT_EQ(ClassifyTokens("hikvision", "hikvisoin"), TokenMatch::kOneEdit);
}

TEST(ClassifyTokensTest, SingularAndPluralOfYWordsCountAsOneEdit) {
  EXPECT_EQ(ClassifyTokens("technology", "technologies"), TokenMatch::kOneEdit);
  EXPECT_EQ(ClassifyTokens("industries", "industry"), TokenMatch::kOneEdit);
  EXPECT_EQ(ClassifyTokens("companies", "company"), TokenMatch::kOneEdit);
  EXPECT_EQ(ClassifyTokens("flies", "fly"), TokenMatch::kNone);  // stem too short
  EXPECT_EQ(ClassifyTokens("technologies", "technologist"), TokenMatch::kNone);
  EXPECT_GT(TokenSimilarity("technology", "technologies"), 0.9);
  EXPECT_LT(TokenSimilarity("technology", "technologies"), 1.0);
  // ... and blocking lets them meet, either way round.
  const std::vector<uint64_t> singular = BlockingKeysOfTokens({"technology"});
  const std::vector<uint64_t> plural = BlockingKeysOfTokens({"technologies"});
  bool shared = false;
  for (uint64_t k : plural)
    shared = shared || std::binary_search(singular.begin(), singular.end(), k);
  EXPECT_TRUE(shared);
}

TEST(TokenSimilarityTest, ExactOutranksTypo) {
  EXPECT_GT(TokenSimilarity("hikvision", "hikvision"), TokenSimilarity("hikvision", "hikvisoin"));
  EXPECT_GT(TokenSimilarity("hikvision", "hikvisoin"), 0.85);
  // One edit costs a short word more than a long one.
  EXPECT_LT(TokenSimilarity("clark", "clara"), TokenSimilarity("liability", "liablity"));
  EXPECT_EQ(TokenSimilarity("dahua", "huawei"), 0.0);
}

TEST(BlockingTest, WordsOneEditApartShareAKey) {
  // The recall property of blocking keys, over every one-edit variant of real list words.
  for (std::string word : {"quanguo", "hikvision", "dahua", "urumqi", "baryshnikov"}) {
    std::vector<std::string> variants;
    for (size_t i = 0; i < word.size(); ++i) {
      variants.push_back(word.substr(0, i) + word.substr(i + 1));        // delete
      variants.push_back(word.substr(0, i) + "x" + word.substr(i + 1));  // substitute
      variants.push_back(word.substr(0, i) + "z" + word.substr(i));      // insert
      if (i + 1 < word.size()) {
        std::string swapped = word;
        std::swap(swapped[i], swapped[i + 1]);
        variants.push_back(swapped);  // swap
      }
    }
    const std::vector<uint64_t> keys = BlockingKeysOfTokens({word});
    for (const std::string& v : variants) {
      if (!WithinOneEdit(word, v) || v.size() < kMinFuzzyLength) continue;
      const std::vector<uint64_t> other = BlockingKeysOfTokens({v});
      bool shared = false;
      for (uint64_t k : other) shared = shared || std::binary_search(keys.begin(), keys.end(), k);
      EXPECT_TRUE(shared) << word << " vs " << v;
    }
  }
}

TEST(BlockingTest, JoinedAndSplitWordsShareAKey) {
  const std::vector<uint64_t> split = BlockingKeysOfTokens({"hik", "vision"});
  const std::vector<uint64_t> joined = BlockingKeysOfTokens({"hikvision"});
  bool shared = false;
  for (uint64_t k : joined) shared = shared || std::binary_search(split.begin(), split.end(), k);
  EXPECT_TRUE(shared);
}

// Romanisation variants are not typos: the sound fold (normalize/sound_fold.h) lets them meet.
TEST(CompareWordsTest, SpellingsOfOneSoundMatch) {
  for (auto [a, b] : {std::pair{"ahmadinezhad", "ahmadinejad"},
                      {"mahmood", "mahmoud"},
                      {"yevgeniy", "yevgenii"},
                      {"vyacheslav", "viacheslav"},
                      {"xi", "si"},
                      {"ivanoff", "ivanov"},
                      {"philip", "filip"}}) {
    const WordMatch m = CompareSpellings(a, b);
    EXPECT_EQ(m.kind, TokenMatch::kSound) << a << " " << b;
    EXPECT_LT(m.similarity, 1.0) << a << " " << b;  // an exact spelling still ranks first
    EXPECT_GT(m.similarity, 0.85) << a << " " << b;
  }
  // Two edits as spelled, one after folding: graded, and still found by the index.
  for (auto [a, b] : {std::pair{"nandela", "nadella"},
                      {"lyndenburg", "lindenberg"},
                      {"aleksander", "alexandr"}}) {
    EXPECT_EQ(ClassifyTokens(a, b), TokenMatch::kOneEdit) << a << " " << b;
    const std::vector<uint64_t> ka = BlockingKeysOfTokens({a});
    const std::vector<uint64_t> kb = BlockingKeysOfTokens({b});
    bool shared = false;
    for (uint64_t k : kb) shared = shared || std::binary_search(ka.begin(), ka.end(), k);
    EXPECT_TRUE(shared) << a << " " << b;
  }
  EXPECT_EQ(ClassifyTokens("merkel", "merkur"), TokenMatch::kNone);  // two real edits
}

TEST(CompareWordsTest, HanAndHangulSyllablesAreExact) {
  // "zhiming" and "zhiqing" are one letter apart and two different given names.
  const WordView han{"jiming", "zhiming", TokenScript::kHan};
  const WordView latin{"jiking", "zhiqing", TokenScript::kLatin};
  EXPECT_EQ(CompareWords(han, latin).kind, TokenMatch::kNone);
  const WordView same{"jiming", "zhiming", TokenScript::kLatin};
  EXPECT_EQ(CompareWords(han, same).kind, TokenMatch::kEqual);
}

TEST(CompareWordsTest, AListedAcronymMatchesAsSpelledOrWithLettersSwapped) {
  // "IARA" is a code (normalize/acronym.h): "IMARA" and "IARO" are other codes.
  const WordView code{"iara", "iara", TokenScript::kCode};
  EXPECT_EQ(CompareWords({"iara", "iara", TokenScript::kLatin}, code).kind, TokenMatch::kEqual);
  EXPECT_EQ(CompareWords({"imara", "imara", TokenScript::kLatin}, code).kind, TokenMatch::kNone);
  EXPECT_EQ(CompareWords({"iaro", "iaro", TokenScript::kLatin}, code).kind, TokenMatch::kNone);
  // Its letters typed in the wrong order are the commonest slip, not another code.
  EXPECT_EQ(CompareWords({"iraa", "iraa", TokenScript::kLatin}, code).kind, TokenMatch::kOneEdit);
  // The same spelling as an ordinary word keeps its typos.
  EXPECT_EQ(ClassifyTokens("imara", "iara"), TokenMatch::kOneEdit);
}

TEST(CompareWordsTest, MasculineAndFeminineSurnamesDiffer) {
  EXPECT_EQ(ClassifyTokens("ivanova", "ivanov"), TokenMatch::kNone);
  EXPECT_EQ(ClassifyTokens("petrova", "petrov"), TokenMatch::kNone);
  EXPECT_EQ(ClassifyTokens("ivanov", "ivanof"), TokenMatch::kOneEdit);  // a typo is still one
}

TEST(CompareWordsTest, AFeminineEndingMakesAnotherGivenName) {
  EXPECT_EQ(ClassifyTokens("daniel", "daniela"), TokenMatch::kNone);
  EXPECT_EQ(ClassifyTokens("roberta", "roberto"), TokenMatch::kNone);
  EXPECT_EQ(ClassifyTokens("daniel", "danial"), TokenMatch::kOneEdit);  // not an ending: a slip
  EXPECT_EQ(ClassifyTokens("maria", "marie"), TokenMatch::kOneEdit);    // not masculine: a slip
}

// A final a lost to a slip: the word left is no masculine name (not in the population table, no
// Slavic masculine ending), so the pair is a typo, not two names.
TEST(CompareWordsTest, AFinalALeftOutOfANonNameIsASlip) {
  EXPECT_EQ(ClassifyTokens("valenzuel", "valenzuela"), TokenMatch::kOneEdit);
  EXPECT_EQ(ClassifyTokens("mikhailovn", "mikhailovna"), TokenMatch::kOneEdit);
  EXPECT_EQ(ClassifyTokens("stanislav", "stanislava"), TokenMatch::kNone);    // a name: two names
  EXPECT_EQ(ClassifyTokens("kovalenkov", "kovalenkova"), TokenMatch::kNone);  // Slavic surname
}

// An Arabic-script or Hebrew word as transliterated writes its long vowels: waw (w) is u or o,
// ya (y) is i or e. One letter off that turns such a vowel into one it never writes is another
// vowel, not a slip; other one-letter differences still are.
TEST(CompareBySpellingTest, AWrittenLongVowelIsNotASlip) {
  auto spelled = [](std::string_view abjad, std::string_view latin) {
    const std::string fa = SoundFold(abjad), fl = SoundFold(latin);
    return CompareBySpelling({fa, abjad, TokenScript::kAbjad}, {fl, latin, TokenScript::kLatin})
        .kind;
  };
  EXPECT_EQ(spelled("bwth", "beth"), TokenMatch::kNone);      // بوث (Booth)
  EXPECT_EQ(spelled("kyra", "kora"), TokenMatch::kNone);      // the ya read as o
  EXPECT_NE(spelled("rydg", "ridg"), TokenMatch::kNone);      // ya as i: its own vowel
  EXPECT_NE(spelled("radtkh", "radtke"), TokenMatch::kNone);  // a final h writes e
  EXPECT_NE(spelled("zawry", "zawri"), TokenMatch::kNone);
  // Latin words are not concerned: "bwth" typed in Latin is a slip of "beth".
  const std::string fa = SoundFold("bwth"), fl = SoundFold("beth");
  EXPECT_EQ(CompareBySpelling({fa, "bwth"}, {fl, "beth"}).kind, TokenMatch::kOneEdit);
}

TEST(TokenSimilarityTest, SwappedNeighboursCostHalfAnEdit) {
  // "pdarino" is a slip typing "padrino"; "pedrino" another word one letter away.
  EXPECT_GT(TokenSimilarity("padrino", "pdarino"), TokenSimilarity("padrino", "pedrino"));
  EXPECT_NEAR(TokenSimilarity("padrino", "pdarino"), 1.0 - 0.5 / 7, 1e-9);
  EXPECT_NEAR(TokenSimilarity("padrino", "padrimo"), 1.0 - 1.0 / 7, 1e-9);
}

}  // namespace
}  // namespace partyscreen
