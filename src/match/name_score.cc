#include "match/name_score.h"

#include <algorithm>

#include "match/similarity.h"
#include "normalize/name_normalizer.h"

namespace partyscreen {

ScoringParams ParamsForSchema(Schema schema) {
  ScoringParams p;
  if (schema == Schema::kPerson) {
    p.unmatched_query_factor = 0.8;
    p.unmatched_list_factor = 0.45;
  }
  return p;
}

bool CanAnchor(const std::string& token) { return token.size() >= 2 && !IsStopword(token); }

bool Joinable(const std::string& a, const std::string& b) {
  return a.size() >= 2 && b.size() >= 2 && a.size() + b.size() >= kMinFuzzyLength;
}

namespace {

struct Candidate {
  AlignedPair pair;
  double wq = 0, wl = 0;
  double value = 0;  // sim * (wq + wl): the greedy order
  bool anchor = false;
};

}  // namespace

NameAlignment AlignNames(const WeightedName& q, const WeightedName& l, const ScoringParams& params,
                         bool want_details) {
  NameAlignment out;
  const int nq = static_cast<int>(q.tokens.size());
  const int nl = static_cast<int>(l.tokens.size());
  if (nq == 0 || nl == 0) return out;
  thread_local std::vector<Candidate> cands;  // reused: scoring runs millions of times
  cands.clear();
  auto add = [&](int qb, int qe, int lb, int le, const std::string& a, const std::string& b) {
    TokenMatch kind;
    const double sim = TokenSimilarity(a, b, &kind);
    if (sim <= 0) return;
    Candidate c;
    c.pair = {qb, qe, lb, le, sim};
    for (int i = qb; i < qe; ++i) c.wq += q.weights[i];
    for (int j = lb; j < le; ++j) c.wl += l.weights[j];
    // An initial says little: it earns credit for the lighter of its two words only.
    c.value = kind == TokenMatch::kInitial ? sim * 2 * std::min(c.wq, c.wl) : sim * (c.wq + c.wl);
    const bool single = qe - qb == 1 && le - lb == 1;
    c.anchor = kind != TokenMatch::kInitial &&
               (!single || (CanAnchor(q.tokens[qb]) && CanAnchor(l.tokens[lb])));
    cands.push_back(c);
  };
  for (int i = 0; i < nq; ++i)
    for (int j = 0; j < nl; ++j) add(i, i + 1, j, j + 1, q.tokens[i], l.tokens[j]);
  // Joined neighbours: a word on one side against two on the other.
  std::string joined;
  for (int j = 0; j + 1 < nl; ++j) {
    if (!Joinable(l.tokens[j], l.tokens[j + 1])) continue;
    joined = l.tokens[j] + l.tokens[j + 1];
    for (int i = 0; i < nq; ++i)
      if (q.tokens[i].size() >= kMinFuzzyLength) add(i, i + 1, j, j + 2, q.tokens[i], joined);
  }
  for (int i = 0; i + 1 < nq; ++i) {
    if (!Joinable(q.tokens[i], q.tokens[i + 1])) continue;
    joined = q.tokens[i] + q.tokens[i + 1];
    for (int j = 0; j < nl; ++j)
      if (l.tokens[j].size() >= kMinFuzzyLength) add(i, i + 2, j, j + 1, joined, l.tokens[j]);
  }
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    if (a.value != b.value) return a.value > b.value;
    // Ties: prefer the pair whose words stand in the same place (keeps "a b" ~ "a b" straight).
    return std::abs(a.pair.query_begin - a.pair.list_begin) <
           std::abs(b.pair.query_begin - b.pair.list_begin);
  });
  uint64_t used_q = 0, used_l = 0;  // names longer than 64 words: the rest stay unmatched
  double matched = 0, paired_weight = 0;
  for (const Candidate& c : cands) {
    uint64_t mq = 0, ml = 0;
    for (int i = c.pair.query_begin; i < c.pair.query_end; ++i) mq |= uint64_t{1} << (i & 63);
    for (int j = c.pair.list_begin; j < c.pair.list_end; ++j) ml |= uint64_t{1} << (j & 63);
    if ((mq & used_q) || (ml & used_l) || c.pair.query_end > 64 || c.pair.list_end > 64) continue;
    used_q |= mq;
    used_l |= ml;
    matched += c.value;
    paired_weight += c.wq + c.wl;
    out.anchored = out.anchored || c.anchor;
    if (want_details) out.pairs.push_back(c.pair);
  }
  double unmatched_q = 0, unmatched_l = 0;
  for (int i = 0; i < nq; ++i) {
    if (i < 64 && (used_q >> i & 1)) continue;
    unmatched_q += q.weights[i];
    if (want_details) out.unmatched_query.push_back(i);
  }
  for (int j = 0; j < nl; ++j) {
    if (j < 64 && (used_l >> j & 1)) continue;
    unmatched_l += l.weights[j];
    if (want_details) out.unmatched_list.push_back(j);
  }
  if (!out.anchored) return out;  // score 0: nothing the index could have found
  const double denom = paired_weight + params.unmatched_query_factor * unmatched_q +
                       params.unmatched_list_factor * unmatched_l;
  out.score = denom > 0 ? matched / denom : 0;
  if (want_details)
    std::sort(out.pairs.begin(), out.pairs.end(), [](const AlignedPair& a, const AlignedPair& b) {
      return a.query_begin < b.query_begin;
    });
  return out;
}

}  // namespace partyscreen
