// FollowTheMoney-style JSON for the yente-compatible POST /match endpoint.
//
// Entity -> {"id", "caption", "schema", "properties": {"name": [...], ...}, "datasets",
// "referents", "target"}, with properties named as FtM names them: name, alias, weakAlias,
// previousName, title, birthDate, birthPlace, nationality, country, address, idNumber,
// passportNumber, imoNumber, swiftBic, gender, notes, program, sourceUrl (empty properties are left
// out). Example entity (a yente match query) -> Query fields: the names to screen, schema, birth
// date, country and identifiers. docs/API.md lists what is read and what is ignored. Thread safety:
// pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/entity.h"
#include "partyscreen/screener.h"
#include "partyscreen/status.h"

namespace partyscreen::server {

inline constexpr size_t kMaxExampleNames = 20;  // names screened per example entity

std::string_view FtmSchemaName(
    Schema schema);  // Person, Organization, Vessel, Airplane, LegalEntity
// yente's EntityResponse: id (PublicId: no "ftm:" prefix), caption, schema, properties (countries
// as lower-case codes, topics as ListingTopics), datasets (an FtM record's publisher datasets,
// else the source key), referents (an FtM record's merged source ids; callers add the party's
// other listings), target, first_seen / last_seen / last_change (null where the list has none).
nlohmann::json EntityToFtm(const Entity& entity);
// A country as yente writes it: a two-letter code in lower case; other text unchanged.
std::string FtmCountry(std::string_view country);

// A yente example entity turned into one Query per name (same attributes on each); each name is
// checked by ValidateName (server/query_json.h) with `max_name_chars`. "schema" is required (as in
// yente); property values are strings, numbers (read as their text) or arrays of them; countries
// are kept only when recognised. The echo keeps the caller's "id" (null when none was given).
struct ExampleQueries {
  std::vector<Query> queries;
  nlohmann::json echo;  // the example as understood: {"schema", "properties"}
};
Result<ExampleQueries> ExampleFromJson(const nlohmann::json& example, std::string_view where,
                                       size_t max_name_chars);

}  // namespace partyscreen::server
