#include "server/query_json.h"

#include "core/strings.h"
#include "normalize/country.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

std::string Field(std::string_view where, std::string_view field) {
  return std::string(where) + (where.empty() ? "" : ".") + std::string(field);
}

// A string field: absent/null -> "", string -> its value, anything else -> error.
Result<std::string> OptionalString(const json& j, const char* key, std::string_view where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Status::InvalidArgument(Field(where, key) + ": must be a string");
  return it->get<std::string>();
}

}  // namespace

Status ValidateName(std::string_view name, std::string_view where, size_t max_name_chars) {
  if (Trim(name).empty()) return Status::InvalidArgument(std::string(where) + ": missing or empty");
  if (!IsValidUtf8(name)) return Status::InvalidArgument(std::string(where) + ": not valid UTF-8");
  size_t chars = 0;  // code points: bytes that do not continue a UTF-8 sequence
  for (char c : name) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (chars > max_name_chars)
    return Status::InvalidArgument(std::string(where) + ": " + std::to_string(chars) +
                                   " characters, longer than the limit of " +
                                   std::to_string(max_name_chars));
  return Status::Ok();
}

Result<Schema> SchemaFromName(std::string_view name, std::string_view where) {
  const std::string_view s = Trim(name);
  if (s.empty() || IEquals(s, "Thing") || IEquals(s, "LegalEntity")) return Schema::kUnknown;
  if (IEquals(s, "Company") || IEquals(s, "PublicBody")) return Schema::kOrganization;
  if (IEquals(s, "Airplane")) return Schema::kAircraft;
  const Schema schema = ParseSchema(s);
  if (schema == Schema::kUnknown)
    return Status::InvalidArgument(std::string(where) + ": unknown schema '" + std::string(s) +
                                   "'");
  return schema;
}

Result<ScreenOptions> ScreenOptionsFromJson(const json& j, ScreenOptions defaults,
                                            std::string_view where) {
  if (auto it = j.find("threshold"); it != j.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
      return Status::InvalidArgument(Field(where, "threshold") + ": must be a number in [0, 1]");
    defaults.threshold = it->get<double>();
  }
  if (auto it = j.find("limit"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 1 ||
        it->get<long long>() > static_cast<long long>(kMaxLimit))
      return Status::InvalidArgument(Field(where, "limit") + ": must be an integer in [1, " +
                                     std::to_string(kMaxLimit) + "]");
    defaults.limit = it->get<size_t>();
  }
  if (auto it = j.find("explain"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean())
      return Status::InvalidArgument(Field(where, "explain") + ": must be a boolean");
    defaults.explain = it->get<bool>();
  }
  return defaults;
}

Result<ScreenItem> ScreenItemFromJson(const json& j, const ScreenOptions& defaults,
                                      std::string_view where, size_t max_name_chars) {
  if (!j.is_object())
    return Status::InvalidArgument(std::string(where.empty() ? "query" : where) +
                                   ": must be a JSON object");
  ScreenItem item;
  Result<ScreenOptions> options = ScreenOptionsFromJson(j, defaults, where);
  if (!options.ok()) return options.status();
  item.options = std::move(options).value();

  if (auto it = j.find("id"); it != j.end() && !it->is_null()) {
    if (it->is_string()) {
      item.query.id = it->get<std::string>();
    } else if (it->is_number_integer()) {
      item.query.id = std::to_string(it->get<long long>());
    } else {
      return Status::InvalidArgument(Field(where, "id") + ": must be a string or an integer");
    }
  }
  auto name_it = j.find("name");
  if (name_it != j.end() && !name_it->is_null() && !name_it->is_string())
    return Status::InvalidArgument(Field(where, "name") + ": must be a string");
  Result<std::string> name = OptionalString(j, "name", where);
  if (Status s = ValidateName(*name, Field(where, "name"), max_name_chars); !s.ok()) return s;
  item.query.name = *name;

  Result<std::string> schema = OptionalString(j, "schema", where);
  if (!schema.ok()) return schema.status();
  Result<Schema> parsed = SchemaFromName(*schema, Field(where, "schema"));
  if (!parsed.ok()) return parsed.status();
  item.query.schema = *parsed;

  Result<std::string> country = OptionalString(j, "country", where);
  if (!country.ok()) return country.status();
  item.query.country = NormalizeCountry(*country);
  Result<std::string> birth = OptionalString(j, "birth_date", where);
  if (!birth.ok()) return birth.status();
  item.query.birth_date = *birth;

  if (auto it = j.find("identifiers"); it != j.end() && !it->is_null()) {
    if (!it->is_array())
      return Status::InvalidArgument(Field(where, "identifiers") + ": must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const std::string at = Field(where, "identifiers") + "[" + std::to_string(i) + "]";
      const json& e = (*it)[i];
      if (!e.is_object()) return Status::InvalidArgument(at + ": must be an object");
      Identifier id;
      for (auto [key, target] : {std::pair{"type", &id.type}, std::pair{"value", &id.value},
                                 std::pair{"country", &id.country}}) {
        Result<std::string> v = OptionalString(e, key, at);
        if (!v.ok()) return v.status();
        *target = *v;
      }
      if (Trim(id.value).empty()) return Status::InvalidArgument(at + ".value: missing");
      item.query.identifiers.push_back(std::move(id));
    }
  }
  return item;
}

}  // namespace partyscreen::server
