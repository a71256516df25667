#include "partyscreen/entity.h"

#include "core/strings.h"

namespace partyscreen {

std::string_view SchemaName(Schema s) {
  switch (s) {
    case Schema::kPerson:
      return "Person";
    case Schema::kOrganization:
      return "Organization";
    case Schema::kVessel:
      return "Vessel";
    case Schema::kAircraft:
      return "Aircraft";
    case Schema::kUnknown:
      break;
  }
  return "Thing";
}

Schema ParseSchema(std::string_view text) {
  const std::string t = AsciiLower(Trim(text));
  if (t == "person" || t == "individual" || t == "people") return Schema::kPerson;
  if (t == "organization" || t == "organisation" || t == "entity" || t == "company" ||
      t == "legalentity" || t == "legal_entity")
    return Schema::kOrganization;
  if (t == "vessel" || t == "ship") return Schema::kVessel;
  if (t == "aircraft" || t == "airplane") return Schema::kAircraft;
  return Schema::kUnknown;
}

std::vector<std::string_view> Entity::AllNames() const {
  std::vector<std::string_view> names;
  names.reserve(aliases.size() + 1);
  if (!name.empty()) names.push_back(name);
  for (const Alias& a : aliases) names.push_back(a.name);
  return names;
}

}  // namespace partyscreen
