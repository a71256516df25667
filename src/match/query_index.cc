// QueryIndex (include/partyscreen/query_index.h): the queries are indexed like the Screener
// indexes list aliases (UnitIndex over their blocking units); Find() walks the units of each
// alias of one entity, bounds every query met with the same weight bound Screen() uses (sides
// swapped), and scores the survivors with the Screener's own ScoreAll, so every hit is exactly
// ScoreEntity's.
#include "partyscreen/query_index.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "match/screener_impl.h"

namespace partyscreen {

struct QueryIndex::Impl {
  const Screener::Impl* screener = nullptr;
  std::vector<PreparedQuery> queries;
  UnitIndex units;  // blocking units of the queries
};

namespace {

// Per-thread scratch, reset after every alias.
struct FindScratch {
  struct Met {
    uint64_t mask = 0;  // which alias words can align with the query
    float weight = 0;   // weight of the query's units that met an alias unit
  };
  std::vector<Met> met;  // by query
  std::vector<uint32_t> touched;
  std::vector<uint32_t> survivors;  // queries that may reach the threshold with some alias
};

FindScratch& ThreadFindScratch() {
  thread_local FindScratch scratch;
  return scratch;
}

}  // namespace

QueryIndex::QueryIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QueryIndex::~QueryIndex() = default;

std::unique_ptr<QueryIndex> QueryIndex::Build(const Screener& screener,
                                              const std::vector<Query>& queries, size_t threads) {
  auto impl = std::make_unique<Impl>();
  impl->screener = screener.impl_.get();
  impl->queries.resize(queries.size());
  // Normalising is the expensive part: spread it over the threads.
  const size_t workers = std::max<size_t>(1, std::min(threads, queries.size() / 1024 + 1));
  std::atomic<size_t> next{0};
  auto work = [&] {
    constexpr size_t kBlock = 256;
    for (size_t begin = next.fetch_add(kBlock); begin < queries.size();
         begin = next.fetch_add(kBlock))
      for (size_t i = begin; i < std::min(queries.size(), begin + kBlock); ++i) {
        PreparedQuery p = impl->screener->Prepare(queries[i]);
        p.normalized.tokens.clear();  // the weighted tokens are the same words; keep one copy
        p.normalized.tokens.shrink_to_fit();
        impl->queries[i] = std::move(p);
      }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  impl->units.Build(impl->queries.size(),
                    [&](size_t i) -> const WeightedName& { return impl->queries[i].weighted; });
  return std::unique_ptr<QueryIndex>(new QueryIndex(std::move(impl)));
}

std::vector<QueryIndex::Match> QueryIndex::Find(uint32_t entity_index,
                                                const ScreenOptions& options) const {
  std::vector<Match> out;
  const Screener::Impl& s = *impl_->screener;
  if (entity_index >= s.snapshot->entities.size() || options.threshold <= 0) return out;
  if (!s.Admitted(s.snapshot->entities[entity_index], options)) return out;
  FindScratch& scratch = ThreadFindScratch();
  if (scratch.met.size() < impl_->queries.size()) scratch.met.resize(impl_->queries.size());
  scratch.survivors.clear();
  for (uint32_t a = s.entity_alias_begin[entity_index]; a < s.entity_alias_begin[entity_index + 1];
       ++a) {
    const WeightedName& alias = s.aliases[a].weighted;
    const NameSummary& alias_summary = s.alias_summary[a];
    for (const BlockingUnit& u : BlockingUnits(alias.tokens)) {
      if (u.first_token + u.token_count > 64) continue;
      const uint64_t bits = ((uint64_t{1} << u.token_count) - 1) << u.first_token;
      impl_->units.ForEachPosting(u.text, [&](const UnitIndex::Posting& p) {
        FindScratch::Met& met = scratch.met[p.name];
        if (met.mask == 0) scratch.touched.push_back(p.name);
        met.mask |= bits;
        met.weight += p.weight;
      });
    }
    for (uint32_t qi : scratch.touched) {
      FindScratch::Met& met = scratch.met[qi];
      const PreparedQuery& q = impl_->queries[qi];
      // Sides swapped: here the alias knows which of its words met, the query how much weight.
      const BoundSides w = MatchableWeights(alias, alias_summary, met.mask, q.summary, met.weight);
      met = {};
      const double bound = ScoreUpperBound(w.weight_matched, w.bits_matched, q.summary.total_weight,
                                           alias_summary.total_weight, q.params);
      if (bound + q.facts.max_bonus + 1e-9 >= options.threshold) scratch.survivors.push_back(qi);
    }
    scratch.touched.clear();
  }
  std::sort(scratch.survivors.begin(), scratch.survivors.end());
  scratch.survivors.erase(std::unique(scratch.survivors.begin(), scratch.survivors.end()),
                          scratch.survivors.end());
  for (uint32_t qi : scratch.survivors) {
    const PreparedQuery& stored = impl_->queries[qi];
    std::optional<Hit> hit;
    if (options.explain) {  // the explanation needs the normalised words back
      PreparedQuery q = stored;
      q.normalized.tokens = q.weighted.tokens;
      hit = s.ScoreAll(q, entity_index, options);
    } else {
      hit = s.ScoreAll(stored, entity_index, options);
    }
    if (hit) out.push_back({qi, std::move(*hit)});
  }
  return out;
}

size_t QueryIndex::size() const { return impl_->queries.size(); }

size_t QueryIndex::memory_bytes() const {
  size_t bytes = impl_->units.memory_bytes();
  for (const PreparedQuery& q : impl_->queries) {
    bytes += sizeof(PreparedQuery) + q.facts.country.capacity();
    for (const std::string& t : q.weighted.tokens)
      bytes += sizeof(std::string) + (t.size() > 15 ? t.capacity() : 0) + sizeof(float);
    for (const std::string& f : q.normalized.legal_forms) bytes += sizeof(std::string) + f.size();
  }
  return bytes;
}

}  // namespace partyscreen
