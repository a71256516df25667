#include "lists/source_json.h"

namespace partyscreen {

nlohmann::json SourceInfoToJson(const SourceInfo& s) {
  nlohmann::json j{{"path", s.path},       {"files", s.files},     {"format", s.format},
                   {"source", s.source},   {"list", s.list_name},  {"published", s.published},
                   {"records", s.records}, {"aliases", s.aliases}, {"skipped", s.skipped},
                   {"sha256", s.sha256}};
  if (!s.retrieved.empty()) j["retrieved"] = s.retrieved;
  return j;
}

}  // namespace partyscreen
