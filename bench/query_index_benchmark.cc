// QueryIndex (delta re-screening): building it over a large synthetic register and finding the
// queries that match one list entry. Register: names recombined from the words of the dev set's
// names (seeded), the way tools/make_customers.py builds its registers.
//   build/bench/query_index_benchmark [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "partyscreen/query_index.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

const std::string kShared = PARTYSCREEN_SHARED_DIR;

std::vector<Query> SyntheticRegister(size_t count) {
  std::vector<std::string> words;
  std::ifstream in(kShared + "/eval/dev.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    std::string name = j.value("name", "");
    for (size_t start = 0; start < name.size();) {
      size_t end = name.find(' ', start);
      if (end == std::string::npos) end = name.size();
      if (end > start) words.push_back(name.substr(start, end - start));
      start = end + 1;
    }
  }
  std::mt19937_64 rng(7);
  std::vector<Query> out(count);
  for (size_t i = 0; i < count && !words.empty(); ++i) {
    const size_t n = 2 + rng() % 3;
    for (size_t k = 0; k < n; ++k) {
      if (k) out[i].name += ' ';
      out[i].name += words[rng() % words.size()];
    }
    out[i].schema = rng() % 2 ? Schema::kPerson : Schema::kOrganization;
  }
  return out;
}

const Screener* Sdn2024() {
  static const std::unique_ptr<Screener> screener = []() -> std::unique_ptr<Screener> {
    auto snap = LoadSnapshot({ListSpec{kShared + "/lists/ofac/sdn-2024-07-02", "ofac-csv"}});
    if (!snap.ok()) return nullptr;
    auto built = Screener::Build(std::make_shared<const Snapshot>(std::move(snap).value()));
    return built.ok() ? std::move(built).value() : nullptr;
  }();
  return screener.get();
}

void BM_QueryIndexBuild(benchmark::State& state) {
  const Screener* screener = Sdn2024();
  if (!screener) return state.SkipWithError("cannot load ../shared/lists/ofac/sdn-2024-07-02");
  const std::vector<Query> queries = SyntheticRegister(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(QueryIndex::Build(*screener, queries, 1));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_QueryIndexBuild)->Arg(100000)->Unit(benchmark::kMillisecond);

// Find over every entity of the SDN 2024 list in turn, against a 1,000,000-query register.
void BM_QueryIndexFind(benchmark::State& state) {
  const Screener* screener = Sdn2024();
  if (!screener) return state.SkipWithError("cannot load ../shared/lists/ofac/sdn-2024-07-02");
  static const std::unique_ptr<QueryIndex> index =
      QueryIndex::Build(*screener, SyntheticRegister(1000000), 2);
  ScreenOptions options;
  options.explain = false;
  const uint32_t entities = static_cast<uint32_t>(screener->snapshot().entities.size());
  uint32_t e = 0;
  size_t matches = 0;
  for (auto _ : state) matches += index->Find(e++ % entities, options).size();
  state.counters["matches_per_entity"] = static_cast<double>(matches) / std::max<uint32_t>(1, e);
  state.counters["index_MiB"] = static_cast<double>(index->memory_bytes()) / (1 << 20);
  state.SetItemsProcessed(static_cast<int64_t>(e));
}
BENCHMARK(BM_QueryIndexFind)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace partyscreen

BENCHMARK_MAIN();
