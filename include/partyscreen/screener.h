// The screening engine: find the listed entities whose names (and attributes) match a query.
//
// Build once per Snapshot, then Screen() many times from any number of threads (const and
// thread-safe). Scores are in [0, 1]; an exact name match outranks a near one; hits below
// ScreenOptions::threshold are not returned. Every hit carries an Explanation a reviewer can read.
//
// Contract with the store (delta re-screening) and the tests:
//  - Screen(q) returns exactly the entities for which ScoreEntity(q, e) >= threshold, best first
//    (the candidate index may prune only what provably cannot reach the threshold);
//  - if ScoreEntity(q, e) >= threshold then BlockingKeys(q.name) and BlockingKeys(a) share at least
//    one key for some name a of e. BlockingKeys depends only on the name, never on the corpus, so a
//    customer index built from the same keys finds the same pairs from the other side.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "partyscreen/entity.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"

namespace partyscreen {

class QueryIndex;

// The documented default threshold (see docs/MATCHING.md for how it was chosen).
double DefaultThreshold();

struct Query {
  std::string id;  // caller's reference, echoed back
  std::string name;
  Schema schema = Schema::kUnknown;  // kUnknown matches every schema
  std::string country;               // ISO2 or a country name; empty = not given
  std::string birth_date;            // partial ISO date ("1955", "1955-11-03"); empty = not given
  std::vector<Identifier> identifiers;  // passport, tax id, IMO...; empty = not given
};

struct TokenAlignment {
  std::string query_token;
  std::string list_token;
  double similarity = 0;  // 1 = equal after normalisation
  std::string bridge;     // how words that are not spelled alike were matched ("same sound:
                          // zh = j", "Korean romanisation kim: gim = kim"); empty otherwise
};

struct Explanation {
  std::string matched_name;  // the alias (as published) that scored best
  AliasQuality alias_quality = AliasQuality::kPrimary;
  std::string normalized_query;  // both sides after normalisation
  std::string normalized_name;
  std::vector<TokenAlignment> aligned;  // which query token met which list token, how well
  std::vector<std::string> unmatched_query_tokens;
  std::vector<std::string> unmatched_list_tokens;
  double name_score = 0;                // before attributes
  std::vector<std::string> attributes;  // "birth year 1955 agrees", "country CN agrees", ...
  std::string summary;                  // one sentence for a reviewer
};

struct Hit {
  uint32_t entity_index = 0;       // into Snapshot::entities
  const Entity* entity = nullptr;  // points into the Screener's snapshot
  double score = 0;
  Explanation explanation;
};

struct ScreenOptions {
  double threshold = DefaultThreshold();
  size_t limit = 10;                 // at most this many hits, best first
  bool explain = true;               // false skips building token alignments (faster batch)
  std::vector<std::string> sources;  // only entities whose source is one of these; empty = all
  std::unordered_set<std::string> exclude_entity_ids;
  // When set, only entities it accepts (the server's dataset, topic and changed_since filters);
  // applied before the limit, like `sources`. Must be thread-safe if the options are shared.
  std::function<bool(const Entity&)> admit;
};

class Screener {
 public:
  // Builds the name index over every alias of every entity. Fails only on internal errors.
  static Result<std::unique_ptr<Screener>> Build(std::shared_ptr<const Snapshot> snapshot);

  // The built index as bytes, and a Screener from them and the snapshot they were built from:
  // the same Screener Build makes (every result equal), several times faster to get. LoadIndex
  // fails with a message for bytes of another engine version or snapshot, or damaged ones; it
  // never trusts them to index in range. See index_cache.h for where such files are kept.
  std::string SaveIndex() const;
  static Result<std::unique_ptr<Screener>> LoadIndex(std::shared_ptr<const Snapshot> snapshot,
                                                     std::string_view bytes);
  // Loads the fixed tables every Screener shares (word weights, name tables, the transliterators
  // behind them): idempotent and thread-safe. Build and LoadIndex load them as they need them
  // (LoadIndex calls this on a thread of its own); a caller may call it first on a spare thread
  // to overlap it with loading the lists.
  static void PrepareFixedTables();

  ~Screener();
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  std::vector<Hit> Screen(const Query& query, const ScreenOptions& options = {}) const;

  // The exact score of one entity for the query (no candidate retrieval); nullopt below threshold.
  std::optional<Hit> ScoreEntity(const Query& query, uint32_t entity_index,
                                 const ScreenOptions& options = {}) const;

  // Reference matcher for tests and benchmarks: ScoreEntity over every entity, no index.
  std::vector<Hit> ScreenBruteForce(const Query& query, const ScreenOptions& options = {}) const;

  const Snapshot& snapshot() const;
  std::shared_ptr<const Snapshot> shared_snapshot() const;
  double build_seconds() const;
  size_t memory_bytes() const;  // approximate size of the index

  struct Impl;

 private:
  friend class QueryIndex;  // the same index and scoring seen from the list side (query_index.h)
  explicit Screener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Corpus-independent blocking keys of a name (see the contract above).
std::vector<uint64_t> BlockingKeys(std::string_view name, Schema schema = Schema::kUnknown);

// Score two names against each other with the engine's name scoring (no corpus weights),
// filling `explanation` if given. Used by `partyscreen compare`.
double CompareNames(std::string_view a, std::string_view b, Schema schema = Schema::kUnknown,
                    Explanation* explanation = nullptr);

std::string EngineVersion();

}  // namespace partyscreen
