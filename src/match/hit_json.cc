#include "match/hit_json.h"

#include "core/json.h"
#include "core/json_text.h"

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
  nlohmann::json j = nlohmann::json::object();
  ForEachHitField(h, with_explanation,
                  [&j](const char* key, const auto& value) { j[key] = value; });
  return j;
}

void AppendHitJson(const Hit& h, bool with_explanation, std::string* out) {
  JsonObjectText object;
  ForEachHitField(h, with_explanation,
                  [&object](const char* key, const auto& value) { object.Add(key, value); });
  object.AppendTo(out);
}

}  // namespace partyscreen
