// QueryIndex (delta re-screening): building it over a large synthetic register, reading a saved
// one back, and finding the queries that match one list entry. Register: seeded, the way
// tools/make_customers.py builds its registers.
//   build/bench/query_index_benchmark [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "partyscreen/query_index.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

const std::string kShared = PARTYSCREEN_SHARED_DIR;

// Like tools/make_customers.py: innocent people and firms of the dev set (entries expecting no
// hit) recombined; a person = first words of one + last word of another, a firm likewise.
std::vector<Query> SyntheticRegister(size_t count) {
  std::vector<std::vector<std::string>> people, firms;
  std::ifstream in(kShared + "/eval/dev.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.value("expect", nlohmann::json::array()).empty()) continue;
    std::vector<std::string> words;
    std::istringstream name(j.value("name", ""));
    for (std::string w; name >> w;) words.push_back(w);
    if (words.size() < 2) continue;
    (j.value("schema", "") == "Person" ? people : firms).push_back(std::move(words));
  }
  std::mt19937_64 rng(7);
  const char* countries[] = {"US", "GB", "DE", "FR", "CN", "IN", "BR",
                             "NG", "RU", "AE", "TR", "JP", "",   ""};
  std::vector<Query> out(count);
  for (size_t i = 0; i < count && !people.empty() && !firms.empty(); ++i) {
    const bool person = rng() % 100 < 55;
    const auto& pool = person ? people : firms;
    const auto& a = pool[rng() % pool.size()];
    const auto& b = pool[rng() % pool.size()];
    for (size_t k = 0; k + 1 < a.size(); ++k) out[i].name += a[k] + ' ';
    out[i].name += b.back();
    out[i].schema = person ? Schema::kPerson : Schema::kOrganization;
    out[i].country = countries[rng() % 14];
    if (person && rng() % 2) out[i].birth_date = std::to_string(1940 + rng() % 64);
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
  const size_t threads = static_cast<size_t>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(QueryIndex::Build(*screener, queries, threads));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
// (register size, threads); wall time matters for the 2-thread run.
BENCHMARK(BM_QueryIndexBuild)->Args({100000, 1})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QueryIndexBuild)
    ->Args({1000000, 2})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

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

// Reading a saved index back (what a delta run does with the register index file) against
// building it, for a register of range(0) queries, decoded on range(1) threads.
void BM_QueryIndexDeserialize(benchmark::State& state) {
  const Screener* screener = Sdn2024();
  if (!screener) return state.SkipWithError("cannot load ../shared/lists/ofac/sdn-2024-07-02");
  const std::string bytes =
      QueryIndex::Build(*screener, SyntheticRegister(static_cast<size_t>(state.range(0))), 2)
          ->Serialize();
  const size_t threads = static_cast<size_t>(state.range(1));
  for (auto _ : state) {
    auto index = QueryIndex::Deserialize(*screener, bytes, threads);
    if (!index.ok()) return state.SkipWithError(index.status().message().c_str());
    benchmark::DoNotOptimize(index);
  }
  state.counters["MiB"] = static_cast<double>(bytes.size()) / (1 << 20);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_QueryIndexDeserialize)->Args({100000, 1})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QueryIndexDeserialize)
    ->Args({1000000, 2})
    ->Iterations(3)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace partyscreen

BENCHMARK_MAIN();
