#include "decide/decision_json.h"

#include "core/strings.h"
#include "records/query_record.h"

namespace partyscreen {

namespace {

using nlohmann::json;

// The string at request[key], "" if absent; an error if present but not a string.
Status ReadString(const json& object, const char* key, const std::string& path, std::string* out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return Status::InvalidArgument(path + key + ": expected a string");
  *out = it->get<std::string>();
  return Status::Ok();
}

Result<Party> PartyFromJson(const json& j, const std::string& path) {
  if (j.is_string()) return PartyFromJson(json{{"name", j}}, path);  // shorthand: just the name
  if (!j.is_object()) return Status::InvalidArgument(path + ": expected an object or a name");
  Party p;
  if (Status s = ReadString(j, "role", path + ".", &p.role); !s.ok()) return s;
  Result<Query> query = QueryFromJson(j, path);  // the record rules (records/query_record.h)
  if (!query.ok()) return query.status();
  p.query = std::move(query).value();
  return p;
}

}  // namespace

json ReasonToJson(const Reason& r) {
  json j{{"party", r.party},
         {"role", r.role},
         {"outcome", std::string(OutcomeName(r.outcome))},
         {"rule_id", r.rule_id},
         {"list", r.list},
         {"legal_text", r.legal_text},
         {"citation", r.citation},
         {"next_step", r.next_step}};
  if (!r.entity_id.empty()) {
    j["entity_id"] = r.entity_id;
    j["matched_name"] = r.matched_name;
    j["score"] = r.score;
    j["review_band"] = r.review_band;
  }
  if (!r.license_policy.empty()) j["license_policy"] = r.license_policy;
  if (!r.also_listed.empty()) j["also_listed"] = r.also_listed;
  return j;
}

json DecisionToJson(const Decision& d) {
  json j{{"outcome", std::string(OutcomeName(d.outcome))},
         {"exit_code", ExitCodeFor(d.outcome)},
         {"rules_version", d.rules_version},
         {"rules_effective", d.rules_effective},
         {"snapshot", d.snapshot_hash}};
  j["reasons"] = json::array();
  for (const Reason& r : d.reasons) j["reasons"].push_back(ReasonToJson(r));
  return j;
}

Result<Transaction> TransactionFromJson(const json& request) {
  if (!request.is_object()) return Status::InvalidArgument("request: expected a JSON object");
  Transaction t;
  auto parties = request.find("parties");
  if (parties == request.end() || !parties->is_array() || parties->empty()) {
    return Status::InvalidArgument("parties: expected a non-empty array");
  }
  for (size_t i = 0; i < parties->size(); ++i) {
    Result<Party> p = PartyFromJson((*parties)[i], "parties[" + std::to_string(i) + "]");
    if (!p.ok()) return p.status();
    t.parties.push_back(std::move(p).value());
  }
  Status s = ReadString(request, "destination", "", &t.destination);
  if (s.ok()) s = ReadString(request, "purpose", "", &t.purpose);
  if (!s.ok()) return s;
  auto eccns = request.find("eccns");
  if (eccns != request.end() && !eccns->is_null()) {
    if (!eccns->is_array()) return Status::InvalidArgument("eccns: expected an array of strings");
    for (size_t i = 0; i < eccns->size(); ++i) {
      if (!(*eccns)[i].is_string()) {
        return Status::InvalidArgument("eccns[" + std::to_string(i) + "]: expected a string");
      }
      t.eccns.push_back((*eccns)[i].get<std::string>());
    }
  }
  return t;
}

}  // namespace partyscreen
