// JSON forms for decisions, shared by `partyscreen check --json` and the server's POST /check so
// both speak the same field names (docs/DECISIONS.md shows an example).
//
// Request (TransactionFromJson):
//   {"parties": [{"name": "Hikvision", "role": "end_user", "country": "CN", "schema":
//   "Organization",
//                 "birth_date": "1955", "id": "ref-1"}, ...],
//    "destination": "CN", "eccns": ["2A983"], "purpose": "..."}
// Only parties[].name is required. Unknown fields are ignored; wrong types are errors naming the
// field.
#pragma once

#include <nlohmann/json.hpp>

#include "partyscreen/decide.h"

namespace partyscreen {

// {"outcome", "exit_code", "rules_version", "rules_effective", "snapshot", "reasons": [{"party",
//  "role", "outcome", "rule_id", "entity_id"?, "list", "matched_name"?, "score"?, "review_band"?,
//  "legal_text", "license_policy"?, "citation", "next_step"}]}
nlohmann::json DecisionToJson(const Decision& decision);
nlohmann::json ReasonToJson(const Reason& reason);

// Parses and validates a request; InvalidArgument names the field ("parties[1].name: missing").
Result<Transaction> TransactionFromJson(const nlohmann::json& request);

}  // namespace partyscreen
