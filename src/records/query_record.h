// The screening record: one reader per input form and one writer, shared by every surface.
//
// A record is a Query (include/partyscreen/screener.h): id, name, schema, country, birth date,
// identifiers. A query line of `batch`, a `/screen` request, a customer of `customers import`,
// the `screen` command's flags and the audit trail's copy all go through the functions below, so
// one set of rules holds everywhere:
//   - name: required; trimmed, runs of white space made one space; valid UTF-8; at most
//     `max_name_chars` code points (longer names are refused, not cut).
//   - id: a string or (JSON) an integer; optional here (callers that need one check it).
//   - schema: SchemaFromName ("" / Thing / LegalEntity = any schema).
//   - country: its ISO2 code when recognised (normalize/country.h), else the trimmed text.
//   - birth_date: an ISO date, whole or partial (1962, 1962-11, 1962-11-23); anything else
//     ("23/11/1962") is refused rather than guessed.
//   - identifiers: JSON [{"type"?, "value", "country"?}] or the text form "type:value;value".
// Errors name the field, prefixed with `where` ("queries[3].name: missing or empty"). A field of
// the wrong JSON type is an error, never read as something else. Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"

namespace partyscreen {

inline constexpr size_t kDefaultMaxNameChars = 300;

// A record's fields as text: CSV columns, command-line flags, stored rows.
struct QueryFields {
  std::string id, name, schema, country, birth_date;
  std::string identifiers;  // text form or a JSON array
};

Result<Query> QueryFromFields(const QueryFields& fields, std::string_view where,
                              size_t max_name_chars = kDefaultMaxNameChars);

// A JSON object with the fields above (unknown members are ignored).
Result<Query> QueryFromJson(const nlohmann::json& j, std::string_view where,
                            size_t max_name_chars = kDefaultMaxNameChars);

// The canonical JSON of a record: fields that are empty are left out, keys sorted. Reading it
// back with QueryFromJson gives the same Query.
nlohmann::json QueryToJson(const Query& q);

// The name rule above, alone (for endpoints that take a bare name).
Status ValidateName(std::string_view name, std::string_view where,
                    size_t max_name_chars = kDefaultMaxNameChars);

// A schema as clients write it ("Person", "Company", "Organization", "LegalEntity", "Vessel",
// "Airplane"...): "", "Thing" and "LegalEntity" (a person or an organisation) are kUnknown, which
// matches every schema; a name no schema corresponds to is InvalidArgument.
Result<Schema> SchemaFromName(std::string_view name, std::string_view where);

// Identifiers in the JSON form, or the text form of a CSV column (which may hold the JSON form).
Result<std::vector<Identifier>> IdentifiersFromJson(const nlohmann::json& j,
                                                    std::string_view where);
Result<std::vector<Identifier>> IdentifiersFromText(std::string_view text, std::string_view where);
// [{"type", "value", "country" (when known)}]: the form stored with customers and audited.
nlohmann::json IdentifiersToJson(const std::vector<Identifier>& ids);

}  // namespace partyscreen
