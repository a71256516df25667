// Google Benchmark for the matcher's inner functions and for Screen on a real list.
//
//   build/bench/match_benchmark [--benchmark_filter=Screen]
//
// Screen runs against OFAC SDN 2024-07-02 (../shared/lists) with the dev-set names as queries;
// each run also counts hits, and BM_ScreenBruteForce gives the reference it must agree with.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "match/similarity.h"
#include "normalize/name_normalizer.h"
#include "partyscreen/screener.h"
#include "translit/latin_ascii.h"
#include "translit/name_pieces.h"
#include "translit/transliterate.h"

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
// Both must give the same string (tests/translit/latin_ascii_test.cc); checked here too.
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

// Non-Latin names as a register repeats their words: the non-Latin dev-set names (Han, Hangul,
// Arabic, Devanagari, Cyrillic, Hebrew, kana, Thai; ~400 distinct words) recombined as
// tools/make_customers.py does (first words of one name + last word of another), 20,000 names.
// With `novel_words`, the characters of every word are shuffled too, so that most words are new
// to the memo (short ones still repeat).
std::vector<std::string> NonLatinRegisterNames(bool novel_words) {
  using Word = std::vector<UChar32>;  // code points
  std::vector<std::vector<Word>> split;
  std::ifstream in(kShared + "/eval/dev.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) continue;
    const std::string name = j.value("name", "");
    if (IsLatinScript(icu::UnicodeString::fromUTF8(name))) continue;
    std::vector<Word> words;
    std::istringstream is(name);
    for (std::string w; is >> w;) {
      const icu::UnicodeString u = icu::UnicodeString::fromUTF8(w);
      Word& word = words.emplace_back();
      for (int32_t k = 0; k < u.length(); k = u.moveIndex32(k, 1)) word.push_back(u.char32At(k));
    }
    if (words.size() >= 2) split.push_back(std::move(words));
  }
  std::vector<std::string> names;
  std::mt19937_64 rng(7);
  auto append = [&](std::string& out, Word word) {
    if (novel_words) std::shuffle(word.begin(), word.end(), rng);
    if (!out.empty()) out += ' ';
    icu::UnicodeString u;
    for (UChar32 c : word) u.append(c);
    u.toUTF8String(out);
  };
  for (size_t i = 0; i < 20000 && !split.empty(); ++i) {
    const auto& a = split[rng() % split.size()];
    const auto& b = split[rng() % split.size()];
    std::string name;
    for (size_t k = 0; k + 1 < a.size(); ++k) append(name, a[k]);
    append(name, b.back());
    names.push_back(std::move(name));
  }
  return names;
}

// ToLatinAscii (pieces memoised per thread) or ToLatinAsciiUnmemoised (whole text through
// ICU/OpenCC, the former path) over the stream; checks afterwards that both agree on it.
void NonLatinLoop(benchmark::State& state, bool novel_words, bool memoised) {
  const std::vector<std::string> names = NonLatinRegisterNames(novel_words);
  if (names.empty()) return state.SkipWithError("no non-Latin names in ../shared/eval/dev.jsonl");
  size_t i = 0;
  for (auto _ : state) {
    const std::string& name = names[i++ % names.size()];
    benchmark::DoNotOptimize(memoised ? ToLatinAscii(name) : ToLatinAsciiUnmemoised(name));
  }
  state.SetItemsProcessed(static_cast<int64_t>(i));
  for (size_t k = 0; k < names.size(); k += 40)
    if (ToLatinAscii(names[k]) != ToLatinAsciiUnmemoised(names[k]))
      return state.SkipWithError(("memoised and whole-text results differ on " + names[k]).c_str());
}

void BM_NonLatinRegisterToLatin(benchmark::State& state) { NonLatinLoop(state, false, true); }
BENCHMARK(BM_NonLatinRegisterToLatin);

void BM_NonLatinRegisterToLatinUnmemoised(benchmark::State& state) {
  NonLatinLoop(state, false, false);
}
BENCHMARK(BM_NonLatinRegisterToLatinUnmemoised);

void BM_NonLatinNovelWordsToLatin(benchmark::State& state) { NonLatinLoop(state, true, true); }
BENCHMARK(BM_NonLatinNovelWordsToLatin);

void BM_NonLatinNovelWordsToLatinUnmemoised(benchmark::State& state) {
  NonLatinLoop(state, true, false);
}
BENCHMARK(BM_NonLatinNovelWordsToLatinUnmemoised);

// The memo's worst case, every piece new: each name cut into pieces (name_pieces.h) and every
// piece transliterated on its own through ICU/OpenCC, as on a memo miss.
void BM_NonLatinRegisterEveryPieceMissed(benchmark::State& state) {
  const std::vector<std::string> names = NonLatinRegisterNames(false);
  if (names.empty()) return state.SkipWithError("no non-Latin names in ../shared/eval/dev.jsonl");
  size_t i = 0;
  for (auto _ : state) {
    const std::string& name = names[i++ % names.size()];
    for (std::string_view piece : SplitIntoIndependentPieces(name))
      benchmark::DoNotOptimize(ToLatinAsciiUnmemoised(piece));
  }
  state.SetItemsProcessed(static_cast<int64_t>(i));
}
BENCHMARK(BM_NonLatinRegisterEveryPieceMissed);

// The whole normaliser (transliteration, tokens, legal forms) over the recombined stream.
void BM_NormalizeNonLatinRegister(benchmark::State& state) {
  const std::vector<std::string> names = NonLatinRegisterNames(false);
  if (names.empty()) return state.SkipWithError("no non-Latin names in ../shared/eval/dev.jsonl");
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(NormalizeName(names[i++ % names.size()]));
  state.SetItemsProcessed(static_cast<int64_t>(i));
}
BENCHMARK(BM_NormalizeNonLatinRegister);

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
