#include "server/ftm_json.h"

#include <optional>

#include "core/strings.h"
#include "normalize/country.h"
#include "server/query_json.h"
#include "server/yente_catalog.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

void AddValue(json& props, const char* key, std::string_view value) {
  if (Trim(value).empty()) return;
  json& list = props[key];
  if (!list.is_array()) list = json::array();
  for (const json& v : list)
    if (v.get<std::string>() == value) return;
  list.push_back(std::string(value));
}

const char* IdentifierProperty(const Identifier& id) {
  const std::string type = AsciiLower(id.type);
  if (type.find("passport") != std::string::npos) return "passportNumber";
  if (type.find("imo") != std::string::npos) return "imoNumber";
  if (type.find("swift") != std::string::npos || type.find("bic") != std::string::npos)
    return "swiftBic";
  return "idNumber";
}

// A property's values: a string or an array of strings (FtM sends arrays; yente accepts both).
Result<std::vector<std::string>> Values(const json& props, const char* key,
                                        std::string_view where) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return out;
  const std::string at = std::string(where) + ".properties." + key;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
    return out;
  }
  if (it->is_number()) {
    out.push_back(it->dump());
    return out;
  }
  if (!it->is_array())
    return Status::InvalidArgument(at + ": must be a string, a number or an array of them");
  for (const json& v : *it) {
    if (v.is_number()) {
      out.push_back(v.dump());  // yente reads numbers as their text ("birthDate": [1951])
      continue;
    }
    if (!v.is_string())
      return Status::InvalidArgument(at + ": must contain only strings or numbers");
    if (!Trim(v.get<std::string>()).empty()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

std::string_view FtmSchemaName(Schema schema) {
  // FollowTheMoney's names differ from ours (SchemaName) for these two only.
  if (schema == Schema::kAircraft) return "Airplane";
  if (schema == Schema::kUnknown) return "LegalEntity";
  return SchemaName(schema);
}

json EntityToFtm(const Entity& e) {
  json props = json::object();
  AddValue(props, "name", e.name);
  for (const Alias& a : e.aliases) {
    const char* key = a.quality == AliasQuality::kWeak ? "weakAlias"
                      : IEquals(a.type, "fka")         ? "previousName"
                                                       : "alias";
    AddValue(props, key, a.name);
  }
  AddValue(props, "title", e.title);
  for (const std::string& d : e.birth_dates) AddValue(props, "birthDate", d);
  for (const std::string& p : e.birth_places) AddValue(props, "birthPlace", p);
  for (const std::string& n : e.nationalities) AddValue(props, "nationality", FtmCountry(n));
  for (const std::string& c : e.countries) AddValue(props, "country", FtmCountry(c));
  for (const Address& a : e.addresses) AddValue(props, "address", a.full);
  for (const Identifier& i : e.identifiers) AddValue(props, IdentifierProperty(i), i.value);
  AddValue(props, "gender", e.gender);
  AddValue(props, "notes", e.remarks);
  for (const std::string& p : e.programs) AddValue(props, "program", p);
  AddValue(props, "sourceUrl", e.source_url);
  for (const std::string& t : ListingTopics(e)) AddValue(props, "topics", t);
  auto when = [](const std::string& t) { return t.empty() ? json(nullptr) : json(t); };
  return json{{"id", PublicId(e)},
              {"caption", e.name},
              {"schema", FtmSchemaName(e.schema)},
              {"properties", std::move(props)},
              {"datasets", e.datasets.empty() ? json::array({e.source}) : json(e.datasets)},
              {"referents", e.referents},
              {"target", true},
              {"first_seen", when(e.first_seen)},
              {"last_seen", when(e.last_seen)},
              {"last_change", when(e.last_change)}};
}

std::string FtmCountry(std::string_view country) {
  return country.size() == 2 ? AsciiLower(country) : std::string(country);
}

Result<ExampleQueries> ExampleFromJson(const json& example, std::string_view where,
                                       size_t max_name_chars) {
  if (!example.is_object())
    return Status::InvalidArgument(std::string(where) + ": must be an object");
  std::string schema_name;
  auto schema_it = example.find("schema");
  if (schema_it == example.end() || schema_it->is_null())
    return Status::InvalidArgument(std::string(where) +
                                   ".schema: missing (yente requires one: Person, Company, "
                                   "Organization, LegalEntity, Vessel, Airplane...)");
  if (!schema_it->is_string())
    return Status::InvalidArgument(std::string(where) + ".schema: must be a string");
  schema_name = schema_it->get<std::string>();
  std::optional<std::string> caller_id;
  if (auto it = example.find("id"); it != example.end() && !it->is_null()) {
    if (!it->is_string() && !it->is_number_integer())
      return Status::InvalidArgument(std::string(where) + ".id: must be a string");
    caller_id = it->is_string() ? it->get<std::string>() : it->dump();
  }
  Result<Schema> schema = SchemaFromName(schema_name, std::string(where) + ".schema");
  if (!schema.ok()) return schema.status();
  auto props_it = example.find("properties");
  if (props_it == example.end() || !props_it->is_object())
    return Status::InvalidArgument(std::string(where) + ".properties: missing or not an object");
  const json& props = *props_it;

  Query base;
  base.schema = *schema;
  ExampleQueries out;
  json echo = json::object();
  auto read = [&](const char* key) -> Result<std::vector<std::string>> {
    Result<std::vector<std::string>> v = Values(props, key, where);
    if (v.ok())
      for (const std::string& s : *v) AddValue(echo, key, s);
    return v;
  };
  for (const char* key : {"birthDate"}) {
    Result<std::vector<std::string>> v = read(key);
    if (!v.ok()) return v.status();
    if (!v->empty()) base.birth_date = v->front();
  }
  for (const char* key : {"nationality", "citizenship", "country", "jurisdiction"}) {
    // Like yente: a recognised country becomes its lower-case code; others are dropped (and so
    // missing from the echoed query, which tells the caller it was not understood).
    Result<std::vector<std::string>> v = Values(props, key, where);
    if (!v.ok()) return v.status();
    for (const std::string& text : *v) {
      const std::string code = CountryCode(text);
      if (code.empty()) continue;
      AddValue(echo, key, AsciiLower(code));
      if (base.country.empty()) base.country = code;
    }
  }
  for (const char* key : {"idNumber", "passportNumber", "registrationNumber", "taxNumber",
                          "imoNumber", "swiftBic", "leiCode", "innCode", "ogrnCode"}) {
    Result<std::vector<std::string>> v = read(key);
    if (!v.ok()) return v.status();
    for (const std::string& value : *v) base.identifiers.push_back(Identifier{key, value, "", ""});
  }
  std::vector<std::string> names;
  for (const char* key : {"name", "alias", "previousName", "firstName", "lastName"}) {
    Result<std::vector<std::string>> v = read(key);
    if (!v.ok()) return v.status();
    if (std::string_view(key) == "firstName" || std::string_view(key) == "lastName") continue;
    names.insert(names.end(), v->begin(), v->end());
  }
  if (names.empty()) {
    // FtM persons may come as firstName + lastName only.
    Result<std::vector<std::string>> first = Values(props, "firstName", where);
    Result<std::vector<std::string>> last = Values(props, "lastName", where);
    if (first.ok() && last.ok() && !last->empty()) {
      const std::string full =
          first->empty() ? last->front() : first->front() + " " + last->front();
      names.emplace_back(Trim(full));
    }
  }
  if (names.empty())
    return Status::InvalidArgument(std::string(where) +
                                   ".properties.name: missing (a name is required)");
  if (names.size() > kMaxExampleNames)
    return Status::InvalidArgument(std::string(where) + ".properties.name: more than " +
                                   std::to_string(kMaxExampleNames) + " names");
  for (const std::string& name : names) {
    if (Status s = ValidateName(name, std::string(where) + ".properties.name", max_name_chars);
        !s.ok())
      return s;
    Query q = base;
    q.name = name;
    out.queries.push_back(std::move(q));
  }
  out.echo = json{{"id", caller_id ? json(*caller_id) : json(nullptr)},
                  {"schema", schema_name.empty() ? "LegalEntity" : schema_name},
                  {"properties", std::move(echo)}};
  return out;
}

}  // namespace partyscreen::server
