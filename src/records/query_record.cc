#include "records/query_record.h"

#include "core/strings.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

using nlohmann::json;

std::string Field(std::string_view where, std::string_view field) {
  return std::string(where) + (where.empty() ? "" : ".") + std::string(field);
}

// A string member: absent/null -> "", string -> its value, anything else -> error. With
// `integer_ok`, an integer is its decimal text (ids).
Result<std::string> OptionalText(const json& j, const char* key, std::string_view where,
                                 bool integer_ok = false) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (it->is_string()) return it->get<std::string>();
  if (integer_ok && it->is_number_integer()) return std::to_string(it->get<long long>());
  return Status::InvalidArgument(
      Field(where, key) + (integer_ok ? ": must be a string or an integer" : ": must be a string"));
}

// An ISO date, whole or partial: "1962", "1962-11", "1962-11-23" (month 1-12, day 1-31).
bool IsIsoPartialDate(std::string_view d) {
  auto digits = [&](size_t at, size_t n) {
    if (d.size() < at + n) return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return -1;
      v = v * 10 + (d[i] - '0');
    }
    return v;
  };
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (digits(0, 4) < 0) return false;
  if (d.size() >= 7 && (d[4] != '-' || digits(5, 2) < 1 || digits(5, 2) > 12)) return false;
  if (d.size() == 10 && (d[7] != '-' || digits(8, 2) < 1 || digits(8, 2) > 31)) return false;
  return true;
}

// The rules shared by both readers, on fields already read as text.
Result<Query> Build(std::string id, std::string_view name, std::string_view schema,
                    std::string_view country, std::string_view birth_date,
                    std::vector<Identifier> identifiers, std::string_view where,
                    size_t max_name_chars) {
  Query q;
  const std::string collapsed = CollapseSpaces(Trim(name));
  if (Status s = ValidateName(collapsed, Field(where, "name"), max_name_chars); !s.ok()) return s;
  q.name = collapsed;
  q.id = std::string(Trim(id));
  if (!IsValidUtf8(q.id)) return Status::InvalidArgument(Field(where, "id") + ": not valid UTF-8");
  Result<Schema> parsed = SchemaFromName(schema, Field(where, "schema"));
  if (!parsed.ok()) return parsed.status();
  q.schema = *parsed;
  q.country = NormalizeCountry(country);
  q.birth_date = std::string(Trim(birth_date));
  // "23/11/1962" is day-first in one country and impossible in another: refused, not guessed.
  if (!q.birth_date.empty() && !IsIsoPartialDate(q.birth_date))
    return Status::InvalidArgument(Field(where, "birth_date") + ": '" + q.birth_date +
                                   "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, e.g. "
                                   "1962-11-23)");
  q.identifiers = std::move(identifiers);
  return q;
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

Result<std::vector<Identifier>> IdentifiersFromJson(const json& j, std::string_view where) {
  std::vector<Identifier> out;
  if (j.is_null()) return out;
  if (!j.is_array()) return Status::InvalidArgument(std::string(where) + ": must be an array");
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string at = std::string(where) + "[" + std::to_string(i) + "]";
    const json& e = j[i];
    if (!e.is_object()) return Status::InvalidArgument(at + ": must be an object");
    Identifier id;
    for (auto [key, target] : {std::pair{"type", &id.type}, std::pair{"value", &id.value},
                               std::pair{"country", &id.country}}) {
      Result<std::string> v = OptionalText(e, key, at);
      if (!v.ok()) return v.status();
      *target = std::string(Trim(*v));
    }
    if (id.value.empty()) return Status::InvalidArgument(at + ".value: missing");
    id.country = NormalizeCountry(id.country);
    out.push_back(std::move(id));
  }
  return out;
}

Result<std::vector<Identifier>> IdentifiersFromText(std::string_view text, std::string_view where) {
  text = Trim(text);
  if (text.empty()) return std::vector<Identifier>();
  if (text.front() == '[') {
    const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Status::InvalidArgument(std::string(where) + ": not valid JSON");
    return IdentifiersFromJson(j, where);
  }
  std::vector<Identifier> out;
  for (const std::string& part : Split(text, ";")) {
    if (Trim(part).empty()) continue;
    const size_t colon = part.find(':');
    Identifier id;
    if (colon == std::string::npos) {
      id.value = std::string(Trim(part));
    } else {
      id.type = std::string(Trim(std::string_view(part).substr(0, colon)));
      id.value = std::string(Trim(std::string_view(part).substr(colon + 1)));
    }
    if (id.value.empty())
      return Status::InvalidArgument(std::string(where) + ": empty value in '" + part + "'");
    out.push_back(std::move(id));
  }
  return out;
}

json IdentifiersToJson(const std::vector<Identifier>& ids) {
  json out = json::array();
  for (const Identifier& i : ids) {
    json j{{"type", i.type}, {"value", i.value}};
    if (!i.country.empty()) j["country"] = i.country;
    out.push_back(std::move(j));
  }
  return out;
}

Result<Query> QueryFromFields(const QueryFields& f, std::string_view where, size_t max_name_chars) {
  auto ids = IdentifiersFromText(f.identifiers, Field(where, "identifiers"));
  if (!ids.ok()) return ids.status();
  return Build(f.id, f.name, f.schema, f.country, f.birth_date, std::move(ids).value(), where,
               max_name_chars);
}

Result<Query> QueryFromJson(const json& j, std::string_view where, size_t max_name_chars) {
  if (!j.is_object())
    return Status::InvalidArgument(std::string(where.empty() ? "query" : where) +
                                   ": must be a JSON object");
  Result<std::string> id = OptionalText(j, "id", where, /*integer_ok=*/true);
  if (!id.ok()) return id.status();
  QueryFields f;
  for (auto [key, target] :
       {std::pair{"name", &f.name}, std::pair{"schema", &f.schema},
        std::pair{"country", &f.country}, std::pair{"birth_date", &f.birth_date}}) {
    Result<std::string> v = OptionalText(j, key, where);
    if (!v.ok()) return v.status();
    *target = std::move(v).value();
  }
  std::vector<Identifier> identifiers;
  if (auto it = j.find("identifiers"); it != j.end()) {
    auto ids = it->is_string()
                   ? IdentifiersFromText(it->get<std::string>(), Field(where, "identifiers"))
                   : IdentifiersFromJson(*it, Field(where, "identifiers"));
    if (!ids.ok()) return ids.status();
    identifiers = std::move(ids).value();
  }
  return Build(*id, f.name, f.schema, f.country, f.birth_date, std::move(identifiers), where,
               max_name_chars);
}

json QueryToJson(const Query& q) {
  json j{{"name", q.name}};
  if (!q.id.empty()) j["id"] = q.id;
  if (q.schema != Schema::kUnknown) j["schema"] = std::string(SchemaName(q.schema));
  if (!q.country.empty()) j["country"] = q.country;
  if (!q.birth_date.empty()) j["birth_date"] = q.birth_date;
  if (!q.identifiers.empty()) j["identifiers"] = IdentifiersToJson(q.identifiers);
  return j;
}

}  // namespace partyscreen
