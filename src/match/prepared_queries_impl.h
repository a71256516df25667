// The inside of PreparedQueries (include/partyscreen/query_index.h), shared by
// prepared_queries.cc (build, serialise) and query_index.cc (search). Internal to src/match/.
#pragma once

#include <cstdint>
#include <vector>

#include "match/attributes.h"
#include "match/screener_impl.h"
#include "match/unit_index.h"
#include "partyscreen/query_index.h"

namespace partyscreen {

// Which attributes a query gives (AdjustScore compares only those).
enum AttributeBits : uint8_t { kBirthYear = 1, kCountry = 2, kIdentifiers = 4, kAllBits = 0xff };

inline uint8_t AttributesOf(const QueryFacts& f) {
  return (f.birth_year ? kBirthYear : 0) | (f.country.empty() ? 0 : kCountry) |
         (f.identifiers.empty() ? 0 : kIdentifiers);
}

// What the bound loop needs of a name, kept apart for cache locality.
struct NameHot {
  NameSummary summary;
  ScoringParams params;
  float max_bonus = 0;     // the largest of its queries'
  uint8_t attributes = 0;  // AttributeBits given by any of its queries
};

struct PreparedQueries::Impl {
  // The distinct (name, schema) pairs of the queries. The normalised tokens are not kept (they
  // are the weighted tokens; copied back for explanations).
  std::vector<PreparedName> names;
  std::vector<NameHot> name_hot;
  // Queries of name n: name_queries[begin[n] .. begin[n + 1]), those giving no attribute first
  // (their adjustments are all alike), ascending positions within each part.
  std::vector<uint32_t> name_query_begin;
  std::vector<uint32_t> name_queries;
  std::vector<QueryFacts> facts;    // by query
  std::vector<uint8_t> attributes;  // by query: AttributeBits
  UnitIndex units;                  // blocking units of the names

  // The records derived from names and facts for the bound loop.
  void FillHot();
};

}  // namespace partyscreen
