// FollowTheMoney entities as JSON lines (OpenSanctions exports, yente fixtures): one object per
// line with id, schema, properties (every value a list of strings), datasets, referents.
// Party schemata become entities; Sanction and Address objects are folded into the party they
// point at; relationship schemata (Ownership, Family, Directorship...) are read and left out.
// Details and counts: docs/lists/UK_FTM.md.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/strings.h"
#include "lists/encoding.h"
#include "lists/ofac_entity.h"
#include "lists/parsers.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

using nlohmann::json;

constexpr std::string_view kFtmListName = "OpenSanctions (FollowTheMoney)";

// FtM schemata that name a party we screen against, and the Schema each becomes.
Schema PartySchema(std::string_view schema) {
  if (schema == "Person") return Schema::kPerson;
  if (schema == "Organization" || schema == "Company" || schema == "LegalEntity" ||
      schema == "PublicBody")
    return Schema::kOrganization;
  if (schema == "Vessel") return Schema::kVessel;
  if (schema == "Airplane") return Schema::kAircraft;
  return Schema::kUnknown;
}

// Identifier properties and the type name they get.
constexpr std::pair<std::string_view, std::string_view> kIdentifierProperties[] = {
    {"idNumber", "National ID No."},
    {"passportNumber", "Passport"},
    {"taxNumber", "Tax ID No."},
    {"registrationNumber", "Registration Number"},
    {"innCode", "INN"},
    {"ogrnCode", "OGRN"},
    {"imoNumber", "IMO"},
    {"leiCode", "LEI"},
    {"swiftBic", "SWIFT/BIC"},
    {"okpoCode", "OKPO"},
};

// The string values of one property ("properties": {"name": ["A", "B"]}); non-strings are ignored.
std::vector<std::string> Values(const json& properties, const char* property) {
  std::vector<std::string> out;
  auto it = properties.find(property);
  if (it == properties.end() || !it->is_array()) return out;
  for (const json& v : *it)
    if (v.is_string()) {
      const std::string_view s = Trim(v.get_ref<const std::string&>());
      if (!s.empty()) out.emplace_back(s);
    }
  return out;
}

std::string StringField(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct PendingParty {
  Entity entity;
  std::vector<std::string> address_refs;  // ids named in addressEntity
  std::vector<std::string> remarks;
};

struct SanctionFacts {
  std::vector<std::string> programs;
  std::string start_date;
  std::string authority;
  std::string source_url;
};

void AddAlias(Entity& e, std::string name, AliasQuality quality, const char* type) {
  Alias alias;
  alias.name = CollapseSpaces(name);
  alias.quality = quality;
  alias.type = type;
  alias.script = ScriptOf(alias.name);
  e.aliases.push_back(std::move(alias));
}

PendingParty PartyFromObject(const json& object, const std::string& id, Schema schema) {
  PendingParty party;
  Entity& e = party.entity;
  e.id = "ftm:" + id;
  e.source = "ftm";
  e.list = std::string(kFtmListName);
  e.schema = schema;
  const json empty = json::object();
  auto props_it = object.find("properties");
  const json& p = props_it != object.end() && props_it->is_object() ? *props_it : empty;

  std::vector<std::string> names = Values(p, "name");
  const std::string caption = std::string(Trim(StringField(object, "caption")));
  e.name = !caption.empty() ? caption : names.empty() ? std::string() : names.front();
  for (std::string& n : names) AddAlias(e, std::move(n), AliasQuality::kStrong, "aka");
  for (std::string& n : Values(p, "alias")) AddAlias(e, std::move(n), AliasQuality::kStrong, "aka");
  for (std::string& n : Values(p, "previousName"))
    AddAlias(e, std::move(n), AliasQuality::kStrong, "fka");
  for (std::string& n : Values(p, "weakAlias"))
    AddAlias(e, std::move(n), AliasQuality::kWeak, "aka");
  if (e.name.empty() && !e.aliases.empty()) e.name = e.aliases.front().name;

  for (const std::string& d : Values(p, "birthDate")) AddUnique(e.birth_dates, d);
  for (const std::string& b : Values(p, "birthPlace")) AddUnique(e.birth_places, b);
  for (const char* property : {"nationality", "citizenship"})
    for (const std::string& c : Values(p, property))
      AddUnique(e.nationalities, NormalizeCountry(c));
  for (const char* property : {"country", "jurisdiction", "flag"})
    for (const std::string& c : Values(p, property)) AddUnique(e.countries, NormalizeCountry(c));
  for (const auto& [property, type] : kIdentifierProperties)
    for (const std::string& v : Values(p, std::string(property).c_str()))
      e.identifiers.push_back({std::string(type), v, "", ""});
  for (const std::string& a : Values(p, "address")) e.addresses.push_back({a, "", ""});
  const std::vector<std::string> genders = Values(p, "gender");
  if (!genders.empty()) e.gender = genders.front();
  const std::vector<std::string> titles = Values(p, "title");
  if (!titles.empty()) e.title = titles.front();
  const std::vector<std::string> urls = Values(p, "sourceUrl");
  if (!urls.empty()) e.source_url = urls.front();
  for (const std::string& program : Values(p, "programId")) AddUnique(e.programs, program);

  for (std::string& n : Values(p, "notes")) party.remarks.push_back(std::move(n));
  const std::vector<std::string> topics = Values(p, "topics");
  if (!topics.empty()) party.remarks.push_back("Topics: " + Join(topics, ", ") + ".");
  for (const std::string& t : topics) AddUnique(e.topics, t);
  if (auto ds = object.find("datasets"); ds != object.end() && ds->is_array())
    for (const json& d : *ds)
      if (d.is_string()) {
        AddUnique(e.programs, d.get_ref<const std::string&>());
        AddUnique(e.datasets, d.get_ref<const std::string&>());
      }
  if (auto refs = object.find("referents"); refs != object.end() && refs->is_array())
    for (const json& r : *refs)
      if (r.is_string()) AddUnique(e.referents, r.get_ref<const std::string&>());
  e.first_seen = StringField(object, "first_seen");
  e.last_seen = StringField(object, "last_seen");
  e.last_change = StringField(object, "last_change");
  party.address_refs = Values(p, "addressEntity");
  return party;
}

SanctionFacts SanctionFromObject(const json& properties) {
  SanctionFacts s;
  for (const char* property : {"programId", "program"})
    for (const std::string& v : Values(properties, property)) AddUnique(s.programs, v);
  for (const char* property : {"startDate", "listingDate"})
    for (const std::string& d : Values(properties, property))
      if (s.start_date.empty() || d < s.start_date) s.start_date = d;
  s.authority = Join(Values(properties, "authority"), "; ");
  const std::vector<std::string> urls = Values(properties, "sourceUrl");
  if (!urls.empty()) s.source_url = urls.front();
  return s;
}

Address AddressFromObject(const json& properties) {
  Address a;
  std::vector<std::string> full = Values(properties, "full");
  std::vector<std::string> city = Values(properties, "city");
  std::vector<std::string> country = Values(properties, "country");
  if (!full.empty()) {
    a.full = full.front();
  } else {
    std::vector<std::string> parts;
    for (const char* property : {"street", "street2", "postalCode", "city", "region"})
      for (std::string& v : Values(properties, property)) parts.push_back(std::move(v));
    a.full = Join(parts, ", ");
  }
  if (!city.empty()) a.city = city.front();
  if (!country.empty()) a.country = NormalizeCountry(country.front());
  return a;
}

}  // namespace

Result<ParsedList> ParseFtmJson(std::string_view jsonl, ParseLog& log) {
  ParsedList list;
  list.list_name = std::string(kFtmListName);
  std::vector<PendingParty> parties;
  std::unordered_map<std::string, size_t> party_index;  // FtM id -> parties position
  std::unordered_map<std::string, std::vector<SanctionFacts>>
      sanctions;                                       // target id -> its sanctions
  std::unordered_map<std::string, Address> addresses;  // id and referents -> address
  std::string last_seen;

  uint64_t line_number = 0;
  size_t pos = 0;
  if (StartsWith(jsonl, "\xEF\xBB\xBF")) pos = 3;
  while (pos < jsonl.size()) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string_view::npos) end = jsonl.size();
    const std::string_view line = Trim(jsonl.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty()) continue;
    log.CountRecord();
    const json object = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded() || !object.is_object()) {
      log.Skip(line_number, "not a JSON object");
      continue;
    }
    const std::string id = StringField(object, "id");
    const std::string schema = StringField(object, "schema");
    if (id.empty() || schema.empty()) {
      log.Skip(line_number, "object has no \"id\" or no \"schema\"");
      continue;
    }
    if (const std::string seen = StringField(object, "last_seen");
        seen.size() >= 10 && seen.substr(0, 10) > last_seen)
      last_seen = seen.substr(0, 10);
    auto props_it = object.find("properties");
    const json properties =
        props_it != object.end() && props_it->is_object() ? *props_it : json::object();

    if (const Schema party_schema = PartySchema(schema); party_schema != Schema::kUnknown) {
      PendingParty party = PartyFromObject(object, id, party_schema);
      if (party.entity.name.empty()) {
        log.Skip(line_number, schema + " " + id + " has no name");
        continue;
      }
      if (!party_index.emplace(id, parties.size()).second) {
        log.Skip(line_number, "id " + id + " repeats an earlier line");
        continue;
      }
      parties.push_back(std::move(party));
    } else if (schema == "Sanction") {
      SanctionFacts facts = SanctionFromObject(properties);
      for (const std::string& target : Values(properties, "entity"))
        sanctions[target].push_back(facts);
    } else if (schema == "Address") {
      const Address address = AddressFromObject(properties);
      if (address.full.empty()) continue;
      addresses[id] = address;
      if (auto refs = object.find("referents"); refs != object.end() && refs->is_array())
        for (const json& r : *refs)
          if (r.is_string()) addresses.emplace(r.get<std::string>(), address);
    }
    // Other schemata (Ownership, Family, Directorship, Passport, ...) describe relations between
    // parties; they are read (and counted as records) but produce no entity.
  }

  list.published = last_seen;
  list.entities.reserve(parties.size());
  for (PendingParty& party : parties) {
    Entity& e = party.entity;
    const std::string ftm_id = e.id.substr(4);
    if (auto it = sanctions.find(ftm_id); it != sanctions.end()) {
      for (const SanctionFacts& s : it->second) {
        for (const std::string& program : s.programs) AddUnique(e.programs, program);
        if (!s.start_date.empty() && (e.start_date.empty() || s.start_date < e.start_date))
          e.start_date = s.start_date;
        if (!s.authority.empty()) {
          const std::string note =
              "Sanctioned by " + s.authority +
              (s.programs.empty() ? std::string() : " (" + Join(s.programs, ", ") + ")") + ".";
          AddUnique(party.remarks, note);
        }
        if (e.source_url.empty()) e.source_url = s.source_url;
      }
    }
    for (const std::string& ref : party.address_refs) {
      auto it = addresses.find(ref);
      if (it == addresses.end()) continue;
      // The same address is often also given as a plain "address" string: complete that one.
      auto same = std::find_if(e.addresses.begin(), e.addresses.end(),
                               [&](const Address& a) { return IEquals(a.full, it->second.full); });
      if (same == e.addresses.end()) {
        e.addresses.push_back(it->second);
      } else {
        if (same->country.empty()) same->country = it->second.country;
        if (same->city.empty()) same->city = it->second.city;
      }
      AddUnique(e.countries, it->second.country);
    }
    e.remarks = Join(party.remarks, " ");
    FinishOfacEntity(e);
    list.entities.push_back(std::move(e));
  }
  return list;
}

}  // namespace partyscreen
