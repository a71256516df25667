// CSL record -> Entity, shared by the CSV and JSON parsers. See csl_entity.h.
#include "lists/csl_entity.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.h"
#include "core/strings.h"
#include "lists/ofac_entity.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

bool IsTwoLetterCode(std::string_view s) {
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1]));
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

// A postal code part: has a digit and no space-separated words longer than the code itself
// ("310052", "KY1-1104", "S21866"); street parts ("No. 555 Qianmo Road") have spaces.
bool LooksLikePostalCode(std::string_view s) {
  const bool has_digit = std::any_of(
      s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  return has_digit && s.find(' ') == std::string_view::npos;
}

// "For all items..." fields keep their text; dates become ISO where they can be read.
std::string IsoOrText(std::string_view text) {
  const std::string_view t = Trim(text);
  if (t.empty()) return "";
  std::string iso = ToIsoDate(t);
  return iso.empty() ? std::string(t) : iso;
}

void AddAlias(Entity& entity, std::string_view name) {
  const std::string clean = CollapseSpaces(name);
  if (clean.empty() || clean == entity.name) return;
  for (const Alias& a : entity.aliases)
    if (a.name == clean) return;
  Alias alias;
  alias.name = clean;
  alias.quality = AliasQuality::kStrong;
  alias.type = "aka";
  entity.aliases.push_back(std::move(alias));
}

void AddIdentifier(Entity& entity, std::string type, std::string_view value,
                   std::string country = "", std::string note = "") {
  const std::string_view v = Trim(value);
  if (v.empty()) return;
  Identifier id;
  id.type = std::move(type);
  id.value = std::string(v);
  id.country = std::move(country);
  id.note = std::move(note);
  entity.identifiers.push_back(std::move(id));
}

}  // namespace

std::vector<std::string> SplitCslAliases(std::string_view field) {
  std::vector<std::string> names;
  for (const std::string& part : Split(field, ";")) {
    std::string_view p = Trim(part);
    if (StartsWith(p, "and ")) p = Trim(p.substr(4));
    // ", and X" inside one part joins two names (a missing "; ").
    size_t start = 0;
    while (true) {
      const size_t at = p.find(", and ", start);
      const bool splits = at != std::string_view::npos && at + 6 < p.size() &&
                          std::isupper(static_cast<unsigned char>(p[at + 6]));
      const std::string_view piece = Trim(p.substr(start, splits ? at - start : p.npos));
      if (!piece.empty()) names.emplace_back(piece);
      if (!splits) break;
      start = at + 6;
    }
  }
  return names;
}

CslAddress SplitCslAddress(std::string_view text) {
  CslAddress address;
  address.full = CollapseSpaces(text);
  std::vector<std::string> parts = Split(text, ",");
  if (!parts.empty() && IsTwoLetterCode(parts.back())) {
    address.country = parts.back();
    parts.pop_back();
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (LooksLikePostalCode(*it)) continue;
    address.city = *it;
    break;
  }
  return address;
}

bool CslIdsAreTypeFirst(const std::vector<std::string_view>& ids_fields) {
  int votes = 0;
  for (std::string_view field : ids_fields)
    for (const std::string& item : Split(field, ";")) {
      const std::vector<std::string> parts = Split(item, ", ");
      if (parts.size() < 3) continue;
      if (IsTwoLetterCode(parts.back())) ++votes;
      if (IsTwoLetterCode(parts.front())) --votes;
    }
  return votes > 0;
}

CslIdentifier SplitCslIdentifier(std::string_view text, bool type_first) {
  CslIdentifier id;
  std::vector<std::string> parts = Split(text, ", ");
  if (parts.empty()) return id;
  if (type_first) {
    id.type = parts.front();
    parts.erase(parts.begin());
    if (parts.size() >= 2 && IsTwoLetterCode(parts.back())) {
      id.country = parts.back();
      parts.pop_back();
    }
  } else {
    id.type = parts.back();
    parts.pop_back();
    if (parts.size() >= 2 && IsTwoLetterCode(parts.front())) {
      id.country = parts.front();
      parts.erase(parts.begin());
    }
  }
  std::vector<std::string> dates, rest;
  for (std::string& p : parts) (IsIsoDate(p) ? dates : rest).push_back(std::move(p));
  // Alphabetical key order: expiration_date before issue_date. A lone date is taken as the
  // issue date (registration and establishment dates are the common case).
  if (dates.size() >= 2) {
    id.expiration_date = dates[0];
    id.issue_date = dates[1];
  } else if (dates.size() == 1) {
    id.issue_date = dates[0];
  }
  id.number = Join(rest, ", ");
  return id;
}

Entity CslRecordToEntity(const CslRecord& r) {
  Entity e;
  e.id = "csl:" + std::string(Trim(r.id));
  e.source = "csl";
  e.list = std::string(Trim(r.source));
  e.schema = Trim(r.type).empty() ? Schema::kOrganization : ParseSchema(r.type);
  e.name = CollapseSpaces(r.name);
  e.title = std::string(Trim(r.title));
  for (const std::string& p : r.programs) AddUnique(e.programs, p);
  for (const std::string& field : r.alt_names)
    for (const std::string& alias : SplitCslAliases(field)) AddAlias(e, alias);

  for (const CslAddress& a : r.addresses) {
    if (Trim(a.full).empty()) continue;
    Address address;
    address.full = CollapseSpaces(a.full);
    address.city = std::string(Trim(a.city));
    address.country = NormalizeCountry(a.country);
    if (!address.country.empty()) AddUnique(e.countries, address.country);
    e.addresses.push_back(std::move(address));
  }
  for (const std::string& c : r.citizenships) AddUnique(e.nationalities, NormalizeCountry(c));
  for (const std::string& c : r.nationalities) AddUnique(e.nationalities, NormalizeCountry(c));
  for (const std::string& d : r.dates_of_birth)
    for (const std::string& iso : ToIsoDates(d)) AddUnique(e.birth_dates, iso);
  for (const std::string& p : r.places_of_birth) AddUnique(e.birth_places, p);

  for (const CslIdentifier& id : r.ids) {
    if (IEquals(Trim(id.type), "Gender")) {
      e.gender = std::string(Trim(id.number));
      continue;
    }
    std::string note;
    if (!id.issue_date.empty()) note = "issued " + id.issue_date;
    if (!id.expiration_date.empty())
      note += (note.empty() ? "" : "; ") + std::string("expires ") + id.expiration_date;
    AddIdentifier(e, std::string(Trim(id.type)), id.number, NormalizeCountry(id.country), note);
  }
  AddIdentifier(e, "Call Sign", r.call_sign);
  AddIdentifier(e, "Vessel Type", r.vessel_type);
  AddIdentifier(e, "Gross Tonnage", r.gross_tonnage);
  AddIdentifier(e, "Gross Registered Tonnage", r.gross_registered_tonnage);
  AddIdentifier(e, "Vessel Flag", r.vessel_flag, NormalizeCountry(r.vessel_flag));
  AddIdentifier(e, "Vessel Owner", r.vessel_owner);

  e.remarks = std::string(Trim(r.remarks));
  e.federal_register = CollapseSpaces(r.federal_register_notice);
  e.start_date = IsoOrText(r.start_date);
  e.end_date = IsoOrText(r.end_date);
  e.standard_order = std::string(Trim(r.standard_order));
  e.license_requirement = CollapseSpaces(r.license_requirement);
  e.license_policy = CollapseSpaces(r.license_policy);
  e.source_url = std::string(Trim(r.source_list_url));
  if (e.source_url.empty()) e.source_url = std::string(Trim(r.source_information_url));
  return e;
}

}  // namespace partyscreen
