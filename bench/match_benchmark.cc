// Google Benchmark for the matcher's inner functions and for Screen on a real list.
//
//   build/bench/match_benchmark [--benchmark_filter=Screen]
//
// Screen runs against OFAC SDN 2024-07-02 (../shared/lists) with the dev-set names as queries;
// each run also counts hits, and BM_ScreenBruteForce gives the reference it must agree with.
#include <benchmark/benchmark.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "match/similarity.h"
#include "normalize/latin_ascii.h"
#include "normalize/name_normalizer.h"
#include "partyscreen/screener.h"

namespace partyscreen {
namespace {

const std::string kShared = PARTYSCREEN_SHARED_DIR;

void BM_NormalizeLatin(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(
        NormalizeName("Hangzhou Hikvision Digital Technology Co., Ltd.", Schema::kUnknown));
}
BENCHMARK(BM_NormalizeLatin);

void BM_NormalizeAccented(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(NormalizeName("Société Générale de Banque au Liban S.A.L."));
}
BENCHMARK(BM_NormalizeAccented);

// Accented Latin names as they come in a customer file or query stream, one after another.
const std::vector<std::string>& AccentedNames() {
  static const std::vector<std::string> names = {
      "Rosén Imports",         "Dumanlı Construction", "Müller GmbH",       "Nguyễn Tấn Dũng",
      "Łódź Ørsted Þór",       "Ağa Çelik Şirketi",    "Straße & Söhne KG", "İstanbul Yapı A.Ş.",
      "Société Générale S.A.", "Æsir Œuvre Ĳssel"};
  return names;
}

void BM_NormalizeAccentedNames(benchmark::State& state) {
  const std::vector<std::string>& names = AccentedNames();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(NormalizeName(names[i++ % names.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(i));
}
BENCHMARK(BM_NormalizeAccentedNames);

// The Latin fold alone: code point by code point (used) against the ICU rule chain it replaced.
// Both must give the same string (tests/normalize/latin_ascii_test.cc); checked here too.
void LatinFoldLoop(benchmark::State& state, bool icu_chain) {
  const std::vector<std::string>& names = AccentedNames();
  std::vector<icu::UnicodeString> texts;
  for (const std::string& n : names) {
    texts.push_back(icu::UnicodeString::fromUTF8(n));
    if (LatinToAscii(texts.back()) != LatinToAsciiReference(texts.back())) {
      state.SkipWithError(("the two folds differ on " + n).c_str());
      return;
    }
  }
  size_t i = 0;
  for (auto _ : state) {
    const icu::UnicodeString& text = texts[i++ % texts.size()];
    benchmark::DoNotOptimize(icu_chain ? LatinToAsciiReference(text) : LatinToAscii(text));
  }
  state.SetItemsProcessed(static_cast<int64_t>(i));
}

void BM_LatinToAscii(benchmark::State& state) { LatinFoldLoop(state, false); }
BENCHMARK(BM_LatinToAscii);

void BM_LatinToAsciiIcuChain(benchmark::State& state) { LatinFoldLoop(state, true); }
BENCHMARK(BM_LatinToAsciiIcuChain);

void BM_NormalizeHan(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(NormalizeName("杭州海康威视数字技术股份有限公司"));
}
BENCHMARK(BM_NormalizeHan);

void BM_NormalizeCyrillic(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(NormalizeName("Акционерное общество Концерн Калашников"));
}
BENCHMARK(BM_NormalizeCyrillic);

void BM_TokenSimilarityOneEdit(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(TokenSimilarity("baryshnikov", "baryshnikow"));
}
BENCHMARK(BM_TokenSimilarityOneEdit);

void BM_CompareNames(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(CompareNames("Quanguo Chen", "CHEN, Quanguo", Schema::kPerson));
}
BENCHMARK(BM_CompareNames);

struct Fixture {
  std::unique_ptr<Screener> screener;
  std::vector<Query> queries;
};

const Fixture& SdnFixture() {
  static const Fixture fixture = [] {
    Fixture f;
    auto snap =
        LoadSnapshot({ListSpec{kShared + "/lists/ofac/sdn-2024-07-02/sdn.csv", "ofac-csv"}});
    if (!snap.ok()) return f;
    auto built = Screener::Build(std::make_shared<const Snapshot>(std::move(snap).value()));
    if (!built.ok()) return f;
    f.screener = std::move(built).value();
    std::ifstream in(kShared + "/eval/dev.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      Query q;
      q.name = j.value("name", "");
      q.schema = ParseSchema(j.value("schema", ""));
      f.queries.push_back(std::move(q));
    }
    return f;
  }();
  return fixture;
}

void ScreenLoop(benchmark::State& state, bool brute_force) {
  const Fixture& f = SdnFixture();
  if (!f.screener || f.queries.empty()) {
    state.SkipWithError(
        "could not load ../shared/lists/ofac/sdn-2024-07-02/sdn.csv or the dev queries");
    return;
  }
  ScreenOptions options;
  options.explain = false;
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    const Query& q = f.queries[i++ % f.queries.size()];
    hits += brute_force ? f.screener->ScreenBruteForce(q, options).size()
                        : f.screener->Screen(q, options).size();
  }
  state.counters["hits_per_query"] =
      benchmark::Counter(static_cast<double>(hits) / std::max<size_t>(1, i));
  state.SetItemsProcessed(static_cast<int64_t>(i));
}

void BM_Screen(benchmark::State& state) { ScreenLoop(state, false); }
BENCHMARK(BM_Screen);

void BM_ScreenBruteForce(benchmark::State& state) { ScreenLoop(state, true); }
BENCHMARK(BM_ScreenBruteForce)->Iterations(200);

}  // namespace
}  // namespace partyscreen

BENCHMARK_MAIN();
