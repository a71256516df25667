// JSON forms of screening results, shared by the CLI and the server (the same field names on
// every surface).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/json.h"
#include "partyscreen/screener.h"

namespace partyscreen {

nlohmann::json ExplanationToJson(const Explanation& x);

// The fields of a hit's JSON form: put(key, value) for "entity_id", "score", "list", "source",
// "schema", "name", "matched_name", "programs", the legal fields and, `with_explanation`,
// "explanation" (a nlohmann::json). HitToJson and AppendHitJson both write exactly these.
template <class Put>
void ForEachHitField(const Hit& h, bool with_explanation, Put&& put) {
  const Entity& e = *h.entity;
  put("entity_id", e.id);
  put("score", h.score);
  put("list", e.list);
  put("source", e.source);
  put("schema", SchemaName(e.schema));
  put("name", e.name);
  put("matched_name", h.explanation.matched_name);
  put("programs", e.programs);
  ForEachLegalField(e, put);
  if (with_explanation) put("explanation", ExplanationToJson(h.explanation));
}

nlohmann::json HitToJson(const Hit& h, bool with_explanation);
// The text of HitToJson(h, with_explanation).dump(-1, ' ', false, error_handler_t::replace),
// appended to *out without building the object (core/json_text.h): `batch` writes one per hit.
void AppendHitJson(const Hit& h, bool with_explanation, std::string* out);

}  // namespace partyscreen
