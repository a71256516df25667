// Test support: the labelled dev queries of ../shared/eval/dev.jsonl (listed names under
// variations, and innocent names) as Query values, some with a birth year and a country so that
// the attribute adjustments take part, and the first 400 repeated with other attributes.
// Header-only; tests include it as "support/dev_queries.h".
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "partyscreen/screener.h"

namespace partyscreen::testing_support {

inline std::vector<Query> DevQueries() {
  std::vector<Query> out;
  std::ifstream in(std::string(PARTYSCREEN_SHARED_DIR) + "/eval/dev.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    Query q;
    q.id = j.value("id", "");
    q.name = j.value("name", "");
    q.schema = ParseSchema(j.value("schema", ""));
    if (out.size() % 5 == 1) q.birth_date = "1965";
    if (out.size() % 7 == 2) q.country = "IR";
    out.push_back(std::move(q));
  }
  // Repeated names with other attributes (an index normalises a name once and copies it).
  for (size_t i = 0; i < 400 && i < out.size(); ++i) {
    Query q = out[i];
    q.country = i % 2 ? "RU" : "";
    q.birth_date = i % 3 ? "" : "1970";
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace partyscreen::testing_support
