#include "match/explain.h"

#include <cstdio>

#include "core/strings.h"
#include "match/cross_script_match.h"
#include "normalize/sound_fold.h"

namespace partyscreen {

namespace {

std::string Words(const std::vector<std::string>& tokens, int begin, int end) {
  std::string out;
  for (int i = begin; i < end; ++i) out += (out.empty() ? "" : " ") + tokens[i];
  return out;
}

std::string_view QualityWords(AliasQuality q) {
  switch (q) {
    case AliasQuality::kPrimary:
      return "the primary name";
    case AliasQuality::kStrong:
      return "the alias";
    case AliasQuality::kWeak:
      return "the weak alias";
  }
  return "the name";
}

// The words [begin, end) of a name joined as the scorer joins them, with their script.
struct JoinedWord {
  std::string raw, fold;
  TokenScript script = TokenScript::kLatin;
};
JoinedWord Joined(const NormalizedName& n, int begin, int end) {
  JoinedWord w;
  for (int i = begin; i < end; ++i) {
    w.raw += n.tokens[i];
    w.fold += SoundFold(n.tokens[i]);
    const TokenScript s =
        i < static_cast<int>(n.scripts.size()) ? n.scripts[i] : TokenScript::kLatin;
    w.script = i == begin ? s : (s == w.script ? s : TokenScript::kOther);
  }
  return w;
}

std::string Bridge(const NormalizedName& query, const NormalizedName& list, const AlignedPair& p) {
  const auto kind = static_cast<TokenMatch>(p.kind);
  if (kind != TokenMatch::kSound && kind != TokenMatch::kCrossScript) return {};
  const JoinedWord q = Joined(query, p.query_begin, p.query_end);
  const JoinedWord l = Joined(list, p.list_begin, p.list_end);
  if (kind == TokenMatch::kSound)
    return "same sound: " + q.raw + " = " + l.raw + " (" + q.fold + ")";
  const WordView qv{q.fold, q.raw, q.script}, lv{l.fold, l.raw, l.script};
  return q.script == TokenScript::kLatin ? DescribeBridge(lv, qv) : DescribeBridge(qv, lv);
}

}  // namespace

void DescribeAlignment(const NormalizedName& query, const NormalizedName& list,
                       const NameAlignment& alignment, Explanation* x) {
  x->normalized_query = query.Display();
  x->normalized_name = list.Display();
  x->aligned.clear();
  for (const AlignedPair& p : alignment.pairs) {
    x->aligned.push_back({Words(query.tokens, p.query_begin, p.query_end),
                          Words(list.tokens, p.list_begin, p.list_end), p.similarity,
                          Bridge(query, list, p)});
  }
  x->unmatched_query_tokens.clear();
  for (int i : alignment.unmatched_query) x->unmatched_query_tokens.push_back(query.tokens[i]);
  x->unmatched_list_tokens.clear();
  for (int j : alignment.unmatched_list) x->unmatched_list_tokens.push_back(list.tokens[j]);
}

void FinishSummary(double score, Explanation* x) {
  int exact = 0, fuzzy = 0, joined = 0, initials = 0, bridged = 0;
  std::vector<std::string> bridges;
  for (const TokenAlignment& t : x->aligned) {
    const bool is_joined =
        t.query_token.find(' ') != std::string::npos || t.list_token.find(' ') != std::string::npos;
    if (!t.bridge.empty()) {
      ++bridged;
      bridges.push_back(t.bridge);
    } else if (is_joined) {
      ++joined;
    } else if (t.similarity >= 1.0) {
      ++exact;
    } else if (t.query_token.size() == 1 || t.list_token.size() == 1) {
      ++initials;
    } else {
      ++fuzzy;
    }
  }
  std::string s =
      "Matches " + std::string(QualityWords(x->alias_quality)) + " \"" + x->matched_name + "\": ";
  std::vector<std::string> how;
  if (exact) how.push_back(std::to_string(exact) + " word(s) equal");
  if (fuzzy) how.push_back(std::to_string(fuzzy) + " with a typo");
  if (joined) how.push_back(std::to_string(joined) + " written joined/split");
  if (initials) how.push_back(std::to_string(initials) + " as an initial");
  if (bridged)
    how.push_back(std::to_string(bridged) + " by sound or across scripts (" + Join(bridges, "; ") +
                  ")");
  s += how.empty() ? "no words aligned" : Join(how, ", ");
  if (!x->unmatched_query_tokens.empty())
    s += "; query word(s) not on the list: " + Join(x->unmatched_query_tokens, " ");
  if (!x->unmatched_list_tokens.empty())
    s += "; list word(s) not in the query: " + Join(x->unmatched_list_tokens, " ");
  if (!x->attributes.empty()) s += "; " + Join(x->attributes, "; ");
  char buf[64];
  std::snprintf(buf, sizeof buf, " (score %.3f).", score);
  x->summary = s + buf;
}

}  // namespace partyscreen
