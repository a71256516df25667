// Word-level similarity: when two name words count as "the same word", and how similar they are.
//
// A word is seen three ways (WordView): its ASCII spelling (`raw`), its sound fold (`fold`,
// normalize/sound_fold.h: "ahmadinezhad" and "ahmadinejad" both fold to "ahmadinejad") and the
// script it was written in. Two words match (CompareWords), in this order:
//   kEqual      same spelling: 1.
//   kInitial    a single letter against a word starting with it ("j" ~ "john"):
//               kInitialSimilarity; never anchors a match on its own.
//   kSound      same fold, different spelling: 1 - 0.25/length ("mahmood"/"mahmoud" 0.96,
//               "xi"/"si" 0.875), so an exact spelling still outranks a variant.
//   kOneEdit    folds one edit apart (insert, delete, substitute, swap neighbours), both folds of
//               kMinFuzzyLength+ letters, or the singular and plural of an English word in
//               -y/-ies (stem 3+ letters): the lower of Jaro-Winkler and 1 - 1/length (a
//               swap of neighbours, the commonest typing slip: 1 - 0.5/length), on the
//               spellings when they are one edit apart too, else on the folds and 1 - 1.25/length
//               ("nandela"/"nadella": folds "nandela"/"nadela"). Not a match: a masculine name
//               and its feminine in -a ("daniel"/"daniela", "roberto"/"roberta").
//   kCrossScript a query word written in Arabic/Hebrew, Cyrillic, Chinese or Korean script
//               against a Latin spelling on the list whose comparison key in one of the script's
//               key families is equal (match/cross_script_match.h): the family's graded
//               similarity. (Lists publish every party under a Latin name; a Latin query is
//               compared with the list's original-script names by spelling only.)
// A word written in Chinese or Korean script is romanised exactly, so it matches by spelling only
// when equal (a syllable one letter away is another character), else across scripts. So does a
// listed acronym (TokenScript::kCode, normalize/acronym.h): a code one letter away is another code.
// Every match but kInitial anchors, and every anchoring pair shares a blocking key (blocking.h),
// so fuzzy matching never escapes the index. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "core/strings.h"
#include "translit/token_script.h"

namespace partyscreen {

inline constexpr size_t kMinFuzzyLength = 4;
inline constexpr double kInitialSimilarity = 0.8;

enum class TokenMatch { kNone, kInitial, kCrossScript, kOneEdit, kSound, kEqual };

struct WordView {
  std::string_view fold;  // SoundFold(raw)
  std::string_view raw;   // lower-case ASCII spelling
  TokenScript script = TokenScript::kLatin;
};

struct WordMatch {
  TokenMatch kind = TokenMatch::kNone;
  double similarity = 0;
};

// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4).
double JaroWinkler(std::string_view a, std::string_view b);

// WithinOneEdit (core/strings.h): the optimal-string-alignment distance is at most 1.

// True when `plural` is `singular` + "es" and ends in "ies" (folded -y/-ies pairs:
// "technologies"/"technologi"), the stem 3+ letters.
bool IsIesPlural(std::string_view plural, std::string_view singular);

// How a query word and a list word match under the rules above, and their similarity (0 for
// kNone). Symmetric except across scripts (the query side must be the non-Latin one).
WordMatch CompareWords(const WordView& query, const WordView& list);

// CompareWords without the cross-script comparison (the index checks that one with keys it has
// already computed, cross_script_match.h).
WordMatch CompareBySpelling(const WordView& query, const WordView& list);

// False when CompareBySpelling of two words is kNone whatever their letters, given the lengths
// of their spellings and folds: every spelling match keeps the spellings within one letter of
// each other or the folds within two (a plural in -ies), unless a word is one letter (kInitial).
inline bool SpellingLengthsMayMatch(size_t raw_a, size_t fold_a, size_t raw_b, size_t fold_b) {
  auto apart = [](size_t x, size_t y) { return x > y ? x - y : y - x; };
  return raw_a == 1 || raw_b == 1 || apart(raw_a, raw_b) <= 1 || apart(fold_a, fold_b) <= 2;
}

// True when the pair anchors a match (every kind but kNone and kInitial).
inline bool Anchors(TokenMatch k) { return k != TokenMatch::kNone && k != TokenMatch::kInitial; }

// The rules above on two Latin words given by spelling only (folds computed here): for tests
// and callers outside the index.
WordMatch CompareSpellings(std::string_view a, std::string_view b);
inline TokenMatch ClassifyTokens(std::string_view a, std::string_view b) {
  return CompareSpellings(a, b).kind;
}
inline double TokenSimilarity(std::string_view a, std::string_view b) {
  return CompareSpellings(a, b).similarity;
}

}  // namespace partyscreen
