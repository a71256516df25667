#include "core/json.h"

namespace partyscreen {

namespace {
std::string_view QualityName(AliasQuality q) {
  switch (q) {
    case AliasQuality::kPrimary: return "primary";
    case AliasQuality::kStrong: return "strong";
    case AliasQuality::kWeak: return "weak";
  }
  return "strong";
}

void PutIfNotEmpty(nlohmann::json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

// The legal consequence fields, shared by entity and hit JSON.
void PutLegalFields(nlohmann::json& j, const Entity& e) {
  PutIfNotEmpty(j, "federal_register", e.federal_register);
  PutIfNotEmpty(j, "start_date", e.start_date);
  PutIfNotEmpty(j, "end_date", e.end_date);
  PutIfNotEmpty(j, "license_requirement", e.license_requirement);
  PutIfNotEmpty(j, "license_policy", e.license_policy);
  PutIfNotEmpty(j, "standard_order", e.standard_order);
  PutIfNotEmpty(j, "source_url", e.source_url);
}
}  // namespace

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
    nlohmann::json ja{{"name", a.name}, {"quality", QualityName(a.quality)}};
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

nlohmann::json SourceInfoToJson(const SourceInfo& s) {
  return nlohmann::json{{"path", s.path},         {"files", s.files},     {"format", s.format},
                        {"source", s.source},     {"list", s.list_name},  {"published", s.published},
                        {"records", s.records},   {"aliases", s.aliases}, {"skipped", s.skipped},
                        {"sha256", s.sha256}};
}

nlohmann::json ExplanationToJson(const Explanation& x) {
  nlohmann::json aligned = nlohmann::json::array();
  for (const TokenAlignment& t : x.aligned)
    aligned.push_back({{"query", t.query_token}, {"list", t.list_token}, {"similarity", t.similarity}});
  return nlohmann::json{{"matched_name", x.matched_name},
                        {"alias_quality", QualityName(x.alias_quality)},
                        {"normalized_query", x.normalized_query},
                        {"normalized_name", x.normalized_name},
                        {"aligned", std::move(aligned)},
                        {"unmatched_query_tokens", x.unmatched_query_tokens},
                        {"unmatched_list_tokens", x.unmatched_list_tokens},
                        {"name_score", x.name_score},
                        {"attributes", x.attributes},
                        {"summary", x.summary}};
}

nlohmann::json HitToJson(const Hit& h, bool with_explanation) {
  const Entity& e = *h.entity;
  nlohmann::json j{{"entity_id", e.id},
                   {"score", h.score},
                   {"list", e.list},
                   {"source", e.source},
                   {"schema", std::string(SchemaName(e.schema))},
                   {"name", e.name},
                   {"matched_name", h.explanation.matched_name},
                   {"programs", e.programs}};
  PutLegalFields(j, e);
  if (with_explanation) j["explanation"] = ExplanationToJson(h.explanation);
  return j;
}

}  // namespace partyscreen
