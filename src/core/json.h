// JSON forms of the entity model, shared by the CLI, the server and the store so that every
// surface prints the same field names. Hits and explanations: match/hit_json.h; list sources:
// lists/source_json.h.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "partyscreen/entity.h"

namespace partyscreen {

nlohmann::json EntityToJson(const Entity& e);
// The inverse of EntityToJson: EntityToJson(EntityFromJson(EntityToJson(e))) == EntityToJson(e).
// Missing or mistyped fields are left empty (archived JSON is written by EntityToJson itself).
Entity EntityFromJson(const nlohmann::json& j);
// "primary", "strong", "weak".
std::string_view AliasQualityName(AliasQuality q);
// The legal consequence fields of an entity (federal_register, license_policy...), as entity and
// hit JSON both carry them: put(key, value) for each one not empty.
template <class Put>
void ForEachLegalField(const Entity& e, Put&& put) {
  static constexpr std::pair<const char*, std::string Entity::*> kFields[] = {
      {"federal_register", &Entity::federal_register},
      {"start_date", &Entity::start_date},
      {"end_date", &Entity::end_date},
      {"license_requirement", &Entity::license_requirement},
      {"license_policy", &Entity::license_policy},
      {"standard_order", &Entity::standard_order},
      {"source_url", &Entity::source_url}};
  for (const auto& [key, member] : kFields)
    if (!(e.*member).empty()) put(key, e.*member);
}
void PutLegalFields(nlohmann::json& j, const Entity& e);

}  // namespace partyscreen
