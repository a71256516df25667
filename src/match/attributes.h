// Non-name evidence: birth year, country, identifiers and schema, turned into score adjustments.
//
// Only what the query gives is compared; missing data on either side changes nothing.
//   birth year   same year +0.05; one year apart 0; otherwise -0.15 ("a different birth year
//                counts against a person match")
//   country      query country among the entity's countries/nationalities/address countries
//                +0.03, otherwise -0.03; a query country that is not a recognised country name
//                or ISO code is not compared
//   identifier   an equal identifier value (letters and digits, 5+ characters) lifts the score
//                to at least 0.98: near-certain, provided the name anchors at all
//   schema       a person, an organisation and an asset (vessel, aircraft) are different kinds of
//                party: a query of one kind against a listing of another -0.25 (yente does not
//                match them at all); vessel vs aircraft -0.10; an unknown schema costs nothing
// Pure functions over precomputed entity facts; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "partyscreen/entity.h"
#include "partyscreen/screener.h"

namespace partyscreen {

inline constexpr double kBirthYearAgrees = 0.05;
inline constexpr double kBirthYearDisagrees = -0.15;
inline constexpr double kCountryAgrees = 0.03;
inline constexpr double kCountryDisagrees = -0.03;
inline constexpr double kIdentifierFloor = 0.98;
inline constexpr double kPartyKindMismatch = -0.25;
inline constexpr double kAssetKindMismatch = -0.10;

// What an entity offers for comparison, precomputed once per entity at Build.
struct EntityFacts {
  std::vector<int> birth_years;
  std::vector<std::string> countries;    // ISO2 where recognised
  std::vector<std::string> identifiers;  // normalised values
};
EntityFacts ExtractFacts(const Entity& e);

// The query side, prepared once per query.
struct QueryFacts {
  int birth_year = 0;   // 0 = not given
  std::string country;  // ISO2; empty = not given or not a recognised country
  std::vector<std::string> identifiers;
  Schema schema = Schema::kUnknown;
  // The most the adjustments can add: bounds the index's pruning.
  double max_bonus = 0;
};
QueryFacts ExtractFacts(const Query& q);

// Applies the adjustments to a name score; appends plain-words findings to `notes` if given.
double AdjustScore(double name_score, const QueryFacts& q, const EntityFacts& e,
                   Schema entity_schema, std::vector<std::string>* notes);

// Letters and digits of an identifier, upper-cased ("AB 123-456" -> "AB123456").
std::string NormalizeIdentifier(std::string_view value);

}  // namespace partyscreen
