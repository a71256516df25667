#include "match/name_score.h"

#include <algorithm>

#include "match/similarity.h"
#include "normalize/name_normalizer.h"
#include "normalize/sound_fold.h"
#include "translit/han_names.h"
#include "translit/hangul.h"

namespace partyscreen {

ScoringParams ParamsForSchema(Schema schema) {
  ScoringParams p;
  if (schema == Schema::kPerson) {
    p.unmatched_query_factor = 0.8;
    p.unmatched_list_factor = 0.45;
  }
  // An organisation's name has no optional parts (legal forms and place words already weigh
  // little): a listed word the query lacks costs what a query word the list lacks costs.
  if (schema == Schema::kOrganization) p.unmatched_list_factor = p.unmatched_query_factor;
  return p;
}

void WeightedName::SetWords(std::vector<std::string> spelled,
                            const std::vector<TokenScript>& script) {
  raw = std::move(spelled);
  tokens.clear();
  tokens.reserve(raw.size());
  for (const std::string& r : raw) tokens.push_back(SoundFold(r));
  scripts.clear();
  for (TokenScript s : script)
    if (s != TokenScript::kLatin) {
      scripts = script;
      break;
    }
}

bool CanAnchor(const std::string& token) { return token.size() >= 2 && !IsStopword(token); }

bool IsNameParticle(std::string_view word) {
  // The Arabic article in its Latin spellings (al-, el-, ul-, and assimilated ad-, ar-, as-,
  // ash-, at-, az-, an-) and the particles of Arabic names: father of, son of, servant of.
  static constexpr std::string_view kParticles[] = {"al",  "el",  "ul",  "ad",  "ar",
                                                    "as",  "ash", "at",  "az",  "an",
                                                    "abu", "ibn", "bin", "abd", "bint"};
  for (std::string_view p : kParticles)
    if (word == p) return true;
  return false;
}

bool IsGivenNameSyllable(std::string_view word) {
  if (word.size() < 2 || word.size() > 6) return false;
  int vowel_runs = 0;  // a syllable has one vowel nucleus ("kyong", "hui"; "talib" has two)
  bool after_vowel = false;
  for (char c : word) {
    const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    vowel_runs += vowel && !after_vowel;
    after_vowel = vowel;
  }
  return vowel_runs == 1 && (IsChineseSyllableSpelling(word) || IsKoreanSyllableSpelling(word));
}

bool Joinable(const std::string& a, const std::string& b) {
  return a.size() >= 2 && b.size() >= 2 && a.size() + b.size() >= kMinFuzzyLength;
}

bool WholeNameJoinable(const WeightedName& name) {
  const size_t n = name.tokens.size();
  if (n < 3 || n > 5) return false;
  size_t letters = 0;
  for (size_t i = 0; i < n; ++i) {
    if (name.tokens[i].size() < 2 || name.ScriptAt(i) != TokenScript::kLatin) return false;
    letters += name.tokens[i].size();
  }
  return letters >= 8 && letters <= 48;
}

namespace {

constexpr double kConflictFactor = 0.5;

// a1 + a2 == b1 + b2, without joining them.
bool JoinedEqual(std::string_view a1, std::string_view a2, std::string_view b1,
                 std::string_view b2) {
  if (a1.size() + a2.size() != b1.size() + b2.size()) return false;
  auto at = [](std::string_view x1, std::string_view x2, size_t k) {
    return k < x1.size() ? x1[k] : x2[k - x1.size()];
  };
  for (size_t k = 0; k < a1.size() + a2.size(); ++k)
    if (at(a1, a2, k) != at(b1, b2, k)) return false;
  return true;
}

// Words [b, e) of `n` read as one word (b < e, b < its size), into the buffers `text` and `raw`
// (reused: assigning keeps their capacity). Indices past the last word wrap around, so that
// [1, size + 1) reads the first word last.
inline WordView JoinWords(const WeightedName& n, size_t b, size_t e, TokenScript script,
                          std::string& text, std::string& raw) {
  text.assign(n.tokens[b]);
  raw.assign(n.raw[b]);
  const size_t count = n.tokens.size();
  for (size_t k = b + 1; k < e; ++k) {
    const size_t at = k < count ? k : k - count;
    text += n.tokens[at];
    raw += n.raw[at];
  }
  return WordView{text, raw, script};
}

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
  auto add = [&](int qb, int qe, int lb, int le, const WordMatch& m) {
    if (m.similarity <= 0) return;
    Candidate c;
    c.pair = {qb, qe, lb, le, m.similarity, static_cast<int>(m.kind)};
    for (int i = qb; i < qe; ++i) c.wq += q.EvidenceAt(i);
    for (int j = lb; j < le; ++j) c.wl += l.EvidenceAt(j);
    // An initial says little: it earns credit for the lighter of its two words only.
    c.value = m.kind == TokenMatch::kInitial ? m.similarity * 2 * std::min(c.wq, c.wl)
                                             : m.similarity * (c.wq + c.wl);
    const bool single = qe - qb == 1 && le - lb == 1;
    c.anchor = Anchors(m.kind) && (!single || (CanAnchor(q.tokens[qb]) && CanAnchor(l.tokens[lb])));
    cands.push_back(c);
  };
  auto word = [](const WeightedName& n, int i) {
    return WordView{n.tokens[i], n.raw[i], n.ScriptAt(i)};
  };
  // (i, j): query word i matches list word j on its own (an anchoring match of any kind).
  thread_local std::vector<uint8_t> alone;
  alone.assign(static_cast<size_t>(nq) * nl, 0);
  for (int i = 0; i < nq; ++i)
    for (int j = 0; j < nl; ++j) {
      const WordMatch m = CompareWords(word(q, i), word(l, j));
      alone[static_cast<size_t>(i) * nl + j] = m.similarity > 0 && Anchors(m.kind);
      add(i, i + 1, j, j + 1, m);
    }
  // Joined neighbours: a word on one side against two on the other (as BlockingUnits joins them).
  // Words i and i+1 of a name read as one, into one pair of buffers per side (so that a query
  // pair and a list pair can be compared joined).
  thread_local std::string joined, joined_raw, joined_q, joined_q_raw;
  auto pair_script = [](const WeightedName& n, int i) {
    return n.ScriptAt(i) == n.ScriptAt(i + 1) ? n.ScriptAt(i) : TokenScript::kOther;
  };
  auto joined_word = [&](const WeightedName& n, int i) {
    return JoinWords(n, i, i + 2, pair_script(n, i), joined, joined_raw);
  };
  auto joined_query_word = [&](int i) {
    return JoinWords(q, i, i + 2, pair_script(q, i), joined_q, joined_q_raw);
  };
  // A Latin word matches a joined pair by spelling only: most pairs are too long or too short
  // for every word of the other side, and are then neither joined nor compared.
  auto may_match = [](const WeightedName& n, int i, size_t raw, size_t fold) {
    return n.ScriptAt(i) != TokenScript::kLatin ||
           SpellingLengthsMayMatch(n.raw[i].size(), n.tokens[i].size(), raw, fold);
  };
  for (int j = 0; j + 1 < nl; ++j) {
    if (!Joinable(l.tokens[j], l.tokens[j + 1])) continue;
    const size_t raw = l.raw[j].size() + l.raw[j + 1].size();
    const size_t fold = l.tokens[j].size() + l.tokens[j + 1].size();
    bool wanted = false;
    for (int i = 0; i < nq && !wanted; ++i)
      wanted = q.tokens[i].size() >= kMinFuzzyLength && may_match(q, i, raw, fold);
    if (!wanted) continue;
    const WordView b = joined_word(l, j);
    // A word in Arabic, Hebrew or Cyrillic script written as two Latin words is a name with a
    // particle ("altkryty" = "al tikriti"); two full Latin names joined are no reading of it.
    const bool particle = l.raw[j].size() <= 3;
    for (int i = 0; i < nq; ++i) {
      if (q.tokens[i].size() < kMinFuzzyLength || !may_match(q, i, raw, fold)) continue;
      const TokenScript s = q.ScriptAt(i);
      if (!particle && (s == TokenScript::kAbjad || s == TokenScript::kCyrillic)) {
        add(i, i + 1, j, j + 2, CompareBySpelling(word(q, i), b));
        continue;
      }
      add(i, i + 1, j, j + 2, CompareWords(word(q, i), b));
    }
  }
  for (int i = 0; i + 1 < nq; ++i) {
    if (!Joinable(q.tokens[i], q.tokens[i + 1])) continue;
    // Joined Latin query words against a list word: by spelling only (as above).
    const bool latin =
        q.ScriptAt(i) == TokenScript::kLatin && q.ScriptAt(i + 1) == TokenScript::kLatin;
    const size_t raw = q.raw[i].size() + q.raw[i + 1].size();
    const size_t fold = q.tokens[i].size() + q.tokens[i + 1].size();
    auto wanted = [&](int j) {
      return l.tokens[j].size() >= kMinFuzzyLength &&
             (!latin || SpellingLengthsMayMatch(raw, fold, l.raw[j].size(), l.tokens[j].size()));
    };
    bool any = false;
    for (int j = 0; j < nl && !any; ++j) any = wanted(j);
    if (!any) continue;
    const WordView a = joined_word(q, i);
    for (int j = 0; j < nl; ++j) {
      if (!wanted(j)) continue;
      const WordMatch m = CompareWords(a, word(l, j));
      // An alignment across scripts lets letters go unread: when one of the two words reads as
      // the list word alone, the other is an extra word, not part of it ("bwtspwrd mbh" is
      // Botsford and another name, not a longer Botsford).
      if (m.kind == TokenMatch::kCrossScript &&
          (alone[static_cast<size_t>(i) * nl + j] || alone[static_cast<size_t>(i + 1) * nl + j]))
        continue;
      add(i, i + 2, j, j + 1, m);
    }
  }
  // Two words on each side read together, when the words do not already match one by one:
  //  - a slip at the boundary after an Arabic article or particle written as its own word: the
  //    hyphen typed one letter late or early, or a letter added next to it ("ALM-UDALLAL",
  //    "AgL-KANI" for AL-MUDALLAL, AL-KANI), when the listed pair is a particle and a name of 4+
  //    letters;
  //  - a Chinese or Korean given name of two syllables ("Hui-fen", "Kyong-Chol", "Hong-Sop"): it
  //    is one name written in two parts, so a typo that leaves a part no syllable and is too
  //    short to be compared alone ("HUxI-FEN", "Hong-Osp") is a typo of the name;
  //  - any two words the other side splits elsewhere, equal as spelled ("We-nFu" = "Wen-Fu").
  // (BlockingUnits joins the same neighbours on both sides: the index finds these pairs.)
  // Query words i, i+1 that may be read together (Latin, Joinable), asked for every listed pair.
  thread_local std::vector<uint8_t> q_pair;
  q_pair.assign(static_cast<size_t>(nq), 0);
  bool any_q_pair = false;
  for (int i = 0; i + 1 < nq; ++i) {
    q_pair[i] = Joinable(q.tokens[i], q.tokens[i + 1]) && q.ScriptAt(i) == TokenScript::kLatin &&
                q.ScriptAt(i + 1) == TokenScript::kLatin;
    any_q_pair = any_q_pair || q_pair[i];
  }
  for (int j = 0; any_q_pair && j + 1 < nl; ++j) {
    if (!Joinable(l.tokens[j], l.tokens[j + 1]) || l.ScriptAt(j) != TokenScript::kLatin ||
        l.ScriptAt(j + 1) != TokenScript::kLatin)
      continue;
    const bool particle = IsNameParticle(l.raw[j]) && l.tokens[j + 1].size() >= kMinFuzzyLength;
    int syllables = -1;  // whether l's words j, j+1 are syllables of a given name; -1 = not known
    const size_t l_raw = l.raw[j].size() + l.raw[j + 1].size();
    const size_t l_fold = l.tokens[j].size() + l.tokens[j + 1].size();
    for (int i = 0; i + 1 < nq; ++i) {
      if (!q_pair[i] || (alone[static_cast<size_t>(i) * nl + j] &&
                         alone[static_cast<size_t>(i + 1) * nl + j + 1]))
        continue;
      if (particle) {
        add(i, i + 2, j, j + 2, CompareWords(joined_query_word(i), joined_word(l, j)));
        continue;
      }
      // Equal as spelled: the words split elsewhere.
      if (JoinedEqual(q.raw[i], q.raw[i + 1], l.raw[j], l.raw[j + 1])) {
        add(i, i + 2, j, j + 2, {TokenMatch::kEqual, 1.0});
        continue;
      }
      // A typo: only in a listed two-syllable name, and not when the query's words are
      // syllables too: a syllable one letter away is another character, another name ("Li Wei"
      // is not "Lu Wei"; "huxi" is no syllable, a typo).
      if (!SpellingLengthsMayMatch(q.raw[i].size() + q.raw[i + 1].size(),
                                   q.tokens[i].size() + q.tokens[i + 1].size(), l_raw, l_fold))
        continue;
      if (syllables < 0)
        syllables = IsGivenNameSyllable(l.raw[j]) && IsGivenNameSyllable(l.raw[j + 1]);
      if (!syllables || (IsGivenNameSyllable(q.raw[i]) && IsGivenNameSyllable(q.raw[i + 1])))
        continue;
      add(i, i + 2, j, j + 2, CompareWords(joined_query_word(i), joined_word(l, j)));
    }
  }
  // A whole name written as one word ("alexandervyacheslavovichzakharov"): the one word of one
  // side against every word of the other read as one, by spelling (BlockingUnits indexes the
  // whole name so, on both sides).
  // Read in its order and with its first word last ("PUTIN, Vladimir Vladimirovich" as
  // "vladimirvladimirovichputin").
  thread_local std::string whole, whole_raw;
  auto whole_word = [&](const WeightedName& n, size_t first) {  // matched only as spelled
    return JoinWords(n, first, first + n.tokens.size(), TokenScript::kJoinedName, whole, whole_raw);
  };
  const bool whole_l = nq == 1 && q.ScriptAt(0) == TokenScript::kLatin && WholeNameJoinable(l);
  const bool whole_q = nl == 1 && l.ScriptAt(0) == TokenScript::kLatin && WholeNameJoinable(q);
  for (size_t first : {size_t{0}, size_t{1}}) {
    if (whole_l) add(0, 1, 0, nl, CompareBySpelling(word(q, 0), whole_word(l, first)));
    if (whole_q) add(0, nq, 0, 1, CompareBySpelling(whole_word(q, first), word(l, 0)));
  }
  // Letters written apart, read as one word (ForEachLetterRun): against a word of 2+ letters of
  // the other side and against the other side's runs, by spelling only.
  thread_local std::string run_q, run_q_raw, run_l, run_l_raw;
  auto run_word = [](const WeightedName& n, int b, int e, std::string& text, std::string& raw) {
    return JoinWords(n, b, e, TokenScript::kJoinedName, text, raw);  // matched only as spelled
  };
  ForEachLetterRun(l, [&](int lb, int le) {
    const WordView run = run_word(l, lb, le, run_l, run_l_raw);
    for (int i = 0; i < nq; ++i)
      if (q.raw[i].size() >= 2) add(i, i + 1, lb, le, CompareBySpelling(word(q, i), run));
    ForEachLetterRun(q, [&](int qb, int qe) {
      add(qb, qe, lb, le, CompareBySpelling(run_word(q, qb, qe, run_q, run_q_raw), run));
    });
  });
  ForEachLetterRun(q, [&](int qb, int qe) {
    const WordView run = run_word(q, qb, qe, run_q, run_q_raw);
    for (int j = 0; j < nl; ++j)
      if (l.raw[j].size() >= 2) add(qb, qe, j, j + 1, CompareBySpelling(run, word(l, j)));
  });
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
  // Unmatched words; `kind_conflict` the weight of those naming a body that does not trade
  // ("association") in a name without a commercial legal form, opposite a name with one.
  double unmatched_q = 0, unmatched_l = 0, kind_conflict = 0;
  const bool q_against_form = l.commercial_form && !q.commercial_form;
  const bool l_against_form = q.commercial_form && !l.commercial_form;
  for (int i = 0; i < nq; ++i) {
    if (i < 64 && (used_q >> i & 1)) continue;
    unmatched_q += q.weights[i];
    if (q_against_form && IsNonprofitWord(q.raw[i])) {
      kind_conflict += q.weights[i];
      if (want_details) out.kind_conflict_word = q.raw[i];
    }
    if (want_details) out.unmatched_query.push_back(i);
  }
  for (int j = 0; j < nl; ++j) {
    if (j < 64 && (used_l >> j & 1)) continue;
    unmatched_l += l.weights[j];
    if (l_against_form && IsNonprofitWord(l.raw[j])) {
      kind_conflict += l.weights[j];
      if (want_details) out.kind_conflict_word = l.raw[j];
    }
    if (want_details) out.unmatched_list.push_back(j);
  }
  if (!out.anchored) return out;  // score 0: nothing the index could have found
  // Words left over on both sides are not a missing name part but a different one ("al duri" vs
  // "al ubaidi"): the smaller side's weight counts once more (kConflictFactor). So does a word
  // that makes the name another kind of body than the other name's legal form says ("Educational
  // Development Corp" vs "... Association": a company is not an association).
  const double conflict = std::max(std::min(unmatched_q, unmatched_l), kind_conflict);
  const double denom = paired_weight + params.unmatched_query_factor * unmatched_q +
                       params.unmatched_list_factor * unmatched_l + kConflictFactor * conflict;
  out.score = denom > 0 ? matched / denom : 0;
  if (want_details)
    std::sort(out.pairs.begin(), out.pairs.end(), [](const AlignedPair& a, const AlignedPair& b) {
      return a.query_begin < b.query_begin;
    });
  return out;
}

}  // namespace partyscreen
