#include "core/json.h"

namespace partyscreen {

std::string_view AliasQualityName(AliasQuality q) {
  switch (q) {
    case AliasQuality::kPrimary:
      return "primary";
    case AliasQuality::kStrong:
      return "strong";
    case AliasQuality::kWeak:
      return "weak";
  }
  return "strong";
}

namespace {
void PutIfNotEmpty(nlohmann::json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
}  // namespace

void PutLegalFields(nlohmann::json& j, const Entity& e) {
  ForEachLegalField(e, [&j](const char* key, const std::string& value) { j[key] = value; });
}

nlohmann::json EntityToJson(const Entity& e) {
  nlohmann::json j;
  j["id"] = e.id;
  j["source"] = e.source;
  j["list"] = e.list;
  j["schema"] = std::string(SchemaName(e.schema));
  j["name"] = e.name;
  j["programs"] = e.programs;
  nlohmann::json aliases = nlohmann::json::array();
  for (const Alias& a : e.aliases) {
    nlohmann::json ja{{"name", a.name}, {"quality", AliasQualityName(a.quality)}};
    PutIfNotEmpty(ja, "type", a.type);
    PutIfNotEmpty(ja, "script", a.script);
    aliases.push_back(std::move(ja));
  }
  j["aliases"] = std::move(aliases);
  PutIfNotEmpty(j, "title", e.title);
  nlohmann::json addresses = nlohmann::json::array();
  for (const Address& a : e.addresses) {
    nlohmann::json ja{{"full", a.full}};
    PutIfNotEmpty(ja, "city", a.city);
    PutIfNotEmpty(ja, "country", a.country);
    addresses.push_back(std::move(ja));
  }
  j["addresses"] = std::move(addresses);
  j["countries"] = e.countries;
  j["nationalities"] = e.nationalities;
  j["birth_dates"] = e.birth_dates;
  j["birth_places"] = e.birth_places;
  nlohmann::json ids = nlohmann::json::array();
  for (const Identifier& i : e.identifiers) {
    nlohmann::json ji{{"type", i.type}, {"value", i.value}};
    PutIfNotEmpty(ji, "country", i.country);
    PutIfNotEmpty(ji, "note", i.note);
    ids.push_back(std::move(ji));
  }
  j["identifiers"] = std::move(ids);
  PutIfNotEmpty(j, "gender", e.gender);
  PutIfNotEmpty(j, "remarks", e.remarks);
  PutLegalFields(j, e);
  return j;
}

namespace {

std::string Text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> Texts(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const nlohmann::json& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// The objects of array `key` (anything else is skipped).
std::vector<const nlohmann::json*> Objects(const nlohmann::json& j, const char* key) {
  std::vector<const nlohmann::json*> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const nlohmann::json& v : *it)
    if (v.is_object()) out.push_back(&v);
  return out;
}

AliasQuality ParseQuality(std::string_view name) {
  for (AliasQuality q : {AliasQuality::kPrimary, AliasQuality::kStrong, AliasQuality::kWeak})
    if (AliasQualityName(q) == name) return q;
  return AliasQuality::kStrong;
}

}  // namespace

Entity EntityFromJson(const nlohmann::json& j) {
  Entity e;
  if (!j.is_object()) return e;
  e.id = Text(j, "id");
  e.source = Text(j, "source");
  e.list = Text(j, "list");
  e.schema = ParseSchema(Text(j, "schema"));
  e.name = Text(j, "name");
  e.programs = Texts(j, "programs");
  for (const nlohmann::json* a : Objects(j, "aliases"))
    e.aliases.push_back({Text(*a, "name"), ParseQuality(Text(*a, "quality")), Text(*a, "type"),
                         Text(*a, "script")});
  e.title = Text(j, "title");
  for (const nlohmann::json* a : Objects(j, "addresses"))
    e.addresses.push_back({Text(*a, "full"), Text(*a, "city"), Text(*a, "country")});
  e.countries = Texts(j, "countries");
  e.nationalities = Texts(j, "nationalities");
  e.birth_dates = Texts(j, "birth_dates");
  e.birth_places = Texts(j, "birth_places");
  for (const nlohmann::json* i : Objects(j, "identifiers"))
    e.identifiers.push_back(
        {Text(*i, "type"), Text(*i, "value"), Text(*i, "country"), Text(*i, "note")});
  e.gender = Text(j, "gender");
  e.remarks = Text(j, "remarks");
  e.federal_register = Text(j, "federal_register");
  e.start_date = Text(j, "start_date");
  e.end_date = Text(j, "end_date");
  e.license_requirement = Text(j, "license_requirement");
  e.license_policy = Text(j, "license_policy");
  e.standard_order = Text(j, "standard_order");
  e.source_url = Text(j, "source_url");
  return e;
}

}  // namespace partyscreen
