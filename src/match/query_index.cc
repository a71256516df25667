// QueryIndex (include/partyscreen/query_index.h): the distinct names of the queries are indexed
// like the Screener indexes list aliases (PreparedQueries, prepared_queries.cc); Find() walks the
// units of each alias of one entity, bounds every name met with the same weight bound Screen()
// uses (sides swapped), scores each surviving name once over the aliases it survived for, and
// turns that score into a hit for each query bearing the name (its own attribute adjustments).
// Every hit is exactly ScoreEntity's: an alias that does not survive for a name scores below
// threshold - max_bonus (the largest bonus of the name's queries), so it can be neither the best
// alias nor a hit of any of them.
#include "partyscreen/query_index.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "match/prepared_queries_impl.h"
#include "match/screener_impl.h"

namespace partyscreen {

namespace {

// Whether a query giving `attributes` is searched for by an alias open to `open` (AttributeBits;
// kAllBits: every query).
bool IsOpen(uint8_t open, uint8_t attributes) {
  return open == kAllBits || (attributes & open) != 0;
}

// Per-thread scratch, reset after every entity.
struct FindScratch {
  UnitMeetings meetings;  // by name: which alias words met it
  struct Survivor {
    uint32_t name, alias;
    uint8_t open;  // which queries of the name the alias was searched for (AttributeBits)
    bool operator<(const Survivor& o) const {
      return name != o.name ? name < o.name : alias < o.alias;
    }
  };
  std::vector<Survivor> survivors;
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

// Shared by Find and FindChanged: scope(a) says which queries alias a is searched for.
template <class ScopeFn>
std::vector<QueryIndex::Match> FindIn(const Screener::Impl& s, const PreparedQueries::Impl& prep,
                                      uint32_t idx, const ScreenOptions& options, ScopeFn&& scope) {
  using Match = QueryIndex::Match;
  std::vector<Match> out;
  if (idx >= s.snapshot->entities.size() || options.threshold <= 0) return out;
  if (!s.Admitted(s.snapshot->entities[idx], options)) return out;
  const EntityFacts& entity_facts = s.facts[idx];
  const Schema entity_schema = s.entity_schema[idx];
  FindScratch& scratch = ThreadFindScratch();
  scratch.survivors.clear();
  bool scoped = false;  // some alias was searched for some queries only
  for (uint32_t a = s.entity_alias_begin[idx]; a < s.entity_alias_begin[idx + 1]; ++a) {
    const AliasScope alias_scope = scope(a);
    scoped = scoped || !alias_scope.all;
    if (!alias_scope.all && alias_scope.attributes == 0) continue;
    const uint8_t open = alias_scope.all ? uint8_t{kAllBits} : alias_scope.attributes;
    const WeightedName& alias = s.aliases[a].weighted;
    const NameSummary& alias_summary = s.alias_summary[a];
    prep.units.Meet(alias, &scratch.meetings);
    for (uint32_t n : scratch.meetings.touched) {
      UnitMeetings::Met& met = scratch.meetings.met[n];
      const NameHot& h = prep.name_hot[n];
      const uint64_t mask = met.mask;
      const float weight = met.weight;
      met = {};
      if (!alias_scope.all && !(h.attributes & open)) continue;
      // Sides swapped: here the alias knows which of its words met, the name how much weight.
      const BoundSides w = MatchableWeights(alias, alias_summary, mask, h.summary, weight);
      const double bound = ScoreUpperBound(w.weight_matched, w.bits_matched, h.summary.total_weight,
                                           alias_summary.total_weight, h.params);
      if (bound + h.max_bonus + 1e-6 < options.threshold) continue;  // cheap test first
      // The exact test for at least one of the name's queries (one for all those giving no
      // attribute: they are adjusted alike).
      for (uint32_t i = prep.name_query_begin[n]; i < prep.name_query_begin[n + 1]; ++i) {
        const uint32_t q = prep.name_queries[i];
        const bool plain = prep.attributes[q] == 0;
        if (plain && i > prep.name_query_begin[n] && prep.attributes[prep.name_queries[i - 1]] == 0)
          continue;
        if (!IsOpen(open, prep.attributes[q])) continue;
        if (bound + prep.facts[q].max_bonus + 1e-6 < options.threshold) continue;
        if (BoundReaches(bound, prep.facts[q], entity_facts, entity_schema, options.threshold)) {
          scratch.survivors.push_back({n, a, open});
          break;
        }
      }
    }
    scratch.meetings.touched.clear();
  }
  std::sort(scratch.survivors.begin(), scratch.survivors.end());
  // A scoped search scores over all the entity's aliases: an alias left out for some queries may
  // still be the best one for them.
  std::vector<uint32_t> all_aliases;
  if (scoped)
    for (uint32_t a = s.entity_alias_begin[idx]; a < s.entity_alias_begin[idx + 1]; ++a)
      all_aliases.push_back(a);
  for (size_t i = 0; i < scratch.survivors.size();) {
    const uint32_t n = scratch.survivors[i].name;
    uint8_t open = 0;
    scratch.aliases.clear();
    for (; i < scratch.survivors.size() && scratch.survivors[i].name == n; ++i) {
      scratch.aliases.push_back(scratch.survivors[i].alias);
      open |= scratch.survivors[i].open;
    }
    const std::vector<uint32_t>& over = scoped ? all_aliases : scratch.aliases;
    const PreparedName* name = &prep.names[n];
    PreparedName with_tokens;
    if (options.explain) {  // the explanation needs the normalised words back
      with_tokens = prep.names[n];
      with_tokens.normalized.tokens = with_tokens.weighted.raw;
      name = &with_tokens;
    }
    const auto [best_alias, best] = s.BestAlias(*name, over.data(), over.data() + over.size());
    if (best_alias == UINT32_MAX) continue;
    for (uint32_t k = prep.name_query_begin[n]; k < prep.name_query_begin[n + 1]; ++k) {
      const uint32_t q = prep.name_queries[k];
      if (!IsOpen(open, prep.attributes[q])) continue;
      if (auto hit = s.MakeHit(*name, prep.facts[q], idx, best_alias, best, options))
        out.push_back({q, std::move(*hit)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Match& a, const Match& b) { return a.query < b.query; });
  return out;
}

}  // namespace

QueryIndex::QueryIndex(const Screener& screener, std::shared_ptr<const PreparedQueries> queries)
    : screener_(screener), queries_(std::move(queries)) {}

std::unique_ptr<QueryIndex> QueryIndex::Build(const Screener& screener,
                                              const std::vector<Query>& queries, size_t threads) {
  return std::make_unique<QueryIndex>(screener, PreparedQueries::Build(queries, threads));
}

Result<std::unique_ptr<QueryIndex>> QueryIndex::Deserialize(const Screener& screener,
                                                            std::string_view bytes,
                                                            size_t threads) {
  auto queries = PreparedQueries::Deserialize(bytes, threads);
  if (!queries.ok()) return queries.status();
  return std::make_unique<QueryIndex>(screener, std::move(queries).value());
}

std::string QueryIndex::Serialize() const { return queries_->Serialize(); }
size_t QueryIndex::size() const { return queries_->size(); }
size_t QueryIndex::memory_bytes() const { return queries_->memory_bytes(); }

std::vector<QueryIndex::Match> QueryIndex::Find(uint32_t entity_index,
                                                const ScreenOptions& options) const {
  return FindIn(*screener_.impl_, *queries_->impl_, entity_index, options,
                [](uint32_t) { return AliasScope{}; });
}

std::vector<QueryIndex::Match> QueryIndex::FindChanged(uint32_t entity_index, const Entity& before,
                                                       const ScreenOptions& options) const {
  const Screener::Impl& s = *screener_.impl_;
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
  // A name scores the same for every query if it was there before, spelled the same, and no
  // higher for any query if it was there as a stronger name (a weak alias scores x0.92): only
  // names new in that sense can give a query a new hit. (A name respelled into one that
  // normalises alike counts as new: searched for everyone, which is never wrong.)
  std::unordered_map<std::string_view, bool> old_weak;  // name -> only ever a weak alias
  const auto old_names = before.AllNames();
  for (size_t k = 0; k < old_names.size(); ++k) {
    const bool weak = k > 0 && before.aliases[k - 1].quality == AliasQuality::kWeak;
    auto [it, inserted] = old_weak.emplace(old_names[k], weak);
    if (!inserted) it->second = it->second && weak;
  }
  // A one-word name that was an acronym of another name (matched only as spelled) and is no
  // longer one matches more queries: new in that sense too.
  const auto new_names = now.AllNames();
  return FindIn(s, *queries_->impl_, entity_index, options, [&](uint32_t a) {
    const IndexedAlias& alias = s.aliases[a];
    auto it = old_weak.find(new_names[alias.name_index]);
    const bool weak = alias.quality == AliasQuality::kWeak;
    const WeightedName& w = alias.weighted;
    const bool was_code = w.raw.size() == 1 && w.ScriptAt(0) == TokenScript::kLatin &&
                          IsListedAcronym(before, w.raw[0]);
    const bool no_higher = it != old_weak.end() && (weak || !it->second) && !was_code;
    return no_higher ? AliasScope{false, changed} : AliasScope{};
  });
}

}  // namespace partyscreen
