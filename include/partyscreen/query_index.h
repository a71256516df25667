// QueryIndex: Screen() seen from the list side.
//
// An index over many queries (typically a customer register) that answers, for one listed entity,
// "which of these queries match it?": every query q with
//   screener.ScoreEntity(q, entity, options) >= options.threshold,
// with exactly that hit (same score, same best alias). Candidate retrieval uses the same
// corpus-independent blocking keys and the same kind of provable weight bound as Screen(), so
// nothing that reaches the threshold is lost. Delta re-screening uses it to find the customers an
// added or changed list entry concerns, at a cost that follows the change, not the register.
//
// Two parts:
//  - PreparedQueries: the queries prepared for matching (names normalised and weighted as the
//    Screener prepares a query, attributes, the blocking index over the names). Depends only on
//    the queries and EngineVersion(), never on the lists: built or read back without a Screener,
//    and kept (Serialize) across list versions.
//  - QueryIndex: prepared queries searched with the entities of one Screener.
// Build once (in parallel over `threads`), then Find() from any number of threads (const); both
// are immutable once built. A QueryIndex shares its PreparedQueries; the screener must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"

namespace partyscreen {

class PreparedQueries {
 public:
  // Normalises and indexes every query; positions in QueryIndex::Find results are indexes into
  // `queries`.
  static std::shared_ptr<const PreparedQueries> Build(const std::vector<Query>& queries,
                                                      size_t threads = 1);
  ~PreparedQueries();
  PreparedQueries(const PreparedQueries&) = delete;
  PreparedQueries& operator=(const PreparedQueries&) = delete;

  // The prepared queries and their index as bytes, so that a later process can Deserialize them
  // instead of normalising every query again. Errors: not such bytes, another engine version, or
  // corrupt.
  std::string Serialize() const;
  static Result<std::shared_ptr<const PreparedQueries>> Deserialize(std::string_view bytes,
                                                                    size_t threads = 1);

  size_t size() const;          // queries
  size_t memory_bytes() const;  // approximate

  struct Impl;

 private:
  friend class QueryIndex;
  explicit PreparedQueries(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class QueryIndex {
 public:
  // Searches `queries` with the entities of `screener`.
  QueryIndex(const Screener& screener, std::shared_ptr<const PreparedQueries> queries);
  // PreparedQueries::Build, then the index over them.
  static std::unique_ptr<QueryIndex> Build(const Screener& screener,
                                           const std::vector<Query>& queries, size_t threads = 1);
  QueryIndex(const QueryIndex&) = delete;
  QueryIndex& operator=(const QueryIndex&) = delete;

  struct Match {
    uint32_t query = 0;  // position in the `queries` given to Build
    Hit hit;             // as ScoreEntity(queries[query], entity, options) returns it
  };
  // Every query matching the entity at options.threshold (> 0), in query order. options.sources
  // and options.exclude_entity_ids apply as in Screen(); options.limit does not (all matches).
  std::vector<Match> Find(uint32_t entity_index, const ScreenOptions& options) const;

  // For an entity that changed since `before` (the same entry as it was when the queries were
  // last screened): every query that matches the entity now and did not match `before`, plus
  // possibly some that matched both (the caller re-scores the pairs it already holds as hits).
  // Cheaper than Find when the change is small: only names that are new for matching purposes
  // are searched for every query, and the unchanged names only for queries whose attributes
  // (birth date, country, identifiers) meet a changed attribute of the entity.
  std::vector<Match> FindChanged(uint32_t entity_index, const Entity& before,
                                 const ScreenOptions& options) const;

  // PreparedQueries::Serialize and Deserialize, then the index over them with `screener` (which
  // may hold another snapshot than the one the queries were last searched with).
  std::string Serialize() const;
  static Result<std::unique_ptr<QueryIndex>> Deserialize(const Screener& screener,
                                                         std::string_view bytes,
                                                         size_t threads = 1);

  const PreparedQueries& queries() const { return *queries_; }
  size_t size() const;
  size_t memory_bytes() const;  // approximate (the prepared queries)

 private:
  const Screener& screener_;
  std::shared_ptr<const PreparedQueries> queries_;
};

}  // namespace partyscreen
