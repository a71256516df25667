#include "match/token_weights.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>

#include "match/blocking.h"
#include "match/similarity.h"

namespace partyscreen {

namespace embedded {
extern const std::string_view k_token_weights_tsv;
extern const std::string_view k_background_words_tsv;
extern const std::string_view k_common_person_names_tsv;
extern const std::string_view k_common_words_tsv;
}  // namespace embedded

namespace {

float Idf(double names, double df) { return static_cast<float>(std::log(names / df) + 1); }

// One table in the token_weights.tsv format: the "names" count and word -> count.
struct CountTable {
  double names = 1;
  std::vector<std::pair<std::string_view, uint32_t>> counts;
};

CountTable ParseCounts(std::string_view text) {
  CountTable table;
  double names = 0;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    uint32_t count = 0;
    const std::string_view number = line.substr(tab + 1);
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), count);
    if (ec != std::errc() || end != number.data() + number.size() || count == 0) continue;
    const std::string_view word = line.substr(0, tab);
    if (word == "names") {
      names = count;
    } else {
      table.counts.emplace_back(word, count);
    }
  }
  table.names = std::max(names, 1.0);
  return table;
}

}  // namespace

TokenWeights::TokenWeights(std::string_view list_table, std::string_view background_table,
                           std::string_view common_person_names, std::string_view common_words) {
  static std::atomic<uint64_t> instances{0};
  instance_id_ = ++instances;
  const CountTable lists = ParseCounts(list_table);
  unseen_weight_ = Idf(lists.names, 1);
  words_.reserve(lists.counts.size());
  std::vector<uint64_t> keys;
  for (const auto& [word, count] : lists.counts) {
    if (table_.Contains(word)) continue;  // a repeated line: the first counts
    const float w = Idf(lists.names, std::min<double>(count, lists.names));
    table_.Set(word, WordWeight{w, w, w});
    const uint32_t id = static_cast<uint32_t>(words_.size());
    words_.push_back(
        {static_cast<uint32_t>(word_chars_.size()), static_cast<uint32_t>(word.size()), w});
    word_chars_.append(word);
    if (word.size() < kMinFuzzyLength) continue;
    keys.clear();
    AppendUnitKeys(word, &keys);
    for (uint64_t k : keys) neighbours_.emplace_back(k, id);
  }
  std::sort(neighbours_.begin(), neighbours_.end());
  // A word's entry, made with its typo neighbour's weight (or the unseen weight) if missing.
  auto add = [&](std::string_view word) -> WordWeight& {
    if (WordWeight* w = table_.FindMutable(word)) return *w;
    const float w = word.size() < kMinFuzzyLength ? unseen_weight_ : NeighbourWeight(word);
    table_.Set(word, WordWeight{w, w, w});
    return *table_.FindMutable(word);
  };
  // The background caps the evidence; a word only there keeps the presence weight the list
  // table gives it (its typo neighbour's, or the unseen weight).
  const CountTable background = ParseCounts(background_table);
  for (const auto& [word, count] : background.counts) {
    const float cap = Idf(background.names, std::min<double>(count, background.names));
    WordWeight& w = add(word);
    w.evidence = std::min(w.presence, cap);
    w.person_evidence = w.evidence;
  }
  // A word of a one-word-a-line table: its entry, made (as the background does) when the lists'
  // table lacks it and `add_missing` is set, else skipped.
  auto each_listed_word = [&](std::string_view text, bool add_missing, auto&& apply) {
    while (!text.empty()) {
      const size_t eol = text.find('\n');
      const std::string_view word = text.substr(0, eol);
      text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
      if (word.empty() || word[0] == '#') continue;
      if (add_missing) {
        apply(add(word));
      } else if (WordWeight* w = table_.FindMutable(word)) {
        apply(*w);
      }
    }
  };
  // Common given names and surnames cap what a match proves in a person's name.
  const float common_cap = Idf(kCommonPersonNameShare, 1);
  each_listed_word(common_person_names, /*add_missing=*/true, [&](WordWeight& w) {
    w.person_evidence = std::min(w.evidence, common_cap);
    w.common_person_name = true;
  });
  // Ordinary words of the language cap what a match proves in any other name (after the person
  // evidence is set: a person's name is weighed by the rule above). Only words the tables hold
  // (in 2+ list names or ordinary names): one seen once keeps the unseen weight, and the
  // dictionary's other ~61k words add no entries to load (2,993 of its 63,723 are capped).
  const float common_word_cap = Idf(kCommonWordShare, 1);
  each_listed_word(common_words, /*add_missing=*/false,
                   [&](WordWeight& w) { w.evidence = std::min(w.evidence, common_word_cap); });
}

const TokenWeights& TokenWeights::Default() {
  // Never destroyed (a function-local static pointer): freeing its ~100k small objects at every
  // process exit cost more than the process spends on many a short command.
  static const TokenWeights* weights =
      new TokenWeights(embedded::k_token_weights_tsv, embedded::k_background_words_tsv,
                       embedded::k_common_person_names_tsv, embedded::k_common_words_tsv);
  return *weights;
}

WordWeight TokenWeights::Weights(std::string_view token) const {
  if (const WordWeight* w = table_.Find(token)) return *w;
  if (token.size() < kMinFuzzyLength) return {unseen_weight_, unseen_weight_, unseen_weight_};
  // The neighbour search costs a dozen lookups; registers repeat their unseen words, so each
  // thread remembers recent answers (direct-mapped; a pure function: the memo changes nothing).
  struct Memo {
    uint64_t owner = 0;  // instance id: a new table at a reused address starts afresh
    std::string word;
    float weight = 0;
  };
  constexpr size_t kMemoSlots = 8192;
  thread_local std::vector<Memo> memo(kMemoSlots);
  Memo& m = memo[HashKey(token) >> 51];
  if (m.owner != instance_id_ || m.word != token) {
    m.owner = instance_id_;
    m.word.assign(token);
    m.weight = NeighbourWeight(token);
  }
  return {m.weight, m.weight, m.weight};
}

float TokenWeights::NeighbourWeight(std::string_view token) const {
  thread_local std::vector<uint64_t> keys;
  keys.clear();
  AppendUnitKeys(token, &keys);
  float best = 0;
  for (uint64_t k : keys) {
    auto it = std::lower_bound(neighbours_.begin(), neighbours_.end(),
                               std::pair<uint64_t, uint32_t>(k, 0));
    for (; it != neighbours_.end() && it->first == k; ++it) {
      const Word& neighbour = words_[it->second];
      const std::string_view other =
          std::string_view(word_chars_).substr(neighbour.begin, neighbour.size);
      if (other == token || other.size() < kMinFuzzyLength || !WithinOneEdit(token, other))
        continue;
      best = std::max(best, neighbour.weight);
    }
  }
  return best > 0 ? best : unseen_weight_;
}

}  // namespace partyscreen
