// PreparedQueries (include/partyscreen/query_index.h): the distinct names of the queries are
// normalised and weighted exactly as the Screener prepares a query (PrepareName with the same word
// tables), and indexed like the Screener indexes list aliases (UnitIndex over their blocking
// units). Nothing here depends on the lists. Serialised in independent sections (names, facts,
// units) that Deserialize decodes side by side.
#include <algorithm>
#include <functional>
#include <thread>
#include <unordered_map>

#include "core/binary_io.h"
#include "core/parallel.h"
#include "match/prepared_queries_impl.h"
#include "normalize/name_normalizer.h"

namespace partyscreen {

namespace {

constexpr char kMagic[] = "partyscreen-query-index";
constexpr uint32_t kFormatVersion = 7;

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
    p.weighted.commercial_form = HasCommercialForm(p.normalized.legal_forms);
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

PreparedQueries::PreparedQueries(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PreparedQueries::~PreparedQueries() = default;

void PreparedQueries::Impl::FillHot() {
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

std::shared_ptr<const PreparedQueries> PreparedQueries::Build(const std::vector<Query>& queries,
                                                              size_t threads) {
  auto impl = std::make_unique<Impl>();
  const TokenWeights& word_weights = TokenWeights::Default();  // the Screener's (screener_impl.h)
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
        PreparedName p = PrepareName(q.name, q.schema, word_weights);
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
  return std::shared_ptr<const PreparedQueries>(new PreparedQueries(std::move(impl)));
}

std::string PreparedQueries::Serialize() const {
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

Result<std::shared_ptr<const PreparedQueries>> PreparedQueries::Deserialize(std::string_view bytes,
                                                                            size_t threads) {
  BinaryReader in(bytes);
  if (in.Str() != kMagic || in.Pod<uint32_t>() != kFormatVersion)
    return Status::InvalidArgument("not a query index of this format");
  if (const std::string engine = in.Str(); engine != EngineVersion())
    return Status::InvalidArgument("query index made by engine '" + engine + "', not " +
                                   EngineVersion());
  auto impl = std::make_unique<Impl>();
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
  return std::shared_ptr<const PreparedQueries>(new PreparedQueries(std::move(impl)));
}

size_t PreparedQueries::size() const { return impl_->facts.size(); }

size_t PreparedQueries::memory_bytes() const {
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
