// QueryIndex (include/partyscreen/query_index.h): the queries are indexed like the Screener
// indexes list aliases (UnitIndex over their blocking units); Find() walks the units of each
// alias of one entity, bounds every query met with the same weight bound Screen() uses (sides
// swapped), and scores each surviving query over the aliases it survived for with the Screener's
// own Score, so every hit is exactly ScoreEntity's (the argument of Screen(): an alias that does
// not survive scores below threshold - max_bonus, so it can be neither the best nor a hit).
#include "partyscreen/query_index.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <unordered_map>

#include "match/screener_impl.h"

namespace partyscreen {

namespace {

// Which attributes a query gives (AdjustScore compares only those).
enum AttributeBits : uint8_t { kBirthYear = 1, kCountry = 2, kIdentifiers = 4 };

// What the bound loop needs of a query, kept apart for cache locality.
struct QueryHot {
  NameSummary summary;
  ScoringParams params;
  float max_bonus = 0;
  uint8_t attributes = 0;  // AttributeBits
};

// Per-thread scratch, reset after every alias.
struct FindScratch {
  UnitMeetings meetings;                                 // by query: which alias words met it
  std::vector<std::pair<uint32_t, uint32_t>> survivors;  // (query, alias) that may reach it
  std::vector<uint32_t> aliases;
};

FindScratch& ThreadFindScratch() {
  thread_local FindScratch scratch;
  return scratch;
}

// Which queries one alias is searched for: all, none, or those giving one of `attributes`.
struct AliasScope {
  bool all = true;
  uint8_t attributes = 0;
};

}  // namespace

struct QueryIndex::Impl {
  const Screener::Impl* screener = nullptr;
  std::vector<PreparedQuery> queries;
  std::vector<QueryHot> hot;  // by query
  UnitIndex units;            // blocking units of the queries

  // Shared by Find and FindChanged: scope(a) says which queries alias a is searched for.
  template <class ScopeFn>
  std::vector<Match> FindIn(uint32_t idx, const ScreenOptions& options, ScopeFn&& scope) const;
};

QueryIndex::QueryIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QueryIndex::~QueryIndex() = default;

std::unique_ptr<QueryIndex> QueryIndex::Build(const Screener& screener,
                                              const std::vector<Query>& queries, size_t threads) {
  auto impl = std::make_unique<Impl>();
  impl->screener = screener.impl_.get();
  impl->queries.resize(queries.size());
  impl->hot.resize(queries.size());
  // Normalising is the expensive part: each distinct (name, schema) is normalised once (registers
  // repeat names), spread over the threads; a repeat copies the name part and takes its own facts.
  std::vector<uint32_t> first_of(queries.size());
  {
    std::unordered_map<std::string, uint32_t> first;
    first.reserve(queries.size());
    std::string key;
    for (uint32_t i = 0; i < queries.size(); ++i) {
      key.assign(1, static_cast<char>(queries[i].schema)).append(queries[i].name);
      first_of[i] = first.emplace(key, i).first->second;
    }
  }
  auto fill_hot = [&](size_t i) {
    const PreparedQuery& p = impl->queries[i];
    QueryHot& h = impl->hot[i];
    h.summary = p.summary;
    h.params = p.params;
    h.max_bonus = static_cast<float>(p.facts.max_bonus);
    h.attributes = (p.facts.birth_year ? kBirthYear : 0) |
                   (p.facts.country.empty() ? 0 : kCountry) |
                   (p.facts.identifiers.empty() ? 0 : kIdentifiers);
  };
  const size_t workers = std::max<size_t>(1, std::min(threads, queries.size() / 1024 + 1));
  auto in_parallel = [&](const std::function<void(size_t)>& fn) {
    std::atomic<size_t> next{0};
    auto work = [&] {
      constexpr size_t kBlock = 256;
      for (size_t begin = next.fetch_add(kBlock); begin < queries.size();
           begin = next.fetch_add(kBlock))
        for (size_t i = begin; i < std::min(queries.size(), begin + kBlock); ++i) fn(i);
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
  };
  in_parallel([&](size_t i) {
    if (first_of[i] != i) return;
    PreparedQuery p = impl->screener->Prepare(queries[i]);
    p.normalized.tokens.clear();  // the weighted tokens are the same words; keep one copy
    p.normalized.tokens.shrink_to_fit();
    impl->queries[i] = std::move(p);
    fill_hot(i);
  });
  in_parallel([&](size_t i) {
    if (first_of[i] == i) return;
    const PreparedQuery& first = impl->queries[first_of[i]];
    PreparedQuery& p = impl->queries[i];
    p.normalized.legal_forms = first.normalized.legal_forms;
    p.normalized.dropped = first.normalized.dropped;
    p.weighted = first.weighted;
    p.summary = first.summary;
    p.params = first.params;
    p.facts = ExtractFacts(queries[i]);
    fill_hot(i);
  });
  impl->units.Build(impl->queries.size(),
                    [&](size_t i) -> const WeightedName& { return impl->queries[i].weighted; });
  return std::unique_ptr<QueryIndex>(new QueryIndex(std::move(impl)));
}

template <class ScopeFn>
std::vector<QueryIndex::Match> QueryIndex::Impl::FindIn(uint32_t idx, const ScreenOptions& options,
                                                        ScopeFn&& scope) const {
  std::vector<Match> out;
  const Screener::Impl& s = *screener;
  if (idx >= s.snapshot->entities.size() || options.threshold <= 0) return out;
  if (!s.Admitted(s.snapshot->entities[idx], options)) return out;
  const EntityFacts& entity_facts = s.facts[idx];
  const Schema entity_schema = s.entity_schema[idx];
  FindScratch& scratch = ThreadFindScratch();
  scratch.survivors.clear();
  for (uint32_t a = s.entity_alias_begin[idx]; a < s.entity_alias_begin[idx + 1]; ++a) {
    const AliasScope alias_scope = scope(a);
    if (!alias_scope.all && alias_scope.attributes == 0) continue;
    const WeightedName& alias = s.aliases[a].weighted;
    const NameSummary& alias_summary = s.alias_summary[a];
    units.Meet(alias.tokens, &scratch.meetings);
    for (uint32_t qi : scratch.meetings.touched) {
      UnitMeetings::Met& met = scratch.meetings.met[qi];
      const QueryHot& q = hot[qi];
      const uint64_t mask = met.mask;
      const float weight = met.weight;
      met = {};
      if (!alias_scope.all && !(q.attributes & alias_scope.attributes)) continue;
      // Sides swapped: here the alias knows which of its words met, the query how much weight.
      const BoundSides w = MatchableWeights(alias, alias_summary, mask, q.summary, weight);
      const double bound = ScoreUpperBound(w.weight_matched, w.bits_matched, q.summary.total_weight,
                                           alias_summary.total_weight, q.params);
      if (bound + q.max_bonus + 1e-6 < options.threshold) continue;  // cheap test first
      if (BoundReaches(bound, queries[qi].facts, entity_facts, entity_schema, options.threshold))
        scratch.survivors.emplace_back(qi, a);
    }
    scratch.meetings.touched.clear();
  }
  std::sort(scratch.survivors.begin(), scratch.survivors.end());
  for (size_t i = 0; i < scratch.survivors.size();) {
    const uint32_t qi = scratch.survivors[i].first;
    scratch.aliases.clear();
    for (; i < scratch.survivors.size() && scratch.survivors[i].first == qi; ++i)
      scratch.aliases.push_back(scratch.survivors[i].second);
    const uint32_t* first = scratch.aliases.data();
    const uint32_t* last = first + scratch.aliases.size();
    std::optional<Hit> hit;
    if (options.explain) {  // the explanation needs the normalised words back
      PreparedQuery q = queries[qi];
      q.normalized.tokens = q.weighted.tokens;
      hit = s.Score(q, idx, options, first, last);
    } else {
      hit = s.Score(queries[qi], idx, options, first, last);
    }
    if (hit) out.push_back({qi, std::move(*hit)});
  }
  return out;
}

std::vector<QueryIndex::Match> QueryIndex::Find(uint32_t entity_index,
                                                const ScreenOptions& options) const {
  return impl_->FindIn(entity_index, options, [](uint32_t) { return AliasScope{}; });
}

std::vector<QueryIndex::Match> QueryIndex::FindChanged(uint32_t entity_index, const Entity& before,
                                                       const ScreenOptions& options) const {
  const Screener::Impl& s = *impl_->screener;
  if (entity_index >= s.snapshot->entities.size()) return {};
  const Entity& now = s.snapshot->entities[entity_index];
  // A different schema or list changes every weight and adjustment: search everything.
  if (before.schema != now.schema || before.source != now.source)
    return Find(entity_index, options);
  // Attributes that changed: queries giving one of them may score differently on any name.
  const EntityFacts old_facts = ExtractFacts(before);
  const EntityFacts& new_facts = s.facts[entity_index];
  uint8_t changed = 0;
  if (old_facts.birth_years != new_facts.birth_years) changed |= kBirthYear;
  if (old_facts.countries != new_facts.countries) changed |= kCountry;
  if (old_facts.identifiers != new_facts.identifiers) changed |= kIdentifiers;
  // A name scores the same for every query if it was there before, normalised alike, and no
  // higher for any query if it was there as a stronger name (a weak alias scores x0.92): only
  // names new in that sense can give a query a new hit. Screener::Build keeps the first of
  // several names that normalise alike; so does this.
  std::unordered_map<std::string, bool> old_weak;  // Display() -> was a weak alias
  const auto names = before.AllNames();
  for (size_t k = 0; k < names.size(); ++k) {
    const NormalizedName normalized = NormalizeName(names[k], before.schema);
    if (normalized.tokens.empty()) continue;
    old_weak.emplace(normalized.Display(),
                     k > 0 && before.aliases[k - 1].quality == AliasQuality::kWeak);
  }
  return impl_->FindIn(entity_index, options, [&](uint32_t a) {
    const IndexedAlias& alias = s.aliases[a];
    auto it = old_weak.find(alias.normalized.Display());
    const bool weak = alias.quality == AliasQuality::kWeak;
    const bool no_higher = it != old_weak.end() && (weak || !it->second);
    return no_higher ? AliasScope{false, changed} : AliasScope{};
  });
}

size_t QueryIndex::size() const { return impl_->queries.size(); }

size_t QueryIndex::memory_bytes() const {
  size_t bytes = impl_->units.memory_bytes() + impl_->hot.size() * sizeof(QueryHot);
  for (const PreparedQuery& q : impl_->queries) {
    bytes += sizeof(PreparedQuery) + q.facts.country.capacity();
    for (const std::string& t : q.weighted.tokens)
      bytes += sizeof(std::string) + (t.size() > 15 ? t.capacity() : 0) + sizeof(float);
    for (const std::string& f : q.normalized.legal_forms) bytes += sizeof(std::string) + f.size();
  }
  return bytes;
}

}  // namespace partyscreen
