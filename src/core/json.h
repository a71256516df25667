// JSON forms of the entity model, shared by the CLI, the server and the store so that every
// surface prints the same field names. Hits and explanations: match/hit_json.h; list sources:
// lists/source_json.h.
#pragma once

#include <nlohmann/json.hpp>

#include "partyscreen/entity.h"

namespace partyscreen {

nlohmann::json EntityToJson(const Entity& e);
// The inverse of EntityToJson: EntityToJson(EntityFromJson(EntityToJson(e))) == EntityToJson(e).
// Missing or mistyped fields are left empty (archived JSON is written by EntityToJson itself).
Entity EntityFromJson(const nlohmann::json& j);
// "primary", "strong", "weak".
std::string_view AliasQualityName(AliasQuality q);
// The legal consequence fields of an entity (federal_register, license_policy...; empty ones
// left out), as entity and hit JSON both carry them.
void PutLegalFields(nlohmann::json& j, const Entity& e);

}  // namespace partyscreen
