// Google Benchmark: loading list files into a Snapshot (parsing cost per format and all together),
// and building the name index of the bundled snapshot against reading it back from its saved bytes
// (Screener::SaveIndex / LoadIndex: what the index cache saves each command, match/index_cache.h).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "lists/snapshot_file.h"
#include "match/token_weights.h"
#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"

namespace partyscreen::embedded {
extern const std::string_view k_token_weights_tsv;
extern const std::string_view k_background_words_tsv;
extern const std::string_view k_common_person_names_tsv;
extern const std::string_view k_common_words_tsv;
}  // namespace partyscreen::embedded

namespace {

std::string Shared(const std::string& rel) {
  return std::string(PARTYSCREEN_SHARED_DIR) + "/lists/" + rel;
}

void LoadOrFail(benchmark::State& state, const std::vector<partyscreen::ListSpec>& specs) {
  size_t entities = 0;
  for (auto _ : state) {
    auto snap = partyscreen::LoadSnapshot(specs);
    if (!snap.ok()) {
      state.SkipWithError(snap.status().ToString().c_str());
      return;
    }
    entities = snap->entities.size();
    benchmark::DoNotOptimize(entities);
  }
  state.counters["entities"] = static_cast<double>(entities);
  state.counters["entities/s"] = benchmark::Counter(
      static_cast<double>(entities) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_LoadCslCsvGz(benchmark::State& state) {
  LoadOrFail(state, {{Shared("csl/csl-2022-04/consolidated.csv.gz"), ""}});
}
void BM_LoadOfacSdnCsv(benchmark::State& state) {
  LoadOrFail(state, {{Shared("ofac/sdn-2024-07-02/sdn.csv"), ""}});
}
void BM_LoadUnXml(benchmark::State& state) {
  LoadOrFail(state, {{Shared("un/UN_consolidated.xml"), ""}});
}
void BM_LoadOfsiXlsx(benchmark::State& state) {
  LoadOrFail(state, {{Shared("uk/ofsi-2025-04/UK_Sanctions_List.xlsx"), ""}});
}
void BM_LoadDefaultSnapshot(benchmark::State& state) {
  LoadOrFail(state, partyscreen::DefaultListSpecs());
}

std::shared_ptr<const partyscreen::Snapshot> DefaultSnapshot() {
  static auto snap = std::make_shared<const partyscreen::Snapshot>(
      partyscreen::LoadSnapshot(partyscreen::DefaultListSpecs()).value());
  return snap;
}

void BM_BuildIndexDefaultSnapshot(benchmark::State& state) {
  for (auto _ : state) {
    auto built = partyscreen::Screener::Build(DefaultSnapshot());
    if (!built.ok()) return state.SkipWithError(built.status().ToString().c_str());
    benchmark::DoNotOptimize(built->get());
  }
}

void BM_ReadIndexDefaultSnapshot(benchmark::State& state) {
  const std::string bytes = partyscreen::Screener::Build(DefaultSnapshot()).value()->SaveIndex();
  for (auto _ : state) {
    auto read = partyscreen::Screener::LoadIndex(DefaultSnapshot(), bytes);
    if (!read.ok()) return state.SkipWithError(read.status().ToString().c_str());
    benchmark::DoNotOptimize(read->get());
  }
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}

// The parsed-list cache's decoding of the bundled snapshot (match/index_cache.h): what a command
// does first when the list files are unchanged.
void BM_DecodeDefaultSnapshot(benchmark::State& state) {
  const std::string bytes = partyscreen::EncodeSnapshot(*DefaultSnapshot());
  for (auto _ : state) {
    auto decoded = partyscreen::DecodeSnapshot(bytes);
    if (!decoded.ok()) return state.SkipWithError(decoded.status().ToString().c_str());
    benchmark::DoNotOptimize(decoded->entities.data());
  }
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}

BENCHMARK(BM_DecodeDefaultSnapshot)->Unit(benchmark::kMillisecond);

// The word-weight tables compiled into the binary, parsed as TokenWeights::Default does once per
// process (part of every command's start).
void BM_TokenWeightsFromEmbeddedTables(benchmark::State& state) {
  namespace embedded = partyscreen::embedded;
  size_t words = 0;
  for (auto _ : state) {
    const partyscreen::TokenWeights weights(
        embedded::k_token_weights_tsv, embedded::k_background_words_tsv,
        embedded::k_common_person_names_tsv, embedded::k_common_words_tsv);
    words = weights.size();
    benchmark::DoNotOptimize(words);
  }
  state.counters["words"] = static_cast<double>(words);
}

BENCHMARK(BM_TokenWeightsFromEmbeddedTables)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BuildIndexDefaultSnapshot)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_ReadIndexDefaultSnapshot)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_LoadCslCsvGz)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadOfacSdnCsv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadUnXml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadOfsiXlsx)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadDefaultSnapshot)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
