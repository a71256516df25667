// Screening queries from request JSON, validated field by field.
//
// One query object: {"id"?: string|integer, "name": string, "schema"?: string, "country"?: string,
// "birth_date"?: string, "identifiers"?: [{"type"?, "value", "country"?}], "threshold"?: number in
// [0,1], "limit"?: integer in [1, kMaxLimit], "explain"?: bool}. Numbers must be finite. It is the
// batch command's JSON line plus per-query options. Errors name the field, prefixed with `where`
// ("queries[3].name: missing"). Unknown fields are ignored. Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"

namespace partyscreen::server {

inline constexpr size_t kMaxLimit = 100;  // hits per query

struct ScreenItem {
  Query query;
  ScreenOptions options;
};

// Reads the options fields (threshold, limit, explain) of `j` over `defaults`.
Result<ScreenOptions> ScreenOptionsFromJson(const nlohmann::json& j, ScreenOptions defaults,
                                            std::string_view where);

// `max_name_chars` as ValidateName.
Result<ScreenItem> ScreenItemFromJson(const nlohmann::json& j, const ScreenOptions& defaults,
                                      std::string_view where, size_t max_name_chars);

// Shared name check for every endpoint: non-empty after trimming, valid UTF-8, at most
// `max_name_chars` code points (longer names are refused, not truncated).
Status ValidateName(std::string_view name, std::string_view where, size_t max_name_chars);

// A schema name as clients send it ("Person", "Company", "LegalEntity", "Vessel", "Airplane"...);
// InvalidArgument for a name no schema corresponds to. "Thing"/"LegalEntity"/"" -> kUnknown.
Result<Schema> SchemaFromName(std::string_view name, std::string_view where);

}  // namespace partyscreen::server
