#include "match/hit_json.h"

#include "core/json.h"

namespace partyscreen {

nlohmann::json ExplanationToJson(const Explanation& x) {
  nlohmann::json aligned = nlohmann::json::array();
  for (const TokenAlignment& t : x.aligned)
    aligned.push_back(
        {{"query", t.query_token}, {"list", t.list_token}, {"similarity", t.similarity}});
  return nlohmann::json{{"matched_name", x.matched_name},
                        {"alias_quality", AliasQualityName(x.alias_quality)},
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
