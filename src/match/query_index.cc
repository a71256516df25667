// QueryIndex (include/partyscreen/query_index.h): the distinct names of the queries are indexed
// like the Screener indexes list aliases (UnitIndex over their blocking units); Find() walks the
// units of each alias of one entity, bounds every name met with the same weight bound Screen()
// uses (sides swapped), scores each surviving name once over the aliases it survived for, and
// turns that score into a hit for each query bearing the name (its own attribute adjustments).
// Every hit is exactly ScoreEntity's: an alias that does not survive for a name scores below
// threshold - max_bonus (the largest bonus of the name's queries), so it can be neither the best
// alias nor a hit of any of them.
#include "partyscreen/query_index.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <unordered_map>

#include "core/binary_io.h"
#include "core/parallel.h"
#include "match/screener_impl.h"

namespace partyscreen {

namespace {

// Which attributes a query gives (AdjustScore compares only those).
enum AttributeBits : uint8_t { kBirthYear = 1, kCountry = 2, kIdentifiers = 4, kAllBits = 0xff };

uint8_t AttributesOf(const QueryFacts& f) {
  return (f.birth_year ? kBirthYear : 0) | (f.country.empty() ? 0 : kCountry) |
         (f.identifiers.empty() ? 0 : kIdentifiers);
}

// Whether a query giving `attributes` is searched for by an alias open to `open` (AttributeBits;
// kAllBits: every query).
bool IsOpen(uint8_t open, uint8_t attributes) {
  return open == kAllBits || (attributes & open) != 0;
}

// What the bound loop needs of a name, kept apart for cache locality.
struct NameHot {
  NameSummary summary;
  ScoringParams params;
  float max_bonus = 0;     // the largest of its queries'
  uint8_t attributes = 0;  // AttributeBits given by any of its queries
};

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

constexpr char kMagic[] = "partyscreen-query-index";
constexpr uint32_t kFormatVersion = 7;

}  // namespace

struct QueryIndex::Impl {
  const Screener::Impl* screener = nullptr;
  // The distinct (name, schema) pairs of the queries. The normalised tokens are not kept (they
  // are the weighted tokens; copied back for explanations).
  std::vector<PreparedName> names;
  std::vector<NameHot> name_hot;
  // Queries of name n: name_queries[begin[n] .. begin[n + 1]), those giving no attribute first
  // (their adjustments are all alike), ascending positions within each part.
  std::vector<uint32_t> name_query_begin;
  std::vector<uint32_t> name_queries;
  std::vector<QueryFacts> facts;    // by query
  std::vector<uint8_t> attributes;  // by query: AttributeBits
  UnitIndex units;                  // blocking units of the names

  // The records derived from names and facts for the bound loop.
  void FillHot();
  // Shared by Find and FindChanged: scope(a) says which queries alias a is searched for.
  template <class ScopeFn>
  std::vector<Match> FindIn(uint32_t idx, const ScreenOptions& options, ScopeFn&& scope) const;
};

QueryIndex::QueryIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QueryIndex::~QueryIndex() = default;

void QueryIndex::Impl::FillHot() {
  attributes.resize(facts.size());
  for (size_t q = 0; q < facts.size(); ++q) attributes[q] = AttributesOf(facts[q]);
  name_hot.assign(names.size(), {});
  for (size_t n = 0; n < names.size(); ++n) {
    NameHot& h = name_hot[n];
    h.summary = names[n].summary;
    h.params = names[n].params;
    for (uint32_t i = name_query_begin[n]; i < name_query_begin[n + 1]; ++i) {
      const uint32_t q = name_queries[i];
      h.max_bonus = std::max(h.max_bonus, static_cast<float>(facts[q].max_bonus));
      h.attributes |= attributes[q];
    }
  }
}

std::unique_ptr<QueryIndex> QueryIndex::Build(const Screener& screener,
                                              const std::vector<Query>& queries, size_t threads) {
  auto impl = std::make_unique<Impl>();
  impl->screener = screener.impl_.get();
  // Registers repeat names: each distinct (name, schema) is normalised once.
  std::vector<uint32_t> name_of(queries.size());
  std::vector<uint32_t> first_query;  // by name
  {
    std::unordered_map<std::string, uint32_t> seen;
    seen.reserve(queries.size());
    std::string key;
    for (uint32_t i = 0; i < queries.size(); ++i) {
      key.assign(1, static_cast<char>(queries[i].schema)).append(queries[i].name);
      auto [it, inserted] = seen.emplace(key, static_cast<uint32_t>(first_query.size()));
      if (inserted) first_query.push_back(i);
      name_of[i] = it->second;
    }
  }
  impl->names.resize(first_query.size());
  impl->facts.resize(queries.size());
  constexpr size_t kBlock = 256;
  ParallelFor(
      first_query.size(), threads,
      [&](size_t n) {
        const Query& q = queries[first_query[n]];
        PreparedName p = impl->screener->PrepareName(q.name, q.schema);
        p.normalized.tokens.clear();  // the weighted spellings are the same words; keep one copy
        p.normalized.tokens.shrink_to_fit();
        impl->names[n] = std::move(p);
      },
      kBlock);
  ParallelFor(
      queries.size(), threads, [&](size_t i) { impl->facts[i] = ExtractFacts(queries[i]); },
      kBlock);
  // Counting sort of the queries by name: those giving no attribute first, then the others.
  impl->name_query_begin.assign(first_query.size() + 1, 0);
  for (uint32_t n : name_of) ++impl->name_query_begin[n + 1];
  for (size_t n = 0; n < first_query.size(); ++n)
    impl->name_query_begin[n + 1] += impl->name_query_begin[n];
  impl->name_queries.resize(queries.size());
  std::vector<uint32_t> fill(impl->name_query_begin.begin(), impl->name_query_begin.end() - 1);
  for (bool plain : {true, false})
    for (uint32_t i = 0; i < queries.size(); ++i)
      if ((AttributesOf(impl->facts[i]) == 0) == plain) impl->name_queries[fill[name_of[i]]++] = i;
  impl->FillHot();
  impl->units.Build(
      impl->names.size(), [&](size_t n) -> const WeightedName& { return impl->names[n].weighted; },
      /*of_queries=*/true);
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
  bool scoped = false;  // some alias was searched for some queries only
  for (uint32_t a = s.entity_alias_begin[idx]; a < s.entity_alias_begin[idx + 1]; ++a) {
    const AliasScope alias_scope = scope(a);
    scoped = scoped || !alias_scope.all;
    if (!alias_scope.all && alias_scope.attributes == 0) continue;
    const uint8_t open = alias_scope.all ? uint8_t{kAllBits} : alias_scope.attributes;
    const WeightedName& alias = s.aliases[a].weighted;
    const NameSummary& alias_summary = s.alias_summary[a];
    units.Meet(alias, &scratch.meetings);
    for (uint32_t n : scratch.meetings.touched) {
      UnitMeetings::Met& met = scratch.meetings.met[n];
      const NameHot& h = name_hot[n];
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
      for (uint32_t i = name_query_begin[n]; i < name_query_begin[n + 1]; ++i) {
        const uint32_t q = name_queries[i];
        const bool plain = attributes[q] == 0;
        if (plain && i > name_query_begin[n] && attributes[name_queries[i - 1]] == 0) continue;
        if (!IsOpen(open, attributes[q])) continue;
        if (bound + facts[q].max_bonus + 1e-6 < options.threshold) continue;
        if (BoundReaches(bound, facts[q], entity_facts, entity_schema, options.threshold)) {
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
    const PreparedName* name = &names[n];
    PreparedName with_tokens;
    if (options.explain) {  // the explanation needs the normalised words back
      with_tokens = names[n];
      with_tokens.normalized.tokens = with_tokens.weighted.raw;
      name = &with_tokens;
    }
    const auto [best_alias, best] = s.BestAlias(*name, over.data(), over.data() + over.size());
    if (best_alias == UINT32_MAX) continue;
    for (uint32_t k = name_query_begin[n]; k < name_query_begin[n + 1]; ++k) {
      const uint32_t q = name_queries[k];
      if (!IsOpen(open, attributes[q])) continue;
      if (auto hit = s.MakeHit(*name, facts[q], idx, best_alias, best, options))
        out.push_back({q, std::move(*hit)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Match& a, const Match& b) { return a.query < b.query; });
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
  return impl_->FindIn(entity_index, options, [&](uint32_t a) {
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

namespace {

// The sections of a serialised index, each decoded on its own (in parallel).
void WriteNames(const std::vector<PreparedName>& names, BinaryWriter& out) {
  out.Pod<uint64_t>(names.size());
  for (const PreparedName& p : names) {
    out.StrVector(p.weighted.raw);
    std::vector<uint8_t> scripts(p.weighted.scripts.size());
    for (size_t i = 0; i < scripts.size(); ++i)
      scripts[i] = static_cast<uint8_t>(p.weighted.scripts[i]);
    out.PodVector(scripts);
    out.PodVector(p.weighted.weights);
    out.PodVector(p.weighted.evidence);
    out.StrVector(p.normalized.legal_forms);
    out.StrVector(p.normalized.dropped);
    out.Pod<float>(p.summary.total_weight);
    out.Pod<float>(p.summary.free_weight);
    out.Pod<uint64_t>(p.summary.free_bits);
    out.Pod<uint8_t>(p.summary.has_initial);
    out.Pod<double>(p.params.unmatched_query_factor);
    out.Pod<double>(p.params.unmatched_list_factor);
  }
}

bool ReadNames(std::string_view bytes, std::vector<PreparedName>* names) {
  BinaryReader in(bytes);
  const uint64_t count = in.Pod<uint64_t>();
  if (in.failed() || count > bytes.size()) return false;
  names->resize(count);
  for (PreparedName& p : *names) {
    std::vector<std::string> raw = in.StrVector();
    const std::vector<uint8_t> scripts = in.PodVector<uint8_t>();
    if (in.failed() || (!scripts.empty() && scripts.size() != raw.size())) return false;
    std::vector<TokenScript> script(scripts.size());
    for (size_t i = 0; i < scripts.size(); ++i) {
      if (scripts[i] >= kTokenScriptCount) return false;
      script[i] = static_cast<TokenScript>(scripts[i]);
    }
    p.weighted.SetWords(std::move(raw), script);
    p.weighted.weights = in.PodVector<float>();
    p.weighted.evidence = in.PodVector<float>();
    p.normalized.legal_forms = in.StrVector();
    p.normalized.dropped = in.StrVector();
    p.summary.total_weight = in.Pod<float>();
    p.summary.free_weight = in.Pod<float>();
    p.summary.free_bits = in.Pod<uint64_t>();
    p.summary.has_initial = in.Pod<uint8_t>() != 0;
    p.params.unmatched_query_factor = in.Pod<double>();
    p.params.unmatched_list_factor = in.Pod<double>();
    if (in.failed() || p.weighted.tokens.size() != p.weighted.weights.size() ||
        (!p.weighted.evidence.empty() && p.weighted.evidence.size() != p.weighted.weights.size()))
      return false;
  }
  return in.at_end();
}

void WriteFacts(const std::vector<QueryFacts>& facts, BinaryWriter& out) {
  out.Pod<uint64_t>(facts.size());
  for (const QueryFacts& f : facts) {
    out.Pod<int32_t>(f.birth_year);
    out.Str(f.country);
    out.StrVector(f.identifiers);
    out.Pod<uint8_t>(static_cast<uint8_t>(f.schema));
    out.Pod<double>(f.max_bonus);
  }
}

bool ReadFacts(std::string_view bytes, std::vector<QueryFacts>* facts) {
  BinaryReader in(bytes);
  const uint64_t count = in.Pod<uint64_t>();
  if (in.failed() || count > bytes.size()) return false;
  facts->resize(count);
  for (QueryFacts& f : *facts) {
    f.birth_year = in.Pod<int32_t>();
    f.country = in.Str();
    f.identifiers = in.StrVector();
    const uint8_t schema = in.Pod<uint8_t>();
    f.schema = static_cast<Schema>(schema);
    f.max_bonus = in.Pod<double>();
    if (in.failed() || schema > static_cast<uint8_t>(Schema::kAircraft)) return false;
  }
  return in.at_end();
}

}  // namespace

std::string QueryIndex::Serialize() const {
  const Impl& m = *impl_;
  BinaryWriter out, names, facts, units;
  WriteNames(m.names, names);
  WriteFacts(m.facts, facts);
  m.units.Write(units);
  out.Str(kMagic);
  out.Pod<uint32_t>(kFormatVersion);
  out.Str(EngineVersion());
  out.Str(names.bytes());
  out.Str(facts.bytes());
  out.Str(units.bytes());
  out.PodVector(m.name_query_begin);
  out.PodVector(m.name_queries);
  return std::move(out.bytes());
}

Result<std::unique_ptr<QueryIndex>> QueryIndex::Deserialize(const Screener& screener,
                                                            std::string_view bytes,
                                                            size_t threads) {
  BinaryReader in(bytes);
  if (in.Str() != kMagic || in.Pod<uint32_t>() != kFormatVersion)
    return Status::InvalidArgument("not a query index of this format");
  if (const std::string engine = in.Str(); engine != EngineVersion())
    return Status::InvalidArgument("query index made by engine '" + engine + "', not " +
                                   EngineVersion());
  auto impl = std::make_unique<Impl>();
  impl->screener = screener.impl_.get();
  const std::string_view names = in.StrView(), facts = in.StrView(), units = in.StrView();
  impl->name_query_begin = in.PodVector<uint32_t>();
  impl->name_queries = in.PodVector<uint32_t>();
  const auto corrupt = [] { return Status::InvalidArgument("query index is corrupt"); };
  if (in.failed() || !in.at_end()) return corrupt();
  // The three sections are independent: decoded side by side.
  bool names_ok = false, facts_ok = false, units_ok = false;
  std::vector<std::function<void()>> jobs = {
      [&] { names_ok = ReadNames(names, &impl->names); },
      [&] { facts_ok = ReadFacts(facts, &impl->facts); },
      [&] {
        BinaryReader unit_reader(units);
        // The name count is checked against the names section below.
        const uint64_t name_count = BinaryReader(names).Pod<uint64_t>();
        units_ok = impl->units.Read(unit_reader, name_count) && unit_reader.at_end();
      }};
  std::vector<std::thread> pool;
  for (size_t j = 1; j < jobs.size() && j < std::max<size_t>(1, threads); ++j)
    pool.emplace_back(jobs[j]);
  jobs[0]();
  for (size_t j = pool.size() + 1; j < jobs.size(); ++j) jobs[j]();
  for (std::thread& t : pool) t.join();
  if (!names_ok || !facts_ok || !units_ok) return corrupt();
  // Every query belongs to exactly one name.
  const size_t name_count = impl->names.size(), query_count = impl->facts.size();
  const auto& begin = impl->name_query_begin;
  bool ok = begin.size() == name_count + 1 && begin.front() == 0 && begin.back() == query_count &&
            impl->name_queries.size() == query_count;
  for (size_t n = 0; ok && n < name_count; ++n) ok = begin[n] <= begin[n + 1];
  std::vector<bool> seen(query_count);
  for (uint32_t q : impl->name_queries) {
    ok = ok && q < query_count && !seen[q];
    if (ok) seen[q] = true;
  }
  if (!ok) return corrupt();
  impl->FillHot();
  return std::unique_ptr<QueryIndex>(new QueryIndex(std::move(impl)));
}

size_t QueryIndex::size() const { return impl_->facts.size(); }

size_t QueryIndex::memory_bytes() const {
  const Impl& m = *impl_;
  size_t bytes = m.units.memory_bytes() + m.name_hot.size() * sizeof(NameHot) +
                 (m.name_query_begin.size() + m.name_queries.size()) * sizeof(uint32_t) +
                 m.attributes.size();
  for (const PreparedName& p : m.names) {
    bytes += sizeof(PreparedName);
    for (const std::string& t : p.weighted.tokens)
      bytes += sizeof(std::string) + (t.size() > 15 ? t.capacity() : 0) + sizeof(float);
    for (const std::string& f : p.normalized.legal_forms) bytes += sizeof(std::string) + f.size();
  }
  for (const QueryFacts& f : m.facts) {
    bytes += sizeof(QueryFacts) + (f.country.size() > 15 ? f.country.capacity() : 0);
    for (const std::string& id : f.identifiers) bytes += sizeof(std::string) + id.capacity();
  }
  return bytes;
}

}  // namespace partyscreen
