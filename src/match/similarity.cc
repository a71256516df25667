#include "match/similarity.h"

#include <algorithm>
#include <array>
#include <cstdint>

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

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one extra char at the end
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // swap of neighbours
  }
  return a.substr(i) == b.substr(i + 1);  // deletion from b
}

bool IsIesPlural(std::string_view plural, std::string_view singular) {
  return plural.size() >= 6 && plural.size() == singular.size() + 2 && plural.ends_with("ies") &&
         singular.ends_with('y') &&
         plural.substr(0, plural.size() - 3) == singular.substr(0, singular.size() - 1);
}

TokenMatch ClassifyTokens(std::string_view a, std::string_view b) {
  if (a == b) return TokenMatch::kEqual;
  if (a.size() == 1 || b.size() == 1) {
    if (!a.empty() && !b.empty() && a[0] == b[0]) return TokenMatch::kInitial;
    return TokenMatch::kNone;
  }
  if (a.size() >= kMinFuzzyLength && b.size() >= kMinFuzzyLength && WithinOneEdit(a, b))
    return TokenMatch::kOneEdit;
  if (IsIesPlural(a, b) || IsIesPlural(b, a)) return TokenMatch::kOneEdit;
  return TokenMatch::kNone;
}

double TokenSimilarity(std::string_view a, std::string_view b, TokenMatch* kind) {
  const TokenMatch k = ClassifyTokens(a, b);
  if (kind) *kind = k;
  switch (k) {
    case TokenMatch::kEqual:
      return 1.0;
    case TokenMatch::kOneEdit:
      return std::min(JaroWinkler(a, b),
                      1.0 - 1.0 / static_cast<double>(std::max(a.size(), b.size())));
    case TokenMatch::kInitial:
      return kInitialSimilarity;
    case TokenMatch::kNone:
      break;
  }
  return 0.0;
}

}  // namespace partyscreen
