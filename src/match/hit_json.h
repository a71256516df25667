// JSON forms of screening results, shared by the CLI and the server (the same field names on
// every surface).
#pragma once

#include <nlohmann/json.hpp>

#include "partyscreen/screener.h"

namespace partyscreen {

nlohmann::json ExplanationToJson(const Explanation& x);
// {"entity_id", "score", "list", "source", "schema", "name", "matched_name", "programs", legal
// fields..., "explanation"?}. `with_explanation` adds the explanation object.
nlohmann::json HitToJson(const Hit& h, bool with_explanation);

}  // namespace partyscreen
