#include "server/ftm_json.h"

#include "core/strings.h"
#include "normalize/country.h"
#include "server/query_json.h"

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
  if (!it->is_array())
    return Status::InvalidArgument(at + ": must be a string or an array of strings");
  for (const json& v : *it) {
    if (!v.is_string()) return Status::InvalidArgument(at + ": must contain only strings");
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
  for (const std::string& n : e.nationalities) AddValue(props, "nationality", n);
  for (const std::string& c : e.countries) AddValue(props, "country", c);
  for (const Address& a : e.addresses) AddValue(props, "address", a.full);
  for (const Identifier& i : e.identifiers) AddValue(props, IdentifierProperty(i), i.value);
  AddValue(props, "gender", e.gender);
  AddValue(props, "notes", e.remarks);
  for (const std::string& p : e.programs) AddValue(props, "program", p);
  AddValue(props, "sourceUrl", e.source_url);
  return json{{"id", e.id},
              {"caption", e.name},
              {"schema", FtmSchemaName(e.schema)},
              {"properties", std::move(props)},
              {"datasets", json::array({e.source})},
              {"referents", json::array()},
              {"target", true}};
}

Result<ExampleQueries> ExampleFromJson(const json& example, std::string_view where,
                                       size_t max_name_chars) {
  if (!example.is_object())
    return Status::InvalidArgument(std::string(where) + ": must be an object");
  std::string schema_name;
  if (auto it = example.find("schema"); it != example.end() && !it->is_null()) {
    if (!it->is_string())
      return Status::InvalidArgument(std::string(where) + ".schema: must be a string");
    schema_name = it->get<std::string>();
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
    Result<std::vector<std::string>> v = read(key);
    if (!v.ok()) return v.status();
    if (base.country.empty() && !v->empty()) base.country = NormalizeCountry(v->front());
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
  out.echo = json{{"schema", schema_name.empty() ? "LegalEntity" : schema_name},
                  {"properties", std::move(echo)}};
  return out;
}

}  // namespace partyscreen::server
