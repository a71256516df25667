#include "lists/ofac_entity.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/strings.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

std::string NameKey(std::string_view name) { return AsciiUpper(CollapseSpaces(name)); }

}  // namespace

std::vector<std::string> SplitOfacPrograms(std::string_view field) {
  std::vector<std::string> programs;
  for (std::string& part : Split(field, "] [")) {
    std::string_view p = Trim(part);
    while (!p.empty() && (p.front() == '[' || p.front() == ' ')) p.remove_prefix(1);
    while (!p.empty() && (p.back() == ']' || p.back() == ' ')) p.remove_suffix(1);
    AddUnique(programs, p);
  }
  return programs;
}

void AddUnique(std::vector<std::string>& values, std::string_view value) {
  value = Trim(value);
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) == values.end()) values.emplace_back(value);
}

void AddOfacAddress(Entity& entity, const std::vector<std::string_view>& street_parts,
                    std::string_view city, std::string_view state_postal,
                    std::string_view country) {
  std::vector<std::string> parts;
  for (std::string_view p : street_parts)
    if (!Trim(p).empty()) parts.emplace_back(Trim(p));
  if (!Trim(city).empty()) parts.emplace_back(Trim(city));
  if (!Trim(state_postal).empty()) parts.emplace_back(Trim(state_postal));
  if (!Trim(country).empty()) parts.emplace_back(Trim(country));
  if (parts.empty()) return;
  Address address;
  address.full = Join(parts, ", ");
  address.city = std::string(Trim(city));
  address.country = NormalizeCountry(country);
  AddUnique(entity.countries, address.country);
  entity.addresses.push_back(std::move(address));
}

void FinishOfacEntity(Entity& entity) {
  const std::string primary = NameKey(entity.name);
  std::vector<Alias> kept;
  std::vector<std::string> keys;
  for (Alias& alias : entity.aliases) {
    alias.name = std::string(Trim(alias.name));
    const std::string key = NameKey(alias.name);
    if (key.empty() || key == primary) continue;
    auto seen = std::find(keys.begin(), keys.end(), key);
    if (seen != keys.end()) {
      Alias& first = kept[seen - keys.begin()];
      // AliasQuality is ordered strongest first.
      if (alias.quality < first.quality) first.quality = alias.quality;
      continue;
    }
    keys.push_back(key);
    kept.push_back(std::move(alias));
  }
  entity.aliases = std::move(kept);

  auto dedupe = [](std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (std::string& v : values) AddUnique(out, v);
    values = std::move(out);
  };
  dedupe(entity.countries);
  dedupe(entity.nationalities);
  dedupe(entity.birth_dates);
  dedupe(entity.birth_places);
  dedupe(entity.programs);

  std::set<std::pair<std::string, std::string>> ids;
  std::vector<Identifier> unique_ids;
  for (Identifier& id : entity.identifiers)
    if (!id.value.empty() && ids.insert({AsciiLower(id.type), id.value}).second)
      unique_ids.push_back(std::move(id));
  entity.identifiers = std::move(unique_ids);
}

}  // namespace partyscreen
