// UN Security Council Consolidated List XML (<CONSOLIDATED_LIST dateGenerated=...>, INDIVIDUALS and
// ENTITIES). Layout and quirks: docs/lists/CSL_BIS_UN.md.
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/dates.h"
#include "core/strings.h"
#include "lists/ofac_entity.h"
#include "lists/parsers.h"
#include "lists/script_detect.h"
#include "lists/xml_document.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

constexpr std::string_view kUnListName = "UN Security Council Consolidated List";

std::string Text(const pugi::xml_node& node, const char* child) {
  return CollapseSpaces(node.child(child).text().as_string());
}

// <TITLE><VALUE>..</VALUE><VALUE>..</VALUE></TITLE> -> every non-empty VALUE.
std::vector<std::string> Values(const pugi::xml_node& node, const char* child) {
  std::vector<std::string> out;
  for (const pugi::xml_node& v : node.child(child).children("VALUE")) {
    std::string t = CollapseSpaces(v.text().as_string());
    if (!t.empty()) out.push_back(std::move(t));
  }
  return out;
}

void AddAlias(Entity& e, std::string_view name, AliasQuality quality, std::string type,
              std::string script = "") {
  const std::string clean = CollapseSpaces(name);
  if (clean.empty() || clean == e.name) return;
  for (const Alias& a : e.aliases)
    if (a.name == clean) return;
  e.aliases.push_back({clean, quality, std::move(type), std::move(script)});
}

// Joins the non-empty parts with ", ".
std::string JoinParts(std::initializer_list<std::string> parts) {
  std::vector<std::string> kept;
  for (const std::string& p : parts)
    if (!p.empty()) kept.push_back(p);
  return Join(kept, ", ");
}

void AddAddresses(Entity& e, const pugi::xml_node& record, const char* tag) {
  for (const pugi::xml_node& a : record.children(tag)) {
    Address address;
    address.city = Text(a, "CITY");
    const std::string country = Text(a, "COUNTRY");
    address.full = JoinParts(
        {Text(a, "STREET"), address.city, Text(a, "STATE_PROVINCE"), Text(a, "ZIP_CODE"), country});
    if (address.full.empty()) continue;
    address.country = NormalizeCountry(country);
    if (!address.country.empty()) AddUnique(e.countries, address.country);
    e.addresses.push_back(std::move(address));
  }
}

// INDIVIDUAL_DATE_OF_BIRTH: DATE, or YEAR, or FROM_YEAR..TO_YEAR (every year, ToIsoDates caps it).
void AddBirthDates(Entity& e, const pugi::xml_node& record) {
  for (const pugi::xml_node& d : record.children("INDIVIDUAL_DATE_OF_BIRTH")) {
    std::vector<std::string> dates;
    if (std::string date = Text(d, "DATE"); !date.empty()) {
      dates = ToIsoDates(date);
    } else if (std::string year = Text(d, "YEAR"); !year.empty()) {
      dates = ToIsoDates(year);
    } else if (std::string from = Text(d, "FROM_YEAR"); !from.empty()) {
      const std::string to = Text(d, "TO_YEAR");
      dates = ToIsoDates(to.empty() ? from : from + " to " + to);
    }
    for (const std::string& iso : dates) AddUnique(e.birth_dates, iso);
  }
}

void AddIndividualFacts(Entity& e, const pugi::xml_node& r) {
  for (const pugi::xml_node& a : r.children("INDIVIDUAL_ALIAS")) {
    const std::string quality = Text(a, "QUALITY");
    AddAlias(e, Text(a, "ALIAS_NAME"),
             IEquals(quality, "Low") ? AliasQuality::kWeak : AliasQuality::kStrong, "aka");
  }
  AddBirthDates(e, r);
  for (const pugi::xml_node& p : r.children("INDIVIDUAL_PLACE_OF_BIRTH"))
    AddUnique(e.birth_places,
              JoinParts({Text(p, "CITY"), Text(p, "STATE_PROVINCE"), Text(p, "COUNTRY")}));
  for (const std::string& n : Values(r, "NATIONALITY"))
    AddUnique(e.nationalities, NormalizeCountry(n));
  for (const pugi::xml_node& d : r.children("INDIVIDUAL_DOCUMENT")) {
    Identifier id;
    id.value = Text(d, "NUMBER");
    if (id.value.empty()) continue;
    id.type = Text(d, "TYPE_OF_DOCUMENT");
    if (const std::string type2 = Text(d, "TYPE_OF_DOCUMENT2"); !type2.empty())
      id.type = id.type.empty() ? type2 : id.type + " (" + type2 + ")";
    const std::string issuing = Text(d, "ISSUING_COUNTRY");
    id.country = issuing.empty() ? "" : NormalizeCountry(issuing);
    id.note =
        JoinParts({Text(d, "DATE_OF_ISSUE").empty() ? "" : "issued " + Text(d, "DATE_OF_ISSUE"),
                   Text(d, "CITY_OF_ISSUE"), Text(d, "NOTE")});
    e.identifiers.push_back(std::move(id));
  }
  AddAddresses(e, r, "INDIVIDUAL_ADDRESS");
  e.title = Join(Values(r, "TITLE"), "; ");
  e.gender = Text(r, "GENDER");
  const std::vector<std::string> designation = Values(r, "DESIGNATION");
  if (!designation.empty()) e.remarks = "Designation: " + Join(designation, "; ");
}

void AddEntityFacts(Entity& e, const pugi::xml_node& r) {
  for (const pugi::xml_node& a : r.children("ENTITY_ALIAS")) {
    const std::string quality = Text(a, "QUALITY");
    const bool former = IEquals(quality, "f.k.a.");
    AddAlias(e, Text(a, "ALIAS_NAME"),
             IEquals(quality, "Low") ? AliasQuality::kWeak : AliasQuality::kStrong,
             former ? "fka" : "aka");
  }
  AddAddresses(e, r, "ENTITY_ADDRESS");
}

// One INDIVIDUAL or ENTITY; false (with `why`) when it has no DATAID or no name.
bool RecordToEntity(const pugi::xml_node& r, bool individual, Entity& e, std::string& why) {
  const std::string dataid = Text(r, "DATAID");
  if (dataid.empty()) {
    why = "no DATAID";
    return false;
  }
  e.id = "un:" + dataid;
  e.source = "un";
  e.list = std::string(kUnListName);
  e.schema = individual ? Schema::kPerson : Schema::kOrganization;
  e.name = JoinParts({});
  std::vector<std::string> names;
  for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"})
    if (std::string t = Text(r, part); !t.empty()) names.push_back(std::move(t));
  e.name = Join(names, " ");
  if (e.name.empty()) {
    why = "DATAID " + dataid + " has no name";
    return false;
  }
  if (const std::string original = Text(r, "NAME_ORIGINAL_SCRIPT"); !original.empty())
    AddAlias(e, original, AliasQuality::kStrong, "original_script", DominantScript(original));
  AddUnique(e.programs, Text(r, "UN_LIST_TYPE"));
  AddUnique(e.programs, Text(r, "REFERENCE_NUMBER"));
  e.start_date = ToIsoDate(Text(r, "LISTED_ON"));
  if (individual) {
    AddIndividualFacts(e, r);
  } else {
    AddEntityFacts(e, r);
  }
  const std::string comments = Text(r, "COMMENTS1");
  if (!comments.empty()) e.remarks = e.remarks.empty() ? comments : e.remarks + ". " + comments;
  return true;
}

}  // namespace

Result<ParsedList> ParseUnXml(std::string_view xml, ParseLog& log) {
  pugi::xml_document doc;
  pugi::xml_node root;
  if (Status s =
          LoadListXml(xml, "CONSOLIDATED_LIST", "a UN consolidated list", log.file(), doc, &root);
      !s.ok())
    return s;
  ParsedList out;
  out.list_name = std::string(kUnListName);
  out.published =
      ToIsoDate(std::string_view(root.attribute("dateGenerated").as_string()).substr(0, 10));
  constexpr std::tuple<const char*, const char*, bool> kGroups[] = {
      {"INDIVIDUALS", "INDIVIDUAL", true}, {"ENTITIES", "ENTITY", false}};
  size_t records = 0;
  for (const auto& [group, tag, individual] : kGroups)
    for ([[maybe_unused]] const pugi::xml_node& r : root.child(group).children(tag)) ++records;
  out.entities.reserve(records);
  uint64_t index = 0;
  for (const auto& [group, tag, individual] : kGroups) {
    for (const pugi::xml_node& r : root.child(group).children(tag)) {
      ++index;
      log.CountRecord();
      Entity e;
      std::string why;
      if (!RecordToEntity(r, individual, e, why)) {
        log.Skip(index, std::string(tag) + " record " + std::to_string(index) + ": " + why);
        continue;
      }
      out.entities.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace partyscreen
