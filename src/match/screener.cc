// The screening engine: normalised aliases, a blocking-key index with provable pruning, and the
// scorer (see screener.h for the contract, docs/MATCHING.md for the design and measurements).
#include "partyscreen/screener.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "core/parallel.h"
#include "core/strings.h"
#include "match/blocking.h"
#include "match/explain.h"
#include "match/screener_impl.h"
#include "match/similarity.h"
#include "normalize/acronym.h"
#include "normalize/name_normalizer.h"

namespace partyscreen {

double DefaultThreshold() { return 0.80; }

bool IsListedAcronym(const Entity& e, std::string_view word) {
  if (e.schema == Schema::kPerson) return false;
  for (std::string_view name : e.AllNames()) {
    // The word's own name spells nothing: it would take most of a word (at most 3 letters of
    // each) or a single word (IsAcronymOf wants two).
    const std::vector<std::string> words = TokenizeAscii(AsciiLower(name));
    if (IsAcronymOf(word, std::vector<std::string_view>(words.begin(), words.end()))) return true;
  }
  return false;
}
std::string EngineVersion() { return "partyscreen-match-20"; }

namespace {

// An organisation's one-word name spelled by the first letters of another of its names ("IARA" for
// ISLAMIC AFRICAN RELIEF AGENCY) is a code, matched only as spelled (normalize/acronym.h). Persons'
// one-word names (nicknames, kunyas) are names.
void MarkAcronyms(const Entity& e, IndexedAlias* first, IndexedAlias* last) {
  for (IndexedAlias* a = first; a != last; ++a) {
    WeightedName& w = a->weighted;
    if (w.raw.size() == 1 && w.ScriptAt(0) == TokenScript::kLatin && IsListedAcronym(e, w.raw[0]))
      w.scripts.assign(1, TokenScript::kCode);
  }
}

constexpr double kWeakAliasFactor = 0.92;
constexpr double kLegalFormMismatchFactor = 0.98;
constexpr float kStopwordWeightShare =
    0.15f;  // of the word's table weight (or of 1 in CompareNames)
constexpr float kInitialWeightCap = 2.0f;
constexpr float kPlaceWeightShare = 0.5f;  // place words in organisation names (qualifiers.txt)
constexpr float kLegalWordShare = 0.3f;    // words of legal forms not recognised as a whole form

// Neutral weights (no corpus): 1 per word, less for stopwords and initials.
// The share of its weight a word keeps for what kind of word it is (1 for ordinary words).
// `leads`: the word begins a name of several words (a joining word there is a name word).
float WordShare(const std::string& token, Schema schema, bool leads) {
  if (IsStopword(token) && !(leads && IsJoiningWord(token))) return kStopwordWeightShare;
  if (schema == Schema::kPerson) return 1.0f;
  if (IsLegalWord(token)) return kLegalWordShare;
  if (IsPlaceQualifier(token)) return kPlaceWeightShare;
  return 1.0f;
}

// True for the first word of a name of several words.
bool LeadsName(const WeightedName& name, size_t i) { return i == 0 && name.raw.size() > 1; }

float NeutralWeight(const std::string& token, Schema schema, bool leads) {
  if (const float share = WordShare(token, schema, leads); share < 1.0f) return share;
  if (token.size() == 1) return 0.5f;
  return 1.0f;
}

void WeighNeutrally(WeightedName* name, Schema schema) {
  name->weights.clear();
  for (size_t i = 0; i < name->raw.size(); ++i)
    name->weights.push_back(NeutralWeight(name->raw[i], schema, LeadsName(*name, i)));
}

bool LegalFormsDisagree(const NormalizedName& a, const NormalizedName& b) {
  if (a.legal_forms.empty() || b.legal_forms.empty()) return false;
  for (const std::string& f : a.legal_forms)
    if (std::find(b.legal_forms.begin(), b.legal_forms.end(), f) != b.legal_forms.end())
      return false;
  return true;
}

// The scorer's view of a normalised name's words (weights are the caller's): its words, their
// scripts and whether it carries a commercial legal form.
void SetNameWords(const NormalizedName& n, WeightedName* w) {
  w->SetWords(n.tokens, n.scripts);
  w->commercial_form = HasCommercialForm(n.legal_forms);
}

// The explanation's line for AlignNames' body-kind conflict, when there was one.
void NoteKindConflict(const NameAlignment& al, Explanation* x) {
  if (!al.kind_conflict_word.empty())
    x->attributes.push_back("'" + al.kind_conflict_word +
                            "' names a body that does not trade; the other name's legal form is "
                            "a company's (a conflict, scored lower)");
}

// Name score of one alias: the alignment score with the alias-quality and legal-form factors.
double AliasScore(const PreparedName& q, const IndexedAlias& a, const NameAlignment& al) {
  double s = al.score;
  if (a.quality == AliasQuality::kWeak) s *= kWeakAliasFactor;
  if (LegalFormsDisagree(q.normalized, a.normalized)) s *= kLegalFormMismatchFactor;
  return OnScoreGrid(s);
}

// e.AllNames()[k], without building the list (once per hit).
std::string_view NameAt(const Entity& e, size_t k) {
  if (e.name.empty()) return e.aliases[k].name;
  return k == 0 ? std::string_view(e.name) : std::string_view(e.aliases[k - 1].name);
}

// Per-thread scratch for candidate retrieval; reset after every query, so it is always clean.
struct Scratch {
  UnitMeetings meetings;            // by alias: which query words met it
  std::vector<uint32_t> survivors;  // aliases whose bound reaches the threshold, sorted
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

NameSummary Summarize(const WeightedName& name) {
  NameSummary s;
  for (size_t i = 0; i < name.tokens.size(); ++i) {
    const std::string& t = name.tokens[i];
    s.total_weight += name.weights[i];
    s.has_initial = s.has_initial || t.size() == 1;
    if (CanAnchor(t)) continue;
    s.free_weight += name.weights[i];
    if (i < 64) s.free_bits |= uint64_t{1} << i;
  }
  return s;
}

std::vector<double> WeightsByMask(const WeightedName& bits_name) {
  const size_t n = bits_name.tokens.size();
  if (n > kTabledWords) return {};
  std::vector<double> sums(size_t{1} << n, 0.0);
  for (uint64_t m = 0; m < sums.size(); ++m)
    for (size_t i = 0; i < n; ++i)
      if (m >> i & 1) sums[m] += bits_name.weights[i];
  return sums;
}

void WeighName(WeightedName* name, Schema schema, const TokenWeights& word_weights) {
  name->weights.clear();
  name->evidence.clear();
  for (size_t i = 0; i < name->raw.size(); ++i) {
    const std::string& t = name->raw[i];
    const float share = WordShare(t, schema, LeadsName(*name, i));
    const WordWeight ww = word_weights.Weights(t);
    float w = ww.presence * share;
    float e = (schema == Schema::kPerson ? ww.person_evidence : ww.evidence) * share;
    if (t.size() == 1) {
      w = std::min(w, kInitialWeightCap);
      e = std::min(e, kInitialWeightCap);
    }
    name->weights.push_back(w);
    name->evidence.push_back(e);
  }
}

PreparedName PrepareName(const std::string& name, Schema schema, const TokenWeights& word_weights) {
  PreparedName p;
  p.normalized = NormalizeName(name, schema);
  SetNameWords(p.normalized, &p.weighted);
  WeighName(&p.weighted, schema, word_weights);
  p.summary = Summarize(p.weighted);
  p.params = ParamsForSchema(schema);
  // Two common names (a given name and a surname thousands share) do not identify a listed person
  // whose other names the query lacks: each listed word it lacks counts as an extra word would.
  const std::vector<std::string>& words = p.weighted.raw;
  if (schema == Schema::kPerson && words.size() == 2 &&
      std::all_of(words.begin(), words.end(), [&](const std::string& w) {
        return w.size() > 1 && word_weights.Weights(w).common_person_name;
      }))
    p.params.unmatched_list_factor = p.params.unmatched_query_factor;
  return p;
}

void Screener::Impl::Weigh(WeightedName* name, Schema schema) const {
  WeighName(name, schema, *word_weights);
}

PreparedName Screener::Impl::PrepareName(const std::string& name, Schema schema) const {
  return partyscreen::PrepareName(name, schema, *word_weights);
}

PreparedQuery Screener::Impl::Prepare(const Query& q) const {
  PreparedQuery p;
  static_cast<PreparedName&>(p) = PrepareName(q.name, q.schema);
  p.facts = ExtractFacts(q);
  p.weights_by_mask = WeightsByMask(p.weighted);
  return p;
}

bool Screener::Impl::Admitted(const Entity& e, const ScreenOptions& o) const {
  if (!o.sources.empty() &&
      std::find(o.sources.begin(), o.sources.end(), e.source) == o.sources.end())
    return false;
  if (!o.exclude_entity_ids.empty() && o.exclude_entity_ids.count(e.id)) return false;
  return !o.admit || o.admit(e);
}

std::optional<Hit> Screener::Impl::MakeHit(const PreparedName& q, const QueryFacts& facts,
                                           uint32_t idx, uint32_t best_alias, double best,
                                           const ScreenOptions& o) const {
  const Entity& e = snapshot->entities[idx];
  const double score = AdjustScore(best, facts, this->facts[idx], e.schema, nullptr);
  if (score < o.threshold) return std::nullopt;
  Hit h;
  h.entity_index = idx;
  h.entity = &e;
  h.score = score;
  const IndexedAlias& a = aliases[best_alias];
  Explanation& x = h.explanation;
  x.matched_name = std::string(NameAt(e, a.name_index));
  x.alias_quality = a.quality;
  x.name_score = best;
  if (o.explain) {
    const NameAlignment al = AlignNames(q.weighted, a.weighted, q.params, true);
    DescribeAlignment(q.normalized, a.normalized, al, &x);
    AdjustScore(best, facts, this->facts[idx], e.schema, &x.attributes);
    if (a.quality == AliasQuality::kWeak)
      x.attributes.push_back("matched a weak alias (scored lower)");
    if (LegalFormsDisagree(q.normalized, a.normalized))
      x.attributes.push_back("legal forms differ");
    NoteKindConflict(al, &x);
    FinishSummary(score, &x);
  }
  return h;
}

namespace {

void SortAndLimit(std::vector<Hit>* hits, size_t limit) {
  std::sort(hits->begin(), hits->end(), [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.entity_index < b.entity_index;
  });
  if (hits->size() > limit) hits->resize(limit);
}

// Aliases that can reach `threshold`: every alias sharing a compatible blocking unit with the
// query, kept only if its upper bound (docs/MATCHING.md, "Pruning") reaches the threshold.
void Candidates(const Screener::Impl& impl, const PreparedQuery& q, double threshold, Scratch& s) {
  s.survivors.clear();
  impl.units.Meet(q.weighted, &s.meetings);
  const std::vector<uint32_t>& touched = s.meetings.touched;
  for (size_t k = 0; k < touched.size(); ++k) {
    // The aliases met are scattered over large arrays and there are thousands of them: ask for
    // the entries of an alias a few steps ahead, so that they arrive while this one is bounded.
    constexpr size_t kAhead = 8;
    if (k + kAhead < touched.size()) {
      __builtin_prefetch(&impl.alias_summary[touched[k + kAhead]]);
      __builtin_prefetch(&s.meetings.met[touched[k + kAhead]]);
      __builtin_prefetch(&impl.alias_entity[touched[k + kAhead]]);
    }
    const uint32_t a = touched[k];
    UnitMeetings::Met& met = s.meetings.met[a];
    const NameSummary& alias = impl.alias_summary[a];
    const BoundSides w =
        MatchableWeights(q.weighted, q.summary, met.mask, alias, met.weight, q.weights_by_mask);
    met = {};
    const double bound = ScoreUpperBound(w.bits_matched, w.weight_matched, q.summary.total_weight,
                                         alias.total_weight, q.params);
    if (bound + q.facts.max_bonus + 1e-9 < threshold) continue;  // cheap test first
    const uint32_t e = impl.alias_entity[a];
    if (BoundReaches(bound, q.facts, impl.facts[e], impl.entity_schema[e], threshold))
      s.survivors.push_back(a);
  }
  s.meetings.touched.clear();
  std::sort(s.survivors.begin(), s.survivors.end());
}

}  // namespace

std::pair<uint32_t, double> Screener::Impl::BestAlias(const PreparedName& q, const uint32_t* first,
                                                      const uint32_t* last) const {
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
  return {best_alias, best};
}

std::optional<Hit> Screener::Impl::Score(const PreparedQuery& q, uint32_t idx,
                                         const ScreenOptions& o, const uint32_t* first,
                                         const uint32_t* last) const {
  if (!Admitted(snapshot->entities[idx], o)) return std::nullopt;
  const auto [best_alias, best] = BestAlias(q, first, last);
  if (best_alias == UINT32_MAX) return std::nullopt;
  return MakeHit(q, q.facts, idx, best_alias, best, o);
}

std::optional<Hit> Screener::Impl::ScoreAll(const PreparedQuery& q, uint32_t idx,
                                            const ScreenOptions& o) const {
  thread_local std::vector<uint32_t> all;
  all.clear();
  for (uint32_t a = entity_alias_begin[idx]; a < entity_alias_begin[idx + 1]; ++a) all.push_back(a);
  return Score(q, idx, o, all.data(), all.data() + all.size());
}

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
  // Normalising the names is most of the work: done for all entities in parallel first. A name
  // with other readings (a short compound read as one word, a glued legal form: NameReadings) is
  // indexed under each, as one name: the query may be written either way.
  std::vector<std::vector<std::pair<uint32_t, NormalizedName>>> normalized(entities.size());
  ParallelFor(
      entities.size(), ThreadsOrAllCores(0),
      [&](size_t i) {
        uint32_t k = 0;
        for (std::string_view name : entities[i].AllNames()) {
          for (NormalizedName& reading : NameReadings(name, entities[i].schema))
            normalized[i].emplace_back(k, std::move(reading));
          ++k;
        }
      },
      64);
  for (uint32_t i = 0; i < entities.size(); ++i) {
    const Entity& e = entities[i];
    impl->entity_alias_begin.push_back(static_cast<uint32_t>(impl->aliases.size()));
    impl->facts.push_back(ExtractFacts(e));
    impl->entity_schema.push_back(e.schema);
    std::vector<std::string> seen;  // the same normalised name twice adds nothing
    const size_t first_alias = impl->aliases.size();
    for (auto& [k, reading] : normalized[i]) {
      IndexedAlias a;
      a.entity = i;
      a.name_index = k;
      a.quality = k == 0 ? AliasQuality::kPrimary : e.aliases[k - 1].quality;
      a.normalized = std::move(reading);
      if (a.normalized.tokens.empty()) continue;
      const std::string display = a.normalized.Display();
      if (std::find(seen.begin(), seen.end(), display) != seen.end()) continue;
      seen.push_back(display);
      SetNameWords(a.normalized, &a.weighted);
      // Word weights come from the fixed table (token_weights.h): no corpus statistics here.
      impl->Weigh(&a.weighted, e.schema);
      impl->alias_summary.push_back(Summarize(a.weighted));
      impl->alias_entity.push_back(i);
      impl->aliases.push_back(std::move(a));
    }
    MarkAcronyms(e, impl->aliases.data() + first_alias,
                 impl->aliases.data() + impl->aliases.size());
  }
  impl->entity_alias_begin.push_back(static_cast<uint32_t>(impl->aliases.size()));
  impl->units.Build(impl->aliases.size(),
                    [&](size_t a) -> const WeightedName& { return impl->aliases[a].weighted; });
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
  Candidates(*impl_, p, o.threshold, s);
  std::vector<Hit> hits;
  const std::vector<uint32_t>& survivors = s.survivors;
  for (size_t i = 0; i < survivors.size();) {
    // Aligning reads each survivor's words, scattered in memory behind two pointers: its record
    // is requested a few survivors ahead, its word arrays (by then at hand) a little closer.
    if (i + 4 < survivors.size()) __builtin_prefetch(&impl_->aliases[survivors[i + 4]].weighted);
    if (i + 2 < survivors.size()) {
      const WeightedName& next = impl_->aliases[survivors[i + 2]].weighted;
      __builtin_prefetch(next.tokens.data());
      __builtin_prefetch(next.raw.data());
    }
    // alias_entity, not aliases[].entity: a small array instead of one large record per alias.
    const uint32_t entity = impl_->alias_entity[s.survivors[i]];
    size_t j = i;
    while (j < s.survivors.size() && impl_->alias_entity[s.survivors[j]] == entity) ++j;
    if (auto h = impl_->Score(p, entity, o, s.survivors.data() + i, s.survivors.data() + j))
      hits.push_back(std::move(*h));
    i = j;
  }
  SortAndLimit(&hits, o.limit);
  return hits;
}

std::vector<Hit> Screener::ScreenBruteForce(const Query& q, const ScreenOptions& o) const {
  const PreparedQuery p = impl_->Prepare(q);
  std::vector<Hit> hits;
  for (uint32_t i = 0; i < impl_->snapshot->entities.size(); ++i)
    if (auto h = impl_->ScoreAll(p, i, o)) hits.push_back(std::move(*h));
  SortAndLimit(&hits, o.limit);
  return hits;
}

const Snapshot& Screener::snapshot() const { return *impl_->snapshot; }
std::shared_ptr<const Snapshot> Screener::shared_snapshot() const { return impl_->snapshot; }
double Screener::build_seconds() const { return impl_->build_seconds; }

size_t Screener::memory_bytes() const {
  const Impl& m = *impl_;
  size_t bytes = 0;
  for (const IndexedAlias& a : m.aliases) {
    bytes += sizeof(IndexedAlias) + sizeof(NameSummary);
    for (const std::string& t : a.weighted.tokens)
      bytes += 2 * (sizeof(std::string) + t.capacity()) + sizeof(float);
  }
  return bytes + m.units.memory_bytes() + m.facts.size() * sizeof(EntityFacts);
}

std::vector<uint64_t> BlockingKeys(std::string_view name, Schema) {
  // The union over the person, organisation and unknown-schema normalisations covers every
  // schema either side may be normalised with.
  auto keys_of = [&](Schema s) {
    const NormalizedName n = NormalizeName(name, s);
    WeightedName w;
    w.SetWords(n.tokens, n.scripts);
    return BlockingKeysOfName(w);
  };
  std::vector<uint64_t> keys = keys_of(Schema::kPerson);
  for (Schema s : {Schema::kOrganization, Schema::kUnknown}) {
    const std::vector<uint64_t> more = keys_of(s);
    keys.insert(keys.end(), more.begin(), more.end());
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

double CompareNames(std::string_view a, std::string_view b, Schema schema, Explanation* x) {
  const NormalizedName na = NormalizeName(a, schema);
  WeightedName wa;
  SetNameWords(na, &wa);
  WeighNeutrally(&wa, schema);
  // `b` as the index reads a listed name: under each of its readings (Screener::Build).
  const std::vector<NormalizedName> readings = NameReadings(b, schema);
  double best = -1;
  for (const NormalizedName& nb : readings) {
    WeightedName wb;
    SetNameWords(nb, &wb);
    WeighNeutrally(&wb, schema);
    const NameAlignment al = AlignNames(wa, wb, ParamsForSchema(schema), x != nullptr);
    double score = al.score;
    if (LegalFormsDisagree(na, nb)) score *= kLegalFormMismatchFactor;
    score = OnScoreGrid(score);
    if (score <= best) continue;
    best = score;
    if (x) {
      *x = Explanation();
      x->matched_name = std::string(b);
      x->alias_quality = AliasQuality::kPrimary;
      x->name_score = score;
      DescribeAlignment(na, nb, al, x);
      if (LegalFormsDisagree(na, nb)) x->attributes.push_back("legal forms differ");
      NoteKindConflict(al, x);
      FinishSummary(score, x);
    }
  }
  return best;
}

}  // namespace partyscreen
