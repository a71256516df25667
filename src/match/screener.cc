// The screening engine: normalised aliases, a blocking-key index with provable pruning, and the
// scorer (see screener.h for the contract, docs/MATCHING.md for the design and measurements).
#include "partyscreen/screener.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "match/attributes.h"
#include "match/blocking.h"
#include "match/explain.h"
#include "match/name_score.h"
#include "match/similarity.h"
#include "normalize/name_normalizer.h"

namespace partyscreen {

double DefaultThreshold() { return 0.80; }
std::string EngineVersion() { return "partyscreen-match-1"; }

namespace {

constexpr double kWeakAliasFactor = 0.92;
constexpr double kLegalFormMismatchFactor = 0.98;
constexpr float kStopwordWeightShare =
    0.15f;  // of the token's IDF weight (or of 1 without a corpus)
constexpr float kInitialWeightCap = 2.0f;
constexpr float kPlaceWeightShare = 0.5f;  // place words in organisation names (qualifiers.txt)
constexpr float kLegalWordShare = 0.3f;    // words of legal forms not recognised as a whole form

struct IndexedAlias {
  uint32_t entity = 0;
  uint32_t name_index = 0;  // into Entity::AllNames()
  AliasQuality quality = AliasQuality::kPrimary;
  NormalizedName normalized;
  WeightedName weighted;
  float total_weight = 0;
  bool has_initial = false;  // a one-letter word can align with any query word by its initial
  float free_weight = 0;  // weight of words that align without a blocking key (initials, stopwords)
};

// A query after normalisation and weighting: computed once per Screen/ScoreEntity call.
struct PreparedQuery {
  NormalizedName normalized;
  WeightedName weighted;
  ScoringParams params;
  QueryFacts facts;
};

// Neutral weights (no corpus): 1 per word, less for stopwords and initials.
// The share of its weight a word keeps for what kind of word it is (1 for ordinary words).
float WordShare(const std::string& token, Schema schema) {
  if (IsStopword(token)) return kStopwordWeightShare;
  if (schema == Schema::kPerson) return 1.0f;
  if (IsLegalWord(token)) return kLegalWordShare;
  if (IsPlaceQualifier(token)) return kPlaceWeightShare;
  return 1.0f;
}

float NeutralWeight(const std::string& token, Schema schema) {
  if (const float share = WordShare(token, schema); share < 1.0f) return share;
  if (token.size() == 1) return 0.5f;
  return 1.0f;
}

bool LegalFormsDisagree(const NormalizedName& a, const NormalizedName& b) {
  if (a.legal_forms.empty() || b.legal_forms.empty()) return false;
  for (const std::string& f : a.legal_forms)
    if (std::find(b.legal_forms.begin(), b.legal_forms.end(), f) != b.legal_forms.end())
      return false;
  return true;
}

// Name score of one alias: the alignment score with the alias-quality and legal-form factors.
double AliasScore(const PreparedQuery& q, const IndexedAlias& a, const NameAlignment& al) {
  double s = al.score;
  if (a.quality == AliasQuality::kWeak) s *= kWeakAliasFactor;
  if (LegalFormsDisagree(q.normalized, a.normalized)) s *= kLegalFormMismatchFactor;
  return s;
}

// Per-thread scratch for candidate retrieval; reset after every query, so it is always clean.
struct Scratch {
  std::vector<uint64_t> mask;       // per alias: which query tokens can align with it
  std::vector<float> list_hit;      // per alias: weight of its units that met a query unit
  std::vector<uint32_t> touched;    // aliases with a non-zero mask
  std::vector<uint32_t> survivors;  // aliases whose bound reaches the threshold, sorted
  std::vector<uint64_t> keys;
  std::vector<uint32_t> vocab_hits;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

struct Screener::Impl {
  std::shared_ptr<const Snapshot> snapshot;
  std::vector<IndexedAlias> aliases;
  std::vector<uint32_t> entity_alias_begin;  // aliases of entity e: [begin[e], begin[e + 1])
  std::vector<EntityFacts> facts;
  std::unordered_map<std::string, float> idf;
  float unseen_weight = 1;
  // Blocking index: vocabulary of units (word or two words joined) -> aliases holding them, and
  // key -> vocabulary entries whose keys include it. Both CSR.
  std::vector<std::string> vocab;
  std::vector<uint32_t>
      vocab_begin;  // postings of vocab v: postings[vocab_begin[v] .. vocab_begin[v+1])
  struct Posting {
    uint32_t alias;
    float weight;  // the unit's weight in that alias (its words' weights; summed if repeated)
  };
  std::vector<Posting> postings;
  std::vector<uint64_t> keys;  // sorted unique
  std::vector<uint32_t>
      key_begin;  // vocab ids of keys[i]: key_vocab[key_begin[i] .. key_begin[i+1])
  std::vector<uint32_t> key_vocab;
  // Open-addressing table key -> index into `keys` (linear probing, power-of-two size, empty = ~0).
  std::vector<uint64_t> slot_key;
  std::vector<uint32_t> slot_index;
  uint64_t slot_mask = 0;

  void BuildKeyTable() {
    size_t size = 16;
    while (size < keys.size() * 2) size <<= 1;
    slot_key.assign(size, ~uint64_t{0});
    slot_index.assign(size, 0);
    slot_mask = size - 1;
    for (uint32_t i = 0; i < keys.size(); ++i) {
      uint64_t h = Mix(keys[i]) & slot_mask;
      while (slot_key[h] != ~uint64_t{0}) h = (h + 1) & slot_mask;
      slot_key[h] = keys[i];
      slot_index[h] = i;
    }
  }
  static uint64_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
  }
  // Index of `key` in `keys`, or -1.
  int64_t FindKey(uint64_t key) const {
    if (slot_key.empty() || key == ~uint64_t{0}) return -1;
    for (uint64_t h = Mix(key) & slot_mask;; h = (h + 1) & slot_mask) {
      if (slot_key[h] == key) return slot_index[h];
      if (slot_key[h] == ~uint64_t{0}) return -1;
    }
  }
  double build_seconds = 0;

  // IDF of a word; a word no alias has takes the IDF of its rarest one-edit neighbour on the
  // lists (a typo of "liability" is as common as "liability"), or the unseen-word weight.
  float BaseWeight(const std::string& token) const {
    if (auto it = idf.find(token); it != idf.end()) return it->second;
    if (token.size() < kMinFuzzyLength) return unseen_weight;
    thread_local std::vector<uint64_t> token_keys;
    token_keys.clear();
    AppendUnitKeys(token, &token_keys);
    float best = 0;
    for (uint64_t k : token_keys) {
      const int64_t ki = FindKey(k);
      if (ki < 0) continue;
      for (uint32_t p = key_begin[ki]; p < key_begin[ki + 1]; ++p) {
        const std::string& neighbour = vocab[key_vocab[p]];
        if (ClassifyTokens(token, neighbour) != TokenMatch::kOneEdit) continue;
        if (auto it = idf.find(neighbour); it != idf.end()) best = std::max(best, it->second);
      }
    }
    return best > 0 ? best : unseen_weight;
  }

  float Weight(const std::string& token, Schema schema) const {
    float w = BaseWeight(token) * WordShare(token, schema);
    if (token.size() == 1) w = std::min(w, kInitialWeightCap);
    return w;
  }

  PreparedQuery Prepare(const Query& q) const {
    PreparedQuery p;
    p.normalized = NormalizeName(q.name, q.schema);
    p.weighted.tokens = p.normalized.tokens;
    for (const std::string& t : p.weighted.tokens)
      p.weighted.weights.push_back(Weight(t, q.schema));
    p.params = ParamsForSchema(q.schema);
    p.facts = ExtractFacts(q);
    return p;
  }

  bool Admitted(const Entity& e, const ScreenOptions& o) const {
    if (!o.sources.empty() &&
        std::find(o.sources.begin(), o.sources.end(), e.source) == o.sources.end())
      return false;
    return o.exclude_entity_ids.empty() || !o.exclude_entity_ids.count(e.id);
  }

  // The entity's score over the aliases [first, last) (ascending alias ids of entity idx). Screen
  // passes only the aliases that can reach the threshold; every other alias scores below
  // threshold - max_bonus, so the best alias, its score and the hit are the same as over all.
  std::optional<Hit> Score(const PreparedQuery& q, uint32_t idx, const ScreenOptions& o,
                           const uint32_t* first, const uint32_t* last) const {
    const Entity& e = snapshot->entities[idx];
    if (!Admitted(e, o)) return std::nullopt;
    double best = 0;
    uint32_t best_alias = UINT32_MAX;
    for (const uint32_t* it = first; it != last; ++it) {
      const uint32_t a = *it;
      const NameAlignment al = AlignNames(q.weighted, aliases[a].weighted, q.params, false);
      const double s = AliasScore(q, aliases[a], al);
      if (s > best) {
        best = s;
        best_alias = a;
      }
    }
    if (best_alias == UINT32_MAX) return std::nullopt;
    return MakeHit(q, idx, best_alias, best, o);
  }

  std::optional<Hit> ScoreAll(const PreparedQuery& q, uint32_t idx, const ScreenOptions& o) const {
    thread_local std::vector<uint32_t> all;
    all.clear();
    for (uint32_t a = entity_alias_begin[idx]; a < entity_alias_begin[idx + 1]; ++a)
      all.push_back(a);
    return Score(q, idx, o, all.data(), all.data() + all.size());
  }

  std::optional<Hit> MakeHit(const PreparedQuery& q, uint32_t idx, uint32_t best_alias, double best,
                             const ScreenOptions& o) const {
    const Entity& e = snapshot->entities[idx];
    const double score = AdjustScore(best, q.facts, facts[idx], e.schema, nullptr);
    if (score < o.threshold) return std::nullopt;
    Hit h;
    h.entity_index = idx;
    h.entity = &e;
    h.score = score;
    const IndexedAlias& a = aliases[best_alias];
    Explanation& x = h.explanation;
    x.matched_name = std::string(e.AllNames()[a.name_index]);
    x.alias_quality = a.quality;
    x.name_score = best;
    if (o.explain) {
      const NameAlignment al = AlignNames(q.weighted, a.weighted, q.params, true);
      DescribeAlignment(q.normalized, a.normalized, al, &x);
      AdjustScore(best, q.facts, facts[idx], e.schema, &x.attributes);
      if (a.quality == AliasQuality::kWeak)
        x.attributes.push_back("matched a weak alias (scored lower)");
      if (LegalFormsDisagree(q.normalized, a.normalized))
        x.attributes.push_back("legal forms differ");
      FinishSummary(score, &x);
    }
    return h;
  }

  static void SortAndLimit(std::vector<Hit>* hits, size_t limit) {
    std::sort(hits->begin(), hits->end(), [](const Hit& a, const Hit& b) {
      return a.score != b.score ? a.score > b.score : a.entity_index < b.entity_index;
    });
    if (hits->size() > limit) hits->resize(limit);
  }

  // Entities that can reach `threshold`: every alias sharing a compatible blocking unit with the
  // query, kept only if its upper bound (see docs/MATCHING.md, "Pruning") reaches the threshold.
  void Candidates(const PreparedQuery& q, double threshold, Scratch& s) const {
    s.survivors.clear();
    if (s.mask.size() < aliases.size()) s.mask.resize(aliases.size(), 0);
    if (s.list_hit.size() < aliases.size()) s.list_hit.resize(aliases.size(), 0);
    const auto& tokens = q.weighted.tokens;
    const size_t nq = std::min<size_t>(tokens.size(), 64);
    uint64_t free_bits = 0;  // tokens that may align without a key (initials, stopwords)
    for (size_t i = 0; i < nq; ++i)
      if (!CanAnchor(tokens[i])) free_bits |= uint64_t{1} << i;
    for (const BlockingUnit& u : BlockingUnits(tokens)) {
      if (static_cast<size_t>(u.first_token + u.token_count) > nq) continue;
      const uint64_t bits = ((uint64_t{1} << u.token_count) - 1) << u.first_token;
      s.keys.clear();
      AppendUnitKeys(u.text, &s.keys);
      s.vocab_hits.clear();
      for (uint64_t k : s.keys) {
        const int64_t found = FindKey(k);
        if (found < 0) continue;
        const size_t ki = static_cast<size_t>(found);
        for (uint32_t p = key_begin[ki]; p < key_begin[ki + 1]; ++p)
          s.vocab_hits.push_back(key_vocab[p]);
      }
      std::sort(s.vocab_hits.begin(), s.vocab_hits.end());
      s.vocab_hits.erase(std::unique(s.vocab_hits.begin(), s.vocab_hits.end()), s.vocab_hits.end());
      for (uint32_t v : s.vocab_hits) {
        const TokenMatch m = ClassifyTokens(u.text, vocab[v]);
        if (m != TokenMatch::kEqual && m != TokenMatch::kOneEdit) continue;
        for (uint32_t p = vocab_begin[v]; p < vocab_begin[v + 1]; ++p) {
          const uint32_t a = postings[p].alias;
          if (s.mask[a] == 0) s.touched.push_back(a);
          s.mask[a] |= bits;
          s.list_hit[a] += postings[p].weight;
        }
      }
    }
    double total_q = 0;
    for (size_t i = 0; i < tokens.size(); ++i) total_q += q.weighted.weights[i];
    const double aq = q.params.unmatched_query_factor;
    const double al = q.params.unmatched_list_factor;
    const uint64_t all_bits = nq == 64 ? ~uint64_t{0} : (uint64_t{1} << nq) - 1;
    bool query_has_initial = false;
    for (const std::string& t : tokens) query_has_initial = query_has_initial || t.size() == 1;
    for (uint32_t a : s.touched) {
      const IndexedAlias& alias = aliases[a];
      const uint64_t m = alias.has_initial ? all_bits : (s.mask[a] | free_bits);
      // Upper bounds of the matched weight on each side: query words whose units met the alias
      // (or that align without keys), and the alias's units met (or keyless words).
      double wq = 0;
      for (size_t i = 0; i < nq; ++i)
        if (m >> i & 1) wq += q.weighted.weights[i];
      const double wl = query_has_initial ? alias.total_weight
                                          : std::min<double>(alias.total_weight,
                                                             s.list_hit[a] + alias.free_weight);
      s.mask[a] = 0;
      s.list_hit[a] = 0;
      const double top = wq + wl;
      const double bound = top / (top + aq * std::max(0.0, total_q - wq) +
                                  al * std::max(0.0, alias.total_weight - wl));
      if (bound + q.facts.max_bonus + 1e-9 >= threshold) s.survivors.push_back(a);
    }
    s.touched.clear();
    std::sort(s.survivors.begin(), s.survivors.end());
  }
};

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

Result<std::unique_ptr<Screener>> Screener::Build(std::shared_ptr<const Snapshot> snapshot) {
  if (!snapshot) return Status::InvalidArgument("Screener::Build: no snapshot");
  const auto t0 = std::chrono::steady_clock::now();
  auto impl = std::make_unique<Impl>();
  impl->snapshot = std::move(snapshot);
  const auto& entities = impl->snapshot->entities;
  impl->entity_alias_begin.reserve(entities.size() + 1);
  impl->facts.reserve(entities.size());
  for (uint32_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    impl->entity_alias_begin.push_back(static_cast<uint32_t>(impl->aliases.size()));
    impl->facts.push_back(ExtractFacts(e));
    const auto names = e.AllNames();
    std::vector<std::string> seen;  // the same normalised name twice adds nothing
    for (uint32_t k = 0; k < names.size(); ++k) {
      IndexedAlias a;
      a.entity = i;
      a.name_index = k;
      a.quality = k == 0 ? AliasQuality::kPrimary : e.aliases[k - 1].quality;
      a.normalized = NormalizeName(names[k], e.schema);
      if (a.normalized.tokens.empty()) continue;
      const std::string display = a.normalized.Display();
      if (std::find(seen.begin(), seen.end(), display) != seen.end()) continue;
      seen.push_back(display);
      a.weighted.tokens = a.normalized.tokens;
      for (const std::string& t : a.weighted.tokens) a.has_initial = a.has_initial || t.size() == 1;
      impl->aliases.push_back(std::move(a));
    }
  }
  impl->entity_alias_begin.push_back(static_cast<uint32_t>(impl->aliases.size()));
  // Token rarity: IDF over aliases.
  std::unordered_map<std::string, uint32_t> df;
  for (const IndexedAlias& a : impl->aliases) {
    std::vector<std::string> distinct = a.weighted.tokens;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::string& t : distinct) ++df[t];
  }
  const double n = static_cast<double>(impl->aliases.size()) + 1;
  impl->unseen_weight = static_cast<float>(std::log(n) + 1);
  impl->idf.reserve(df.size());
  for (const auto& [t, c] : df) impl->idf.emplace(t, static_cast<float>(std::log(n / c) + 1));
  for (IndexedAlias& a : impl->aliases) {
    a.total_weight = 0;
    for (const std::string& t : a.weighted.tokens) {
      a.weighted.weights.push_back(impl->Weight(t, impl->snapshot->entities[a.entity].schema));
      a.total_weight += a.weighted.weights.back();
      if (!CanAnchor(t)) a.free_weight += a.weighted.weights.back();
    }
  }
  // Vocabulary of blocking units and their postings.
  std::unordered_map<std::string, uint32_t> vocab_id;
  struct UnitInAlias {
    uint32_t vocab, alias;
    float weight;
  };
  std::vector<UnitInAlias> unit_alias;
  for (uint32_t a = 0; a < impl->aliases.size(); ++a) {
    const WeightedName& name = impl->aliases[a].weighted;
    for (BlockingUnit& u : BlockingUnits(name.tokens)) {
      auto [it, inserted] = vocab_id.emplace(u.text, static_cast<uint32_t>(impl->vocab.size()));
      if (inserted) impl->vocab.push_back(std::move(u.text));
      float w = 0;
      for (int i = u.first_token; i < u.first_token + u.token_count; ++i) w += name.weights[i];
      unit_alias.push_back({it->second, a, w});
    }
  }
  std::sort(unit_alias.begin(), unit_alias.end(), [](const UnitInAlias& x, const UnitInAlias& y) {
    return x.vocab != y.vocab ? x.vocab < y.vocab : x.alias < y.alias;
  });
  impl->vocab_begin.assign(impl->vocab.size() + 1, 0);
  for (size_t i = 0; i < unit_alias.size(); ++i) {
    const UnitInAlias& u = unit_alias[i];
    if (i > 0 && u.vocab == unit_alias[i - 1].vocab && u.alias == unit_alias[i - 1].alias) {
      impl->postings.back().weight += u.weight;  // the same unit twice in one alias
      continue;
    }
    impl->postings.push_back({u.alias, u.weight});
    ++impl->vocab_begin[u.vocab + 1];
  }
  for (size_t v = 0; v < impl->vocab.size(); ++v) impl->vocab_begin[v + 1] += impl->vocab_begin[v];
  // Keys of each vocabulary entry.
  std::vector<std::pair<uint64_t, uint32_t>> key_vocab;
  std::vector<uint64_t> unit_keys;
  for (uint32_t v = 0; v < impl->vocab.size(); ++v) {
    unit_keys.clear();
    AppendUnitKeys(impl->vocab[v], &unit_keys);
    for (uint64_t k : unit_keys) key_vocab.emplace_back(k, v);
  }
  std::sort(key_vocab.begin(), key_vocab.end());
  key_vocab.erase(std::unique(key_vocab.begin(), key_vocab.end()), key_vocab.end());
  for (size_t i = 0; i < key_vocab.size(); ++i) {
    if (i == 0 || key_vocab[i].first != key_vocab[i - 1].first) {
      impl->keys.push_back(key_vocab[i].first);
      impl->key_begin.push_back(static_cast<uint32_t>(i));
    }
    impl->key_vocab.push_back(key_vocab[i].second);
  }
  impl->key_begin.push_back(static_cast<uint32_t>(key_vocab.size()));
  impl->BuildKeyTable();
  impl->build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

std::optional<Hit> Screener::ScoreEntity(const Query& q, uint32_t idx,
                                         const ScreenOptions& o) const {
  if (idx >= impl_->snapshot->entities.size()) return std::nullopt;
  return impl_->ScoreAll(impl_->Prepare(q), idx, o);
}

std::vector<Hit> Screener::Screen(const Query& q, const ScreenOptions& o) const {
  if (o.threshold <= 0) return ScreenBruteForce(q, o);  // every entity qualifies: nothing to prune
  const PreparedQuery p = impl_->Prepare(q);
  Scratch& s = ThreadScratch();
  impl_->Candidates(p, o.threshold, s);
  std::vector<Hit> hits;
  for (size_t i = 0; i < s.survivors.size();) {
    const uint32_t entity = impl_->aliases[s.survivors[i]].entity;
    size_t j = i;
    while (j < s.survivors.size() && impl_->aliases[s.survivors[j]].entity == entity) ++j;
    if (auto h = impl_->Score(p, entity, o, s.survivors.data() + i, s.survivors.data() + j))
      hits.push_back(std::move(*h));
    i = j;
  }
  Impl::SortAndLimit(&hits, o.limit);
  return hits;
}

std::vector<Hit> Screener::ScreenBruteForce(const Query& q, const ScreenOptions& o) const {
  const PreparedQuery p = impl_->Prepare(q);
  std::vector<Hit> hits;
  for (uint32_t i = 0; i < impl_->snapshot->entities.size(); ++i)
    if (auto h = impl_->ScoreAll(p, i, o)) hits.push_back(std::move(*h));
  Impl::SortAndLimit(&hits, o.limit);
  return hits;
}

const Snapshot& Screener::snapshot() const { return *impl_->snapshot; }
std::shared_ptr<const Snapshot> Screener::shared_snapshot() const { return impl_->snapshot; }
double Screener::build_seconds() const { return impl_->build_seconds; }

size_t Screener::memory_bytes() const {
  const Impl& m = *impl_;
  size_t bytes = 0;
  for (const IndexedAlias& a : m.aliases) {
    bytes += sizeof(IndexedAlias);
    for (const std::string& t : a.weighted.tokens)
      bytes += 2 * (sizeof(std::string) + t.capacity()) + sizeof(float);
  }
  for (const std::string& v : m.vocab) bytes += sizeof(std::string) + v.capacity();
  bytes += m.postings.size() * sizeof(Impl::Posting) + m.vocab_begin.size() * 4 +
           m.keys.size() * 8 + m.key_begin.size() * 4 + m.key_vocab.size() * 4 + m.idf.size() * 48 +
           m.facts.size() * sizeof(EntityFacts);
  return bytes;
}

std::vector<uint64_t> BlockingKeys(std::string_view name, Schema) {
  // The union over the person and organisation normalisations covers every schema either side
  // may be normalised with (the unknown-schema tokens are a sub-range of the person tokens).
  std::vector<uint64_t> keys = BlockingKeysOfTokens(NormalizeName(name, Schema::kPerson).tokens);
  const std::vector<uint64_t> org =
      BlockingKeysOfTokens(NormalizeName(name, Schema::kOrganization).tokens);
  keys.insert(keys.end(), org.begin(), org.end());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

double CompareNames(std::string_view a, std::string_view b, Schema schema, Explanation* x) {
  const NormalizedName na = NormalizeName(a, schema);
  const NormalizedName nb = NormalizeName(b, schema);
  WeightedName wa{na.tokens, {}}, wb{nb.tokens, {}};
  for (const std::string& t : wa.tokens) wa.weights.push_back(NeutralWeight(t, schema));
  for (const std::string& t : wb.tokens) wb.weights.push_back(NeutralWeight(t, schema));
  const NameAlignment al = AlignNames(wa, wb, ParamsForSchema(schema), x != nullptr);
  double score = al.score;
  if (LegalFormsDisagree(na, nb)) score *= kLegalFormMismatchFactor;
  if (x) {
    x->matched_name = std::string(b);
    x->alias_quality = AliasQuality::kPrimary;
    x->name_score = score;
    DescribeAlignment(na, nb, al, x);
    x->attributes.clear();
    if (LegalFormsDisagree(na, nb)) x->attributes.push_back("legal forms differ");
    FinishSummary(score, x);
  }
  return score;
}

}  // namespace partyscreen
