// Character-level similarity of two normalised tokens (lower-case ASCII words).
//
// The matcher only lets two tokens count as "the same word" when they are equal, or both have at
// least kMinFuzzyLength characters and differ by one edit (insert, delete, substitute, or swap
// two neighbours: optimal string alignment distance 1), or are the singular and the plural of an
// English word in -y/-ies with a stem of 3+ letters ("technology"/"technologies"), which counts
// as one edit. That rule is what BlockingKeys covers (one-deletion neighbourhoods plus the
// singular of an -ies unit, see blocking.h), so fuzzy matching never escapes the index.
// The similarity of such a pair is the lower of Jaro-Winkler (a typo at the start costs more than
// one at the end) and 1 - 1/length (one edit in a short word says more than in a long one:
// "clark"/"clara" 0.8, "liability"/"liablity" 0.89). Measured on the dev set this cut false
// alerts from 0.84% to 0.59% at equal recall (docs/MATCHING.md). A single letter against a word
// starting with it is an initial ("j" ~ "john"), kInitialSimilarity, and never anchors a match on
// its own. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace partyscreen {

inline constexpr size_t kMinFuzzyLength = 4;
inline constexpr double kInitialSimilarity = 0.8;

enum class TokenMatch { kNone, kInitial, kOneEdit, kEqual };

// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4).
double JaroWinkler(std::string_view a, std::string_view b);

// True when the optimal-string-alignment distance between a and b is at most 1.
bool WithinOneEdit(std::string_view a, std::string_view b);

// True when `plural` is `singular` with its final "y" turned into "ies", the stem 3+ letters.
bool IsIesPlural(std::string_view plural, std::string_view singular);

// How a and b relate under the rule above.
TokenMatch ClassifyTokens(std::string_view a, std::string_view b);

// Similarity under the rule above: 1 equal, min(Jaro-Winkler, 1 - 1/length) for one edit,
// kInitialSimilarity for an initial, else 0.
double TokenSimilarity(std::string_view a, std::string_view b, TokenMatch* kind = nullptr);

}  // namespace partyscreen
