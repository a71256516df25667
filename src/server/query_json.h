// Screening queries from request JSON, validated field by field.
//
// One query object: the screening record (records/query_record.h: id, name, schema, country,
// birth_date, identifiers) plus per-query options {"threshold"?: number in [0,1], "limit"?:
// integer in [1, kMaxLimit], "explain"?: bool}. Numbers must be finite. Errors name the field,
// prefixed with `where` ("queries[3].name: missing"). Unknown fields are ignored. Thread safety:
// pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"
#include "records/query_record.h"

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

}  // namespace partyscreen::server
