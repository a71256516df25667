// Internals of the Screener, shared with QueryIndex (the same index and scoring seen from the
// list side). Not part of the public API; see include/partyscreen/screener.h for the contract.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "match/attributes.h"
#include "match/name_score.h"
#include "match/token_weights.h"
#include "match/unit_index.h"
#include "normalize/name_normalizer.h"
#include "partyscreen/screener.h"

namespace partyscreen {

// True when `word` (one normalised Latin word) is an acronym of another name of the organisation e
// (normalize/acronym.h): such a listed name is marked TokenScript::kCode, matched only as spelled.
bool IsListedAcronym(const Entity& e, std::string_view word);

// What the candidate bound needs to know of a name beyond its words: kept in a small record of
// its own so that the bound loop over thousands of candidates stays in cache.
struct NameSummary {
  float total_weight = 0;
  float free_weight = 0;     // words that may align without sharing a unit (initials, stopwords)
  uint64_t free_bits = 0;    // the same words as bits (first 64 words)
  bool has_initial = false;  // a one-letter word can align with any word of the other name
};
NameSummary Summarize(const WeightedName& name);

// Upper bound of the name score of a pair during candidate retrieval. One side ("bits") knows
// which of its words met a unit of the other (`mask`); the other side ("weight") knows the weight
// of its units that met one (`hit_weight`). See docs/MATCHING.md, "Pruning".
struct BoundSides {
  double bits_matched = 0;    // most of the bits side's weight that can be matched
  double weight_matched = 0;  // most of the weight side's weight that can be matched
};
// `by_mask`: WeightsByMask(bits_name), or empty to sum the words here. Inline: it runs for each
// of the thousands of names a query meets.
inline BoundSides MatchableWeights(const WeightedName& bits_name, const NameSummary& bits,
                                   uint64_t mask, const NameSummary& weight, float hit_weight,
                                   const std::vector<double>& by_mask = {}) {
  BoundSides out;
  // An initial on the weight side can align with any word of the bits side.
  const uint64_t m = weight.has_initial ? ~uint64_t{0} : (mask | bits.free_bits);
  if (!by_mask.empty()) {
    out.bits_matched = by_mask[m & (by_mask.size() - 1)];
  } else {
    const size_t n = std::min<size_t>(bits_name.tokens.size(), 64);
    for (size_t i = 0; i < n; ++i)
      if (m >> i & 1) out.bits_matched += bits_name.weights[i];
  }
  // An initial on the bits side can align with any word of the weight side.
  out.weight_matched = bits.has_initial
                           ? weight.total_weight
                           : std::min(weight.total_weight, hit_weight + weight.free_weight);
  return out;
}

// MatchableWeights' sum over the bits side's words, tabled for every mask of a name of at most
// kTabledWords words (summed in the same order: the same values), so that bounding the thousands
// of names a query meets reads it instead of looping over the words; empty for longer names.
inline constexpr size_t kTabledWords = 8;
std::vector<double> WeightsByMask(const WeightedName& bits_name);

struct IndexedAlias {
  uint32_t entity = 0;
  uint32_t name_index = 0;  // into Entity::AllNames()
  AliasQuality quality = AliasQuality::kPrimary;
  NormalizedName normalized;
  WeightedName weighted;
};

// The name part of a prepared query: depends only on the name, its schema and the engine (the word
// weights are a fixed table), never on the lists, so it can be kept across list versions.
struct PreparedName {
  NormalizedName normalized;
  WeightedName weighted;
  NameSummary summary;
  ScoringParams params;
};

// Fills name->weights and name->evidence from the word tables (token_weights.h).
void WeighName(WeightedName* name, Schema schema, const TokenWeights& word_weights);
// Normalises and weighs a name: what Screener and PreparedQueries both do to every query name, so
// that the two prepare it alike (exactness of QueryIndex).
PreparedName PrepareName(const std::string& name, Schema schema, const TokenWeights& word_weights);

// A query after normalisation and weighting: computed once per query.
struct PreparedQuery : PreparedName {
  QueryFacts facts;
  std::vector<double> weights_by_mask;  // WeightsByMask(weighted)
};

// The exact test a candidate must pass once its name-score bound is known: the attribute
// adjustments (AdjustScore) only add, subtract and clamp, so they preserve order, and a pair
// whose bound, adjusted, stays below the threshold cannot become a hit.
inline bool BoundReaches(double name_bound, const QueryFacts& q, const EntityFacts& e,
                         Schema entity_schema, double threshold) {
  return AdjustScore(name_bound, q, e, entity_schema, nullptr) + 1e-9 >= threshold;
}

struct Screener::Impl {
  std::shared_ptr<const Snapshot> snapshot;
  std::vector<IndexedAlias> aliases;
  std::vector<NameSummary> alias_summary;    // by alias
  std::vector<uint32_t> alias_entity;        // by alias (a copy of IndexedAlias::entity)
  std::vector<Schema> entity_schema;         // by entity
  std::vector<uint32_t> entity_alias_begin;  // aliases of entity e: [begin[e], begin[e + 1])
  std::vector<EntityFacts> facts;
  const TokenWeights* word_weights = &TokenWeights::Default();
  UnitIndex units;  // blocking units of the aliases
  double build_seconds = 0;

  // WeighName and PrepareName with word_weights.
  void Weigh(WeightedName* name, Schema schema) const;
  PreparedName PrepareName(const std::string& name, Schema schema) const;
  PreparedQuery Prepare(const Query& q) const;
  bool Admitted(const Entity& e, const ScreenOptions& o) const;
  // The best-scoring alias of [first, last) (ascending alias ids) for a name, and its name score
  // (before the attribute adjustments); {UINT32_MAX, 0} if none scores above 0. Ties go to the
  // first alias.
  std::pair<uint32_t, double> BestAlias(const PreparedName& name, const uint32_t* first,
                                        const uint32_t* last) const;
  // The hit of entity idx for a query whose best alias is `best_alias` with name score `best`:
  // the attribute adjustments applied, nullopt below o.threshold.
  std::optional<Hit> MakeHit(const PreparedName& name, const QueryFacts& facts, uint32_t idx,
                             uint32_t best_alias, double best, const ScreenOptions& o) const;
  // The entity's hit over the aliases [first, last) (ascending alias ids of entity idx), or
  // nullopt below o.threshold.
  std::optional<Hit> Score(const PreparedQuery& q, uint32_t idx, const ScreenOptions& o,
                           const uint32_t* first, const uint32_t* last) const;
  // The same over all the entity's aliases: ScoreEntity.
  std::optional<Hit> ScoreAll(const PreparedQuery& q, uint32_t idx, const ScreenOptions& o) const;
};

}  // namespace partyscreen
