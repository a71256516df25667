// JSON forms of the public types, shared by the CLI, the server and the store so that every
// surface prints the same field names.
#pragma once

#include <nlohmann/json.hpp>

#include "partyscreen/entity.h"
#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {

nlohmann::json EntityToJson(const Entity& e);
// The inverse of EntityToJson: EntityToJson(EntityFromJson(EntityToJson(e))) == EntityToJson(e).
// Missing or mistyped fields are left empty (archived JSON is written by EntityToJson itself).
Entity EntityFromJson(const nlohmann::json& j);
nlohmann::json SourceInfoToJson(const SourceInfo& s);
nlohmann::json ExplanationToJson(const Explanation& x);
// {"entity_id", "score", "list", "source", "schema", "name", "matched_name", "programs", legal
// fields...,
//  "explanation"? }. `with_explanation` adds the explanation object.
nlohmann::json HitToJson(const Hit& h, bool with_explanation);

}  // namespace partyscreen
