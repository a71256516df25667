#include "match/similarity.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "match/cross_script_match.h"
#include "match/token_weights.h"
#include "normalize/sound_fold.h"

namespace partyscreen {

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() > b.size()) std::swap(a, b);
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (lb > 64) {  // names never have words this long; compare the prefixes only
    return JaroWinkler(a.substr(0, 64), b.substr(0, 64));
  }
  const int range = std::max(0, lb / 2 - 1);
  uint64_t matched_b = 0;
  std::array<char, 64> a_matches{};
  int m = 0;
  for (int i = 0; i < la; ++i) {
    const int lo = std::max(0, i - range);
    const int hi = std::min(lb - 1, i + range);
    for (int j = lo; j <= hi; ++j) {
      if (!(matched_b >> j & 1) && a[i] == b[j]) {
        matched_b |= uint64_t{1} << j;
        a_matches[m++] = a[i];
        break;
      }
    }
  }
  if (m == 0) return 0.0;
  int transpositions = 0;
  int k = 0;
  for (int j = 0; j < lb; ++j) {
    if (matched_b >> j & 1) {
      if (b[j] != a_matches[k]) ++transpositions;
      ++k;
    }
  }
  const double md = m;
  const double jaro = (md / la + md / lb + (md - transpositions / 2.0) / md) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

bool IsIesPlural(std::string_view plural, std::string_view singular) {
  return plural.size() >= 6 && plural.size() == singular.size() + 2 && plural.ends_with("ies") &&
         plural.substr(0, singular.size()) == singular;
}

namespace {

// True when b is a with two neighbouring letters swapped ("padrino"/"pdarino").
bool SwappedNeighbours(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

// A swap of neighbouring letters is the commonest slip of typing and rarely tells two different
// words apart: it costs half an edit.
double OneEditSimilarity(std::string_view a, std::string_view b) {
  const double len = static_cast<double>(std::max(a.size(), b.size()));
  const double edit = SwappedNeighbours(a, b) ? 0.5 : 1.0;
  return std::min(JaroWinkler(a, b), 1.0 - edit / len);
}

// True when the words differ only by a final -a that makes a feminine name of a masculine one
// ("daniel"/"daniela", "ivan"/"ivana", "mario"/"maria", "roberto"/"roberta"): in the Romance and
// Slavic languages that ending changes the name, it is not a slip. The masculine form must be a
// name: a given name or surname of the population table, or a Slavic masculine surname
// ("ivanov"); a word that is neither lost its final a to a slip ("osam" for Osama, "ibarr" for
// Ibarra, "aleksandrovn").
bool GenderedEnding(std::string_view a, std::string_view b) {
  if (a.size() > b.size() || (a.size() == b.size() && a.back() == 'a')) std::swap(a, b);
  if (a.size() < 3 || b.back() != 'a') return false;
  if (b.size() == a.size() + 1)
    return b.substr(0, a.size()) == a &&
           std::string_view("aeiou").find(a.back()) == std::string_view::npos &&
           (TokenWeights::Default().Weights(a).common_person_name ||
            SlavicEndingOf(a) == SlavicEnding::kMasculine);
  return b.size() == a.size() && a.back() == 'o' &&
         a.substr(0, a.size() - 1) == b.substr(0, a.size() - 1);
}

WordMatch LatinMatch(const WordView& a, const WordView& b) {
  if (a.raw == b.raw) return {TokenMatch::kEqual, 1.0};
  if (a.raw.size() == 1 || b.raw.size() == 1) {
    if (!a.raw.empty() && !b.raw.empty() && a.raw[0] == b.raw[0]) {
      return {TokenMatch::kInitial, kInitialSimilarity};
    }
    return {};
  }
  if (a.fold == b.fold) {
    const double len = static_cast<double>(std::max(a.raw.size(), b.raw.size()));
    return {TokenMatch::kSound, 1.0 - 0.25 / len};
  }
  if (a.raw.size() >= kMinFuzzyLength && b.raw.size() >= kMinFuzzyLength &&
      WithinOneEdit(a.raw, b.raw)) {
    if (GenderedEnding(a.raw, b.raw)) return {};
    return {TokenMatch::kOneEdit, OneEditSimilarity(a.raw, b.raw)};
  }
  // (A plural in -ies is its singular's fold and two letters more.)
  if ((a.fold.size() == b.fold.size() + 2 && IsIesPlural(a.fold, b.fold)) ||
      (b.fold.size() == a.fold.size() + 2 && IsIesPlural(b.fold, a.fold)))
    return {TokenMatch::kOneEdit, OneEditSimilarity(a.raw, b.raw)};
  if (a.fold.size() >= kMinFuzzyLength && b.fold.size() >= kMinFuzzyLength &&
      WithinOneEdit(a.fold, b.fold)) {
    // One edit after folding is a spelling variant plus an edit: weighed like 1.25 edits.
    const double len = static_cast<double>(std::max(a.fold.size(), b.fold.size()));
    return {TokenMatch::kOneEdit, std::min(JaroWinkler(a.fold, b.fold), 1.0 - 1.25 / len)};
  }
  return {};
}

}  // namespace

namespace {

// Han and Hangul are written without typos: their romanisation is exact, and a pinyin or Korean
// syllable one letter away is another character ("zhiming"/"zhiqing"), another name. A listed
// acronym is the same: a code one letter away is another code (normalize/acronym.h).
bool SpelledExactly(TokenScript s) {
  return s == TokenScript::kHan || s == TokenScript::kHangul || s == TokenScript::kCode ||
         s == TokenScript::kJoinedName;
}

// True when `abjad`, an Arabic-script or Hebrew word as transliterated, and `other` differ by one
// letter only, a long vowel the script wrote (waw "w": u, o; ya "y": i, e) against a vowel that
// letter never writes: بوث ("bwth", Booth) against "Beth" is another vowel, not a slip of the pen.
bool WrittenVowelReadAsAnother(const WordView& abjad, const WordView& other) {
  if (abjad.script != TokenScript::kAbjad || abjad.raw.size() != other.raw.size()) return false;
  size_t at = abjad.raw.size();
  for (size_t i = 0; i < abjad.raw.size(); ++i) {
    if (abjad.raw[i] == other.raw[i]) continue;
    if (at != abjad.raw.size()) return false;  // two differences: not this case
    at = i;
  }
  if (at == abjad.raw.size()) return false;
  const char written = abjad.raw[at], read = other.raw[at];
  return (written == 'w' && (read == 'a' || read == 'e' || read == 'i')) ||
         (written == 'y' && (read == 'a' || read == 'o' || read == 'u'));
}

}  // namespace

WordMatch CompareBySpelling(const WordView& query, const WordView& list) {
  WordMatch m = LatinMatch(query, list);
  const bool code = query.script == TokenScript::kCode || list.script == TokenScript::kCode;
  // A code's letters may still be typed in the wrong order (the slip, not another code).
  const bool slip =
      code && m.kind == TokenMatch::kOneEdit && SwappedNeighbours(query.raw, list.raw);
  if (m.kind != TokenMatch::kEqual && m.kind != TokenMatch::kInitial && !slip &&
      (SpelledExactly(query.script) || SpelledExactly(list.script)))
    m = {};
  if (m.kind == TokenMatch::kOneEdit &&
      (WrittenVowelReadAsAnother(query, list) || WrittenVowelReadAsAnother(list, query)))
    m = {};
  if (m.kind == TokenMatch::kOneEdit || m.kind == TokenMatch::kSound) {
    // "ivanova" is Ivanov's wife or daughter, not a typo of him.
    const SlavicEnding eq = SlavicEndingOf(query.raw), el = SlavicEndingOf(list.raw);
    if ((eq == SlavicEnding::kFeminine && el == SlavicEnding::kMasculine) ||
        (eq == SlavicEnding::kMasculine && el == SlavicEnding::kFeminine))
      m = {};
  }
  return m;
}

WordMatch CompareWords(const WordView& query, const WordView& list) {
  const WordMatch m = CompareBySpelling(query, list);
  if (m.kind == TokenMatch::kEqual || query.script == list.script) return m;
  const WordMatch cross = CrossScriptMatch(query, list);
  return cross.similarity > m.similarity ? cross : m;
}

WordMatch CompareSpellings(std::string_view a, std::string_view b) {
  const std::string fa = SoundFold(a), fb = SoundFold(b);
  return CompareWords({fa, a, TokenScript::kLatin}, {fb, b, TokenScript::kLatin});
}

}  // namespace partyscreen
