// Name-against-name scoring: token alignment with rarity weights.
//
// Both names are token lists (normalize/name_normalizer.h) with one weight per token (rarer words
// weigh more: the fixed table of token_weights.h in the Screener, 1 in CompareNames; stopwords
// weigh little). Tokens are aligned greedily, best pair first, regardless of order ("chen quanguo"
// = "quanguo chen"); a token may also align with two neighbouring tokens of the other side joined
// ("hikvision" = "hik vision", "quanguo" = "quan guo"). Pair similarity is TokenSimilarity
// (similarity.h, CompareWords). The score is a weighted Dice coefficient with discounts for
// unmatched words:
//
//   score = sum_pairs sim * (wq + wl) / (sum_pairs (wq + wl) + a_q * unmatched wq + a_l * unmatched
//   wl)
//
// a_q and a_l (ScoringParams) say how much an unmatched query word and an unmatched list word
// count against the match (a person's missing middle name costs less than an extra unknown word;
// an organisation's names have no optional parts, so there a_l = a_q).
// A name with no "anchor" (an aligned pair that matches, similarity.h, not as an initial nor on a
// stopword) scores 0: that is the rule BlockingKeys covers.
// Pure functions; thread-safe (AlignNames reuses a thread_local scratch buffer).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/entity.h"
#include "translit/token_script.h"

namespace partyscreen {

// A name as the scorer sees it. `tokens` are the words' sound folds (normalize/sound_fold.h),
// which the index and the one-edit rule work on; `raw` the same words as spelled (lower-case
// ASCII), `scripts` the script each was written in (empty = all Latin).
struct WeightedName {
  std::vector<std::string> tokens;
  std::vector<float> weights;   // one per token: what the word's presence says (unmatched words)
  std::vector<float> evidence;  // one per token, <= weights: what a match on it proves; empty =
                                // the same as weights
  std::vector<std::string> raw;
  std::vector<TokenScript> scripts;
  // The name carries a commercial legal form ("Corp", "Ltd"; HasCommercialForm): a word naming a
  // body that does not trade ("association") left unmatched in a name without one is a conflict.
  bool commercial_form = false;

  float EvidenceAt(size_t i) const { return evidence.empty() ? weights[i] : evidence[i]; }
  TokenScript ScriptAt(size_t i) const {
    return i < scripts.size() ? scripts[i] : TokenScript::kLatin;
  }
  // Fills tokens (folds), raw and scripts from normalised words; weights are the caller's.
  void SetWords(std::vector<std::string> spelled, const std::vector<TokenScript>& script);
};

struct ScoringParams {
  double unmatched_query_factor = 0.75;  // a_q
  double unmatched_list_factor = 0.5;    // a_l
};

// The discounts used for a query of this schema.
ScoringParams ParamsForSchema(Schema schema);

struct AlignedPair {
  int query_begin = 0, query_end = 0;  // token range [begin, end) on each side (1 or 2 tokens)
  int list_begin = 0, list_end = 0;
  double similarity = 0;
  int kind = 0;  // TokenMatch (similarity.h)
};

struct NameAlignment {
  double score = 0;
  bool anchored = false;
  std::vector<AlignedPair> pairs;
  std::vector<int> unmatched_query;  // token indexes
  std::vector<int> unmatched_list;
  // (want_details) an unmatched word naming a body that does not trade, opposite a commercial
  // legal form ("association" against "Corp"), "" when none
  std::string kind_conflict_word;
};

// Scores are reported on a grid of 1e-9: a weighted sum that is 0.8 on paper and comes out as
// 0.7999999999999999 in binary floating point must meet a threshold of 0.8. Every score compared
// with a threshold passes through here last (the alias score, CompareNames, AdjustScore); the
// index's bounds keep a slack of 1e-9, more than the rounding can add, so pruning stays exact.
inline double OnScoreGrid(double score) { return std::round(score * 1e9) / 1e9; }

// Aligns and scores. `want_details` false skips filling pairs/unmatched (score and anchored only).
NameAlignment AlignNames(const WeightedName& query, const WeightedName& list,
                         const ScoringParams& params, bool want_details);

// Upper bound of AlignNames(...).score for a pair in which at most `query_matched` of the query's
// weight `query_total` and `list_matched` of the list name's `list_total` can be aligned: every
// similarity is at most 1, so the score is at most matched / (matched + the discounts of the rest).
inline double ScoreUpperBound(double query_matched, double list_matched, double query_total,
                              double list_total, const ScoringParams& params) {
  const double top = query_matched + list_matched;
  const double rest = params.unmatched_query_factor * std::max(0.0, query_total - query_matched) +
                      params.unmatched_list_factor * std::max(0.0, list_total - list_matched);
  return top + rest > 0 ? top / (top + rest) : 0;
}

// True for tokens that can anchor a match (not a single letter, not a stopword). BlockingKeys emits
// keys exactly for these.
bool CanAnchor(const std::string& token);

// True when two neighbouring words may be compared joined ("hik" + "vision"): both 2+ letters
// (an initial glued to a word is not a spelling of it) and 4+ letters together.
bool Joinable(const std::string& a, const std::string& b);

// True when a whole name may be compared with one word that writes it without spaces
// ("alexandervyacheslavovichzakharov" for Alexander Vyacheslavovich Zakharov): 3 to 5 words, all
// in Latin script and of 2+ letters, 8 to 48 letters together. AlignNames compares the one word
// of one side with such a name of the other read as one word, in its order or with its first
// word last ("PUTIN, Vladimir Vladimirovich" = "vladimirvladimirovichputin"), equal as spelled only
// (TokenScript::kJoinedName: a typo there is not looked for), and BlockingUnits indexes the name
// read so.
bool WholeNameJoinable(const WeightedName& name);

// Letters written apart: a run of 2+ neighbouring Latin words of one or two letters, at least one
// of them a single letter, 3 to 12 letters together, is also read as one word ("I.T.C." and
// "I T C" as "itc", "H.L.T." as "hlt" against "HL T", "RA'D" typed "RA D" as "rad"), matched only
// as spelled (TokenScript::kJoinedName). An initialism's dots and a word's apostrophe are
// dropped or turned into spaces as the writer pleases; the letters stay. Calls f(begin, end)
// for each maximal run, [begin, end) token indexes, in order.
template <class F>
void ForEachLetterRun(const WeightedName& name, F&& f) {
  const int n = static_cast<int>(name.raw.size());
  auto short_latin = [&](int i) {
    return name.raw[i].size() <= 2 && name.ScriptAt(i) == TokenScript::kLatin;
  };
  for (int b = 0; b < n;) {
    if (!short_latin(b)) {
      ++b;
      continue;
    }
    int e = b;
    size_t letters = 0;
    bool single = false;
    for (; e < n && short_latin(e); ++e) {
      letters += name.raw[e].size();
      single = single || name.raw[e].size() == 1;
    }
    if (e - b >= 2 && single && letters >= 3 && letters <= 12) f(b, e);
    b = e;
  }
}

// True for a word of 2-6 letters with one vowel nucleus that reads as a romanised Chinese or
// Korean syllable ("hui", "fen", "kyong", "chol"; not "talib", "ali"): AlignNames compares a listed
// pair of such words with two query words read together, with a typo allowed (a two-syllable given
// name is one name).
bool IsGivenNameSyllable(std::string_view word);

// True for the Arabic article and particles as separate Latin words ("al", "el", "abu", "bin"):
// AlignNames reads a listed particle and the name after it together against two query words.
bool IsNameParticle(std::string_view word);

}  // namespace partyscreen
