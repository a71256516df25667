// The FCDO's UK Sanctions List XML
// (<Designations><DateGenerated>..</DateGenerated><Designation>..), the sole UK source since OFSI's
// Consolidated List was retired on 28 January 2026. One <Designation> is one entity, keyed by its
// UniqueID ("uk:AFG0006"); its OFSI group id and UN reference are kept as identifiers. Layout and
// what is read: docs/lists/UK_FTM.md.
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/dates.h"
#include "core/strings.h"
#include "lists/encoding.h"
#include "lists/ofac_entity.h"
#include "lists/parsers.h"
#include "lists/xml_document.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

constexpr std::string_view kUkSlListName = "UK Sanctions List";

std::string Text(const pugi::xml_node& node, const char* child) {
  return CollapseSpaces(node.child(child).text().as_string());
}

// <Titles><Title>a</Title><Title>b</Title></Titles> -> {"a", "b"}, empty texts left out.
std::vector<std::string> Items(const pugi::xml_node& node, const char* group, const char* item) {
  std::vector<std::string> out;
  for (const pugi::xml_node& v : node.child(group).children(item))
    if (std::string t = CollapseSpaces(v.text().as_string()); !t.empty()) AddUnique(out, t);
  return out;
}

// "dd/mm/1945" (day and month unknown), "01/03/1958": day first, placeholders as zeros.
std::string UkDate(std::string text) {
  for (const char* placeholder : {"dd", "DD", "mm", "MM"})
    for (size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder))
      text.replace(at, 2, "00");
  return ToIsoDate(text, DateOrder::kDayFirst);
}

// Name1..Name5 are given and middle names, Name6 the surname or an entity's whole name.
std::string ComposedName(const pugi::xml_node& name) {
  std::vector<std::string> parts;
  for (const char* tag : {"Name1", "Name2", "Name3", "Name4", "Name5", "Name6"})
    if (std::string part = Text(name, tag); !part.empty()) parts.push_back(std::move(part));
  return Join(parts, " ");
}

void AddNames(Entity& e, const pugi::xml_node& designation) {
  for (const pugi::xml_node& n : designation.child("Names").children("Name")) {
    std::string name = ComposedName(n);
    if (name.empty()) continue;
    const std::string type = AsciiLower(Text(n, "NameType"));  // the list writes "ALias" too
    if (type == "primary name" && e.name.empty()) {
      e.name = std::move(name);
      continue;
    }
    Alias alias;
    alias.name = std::move(name);
    alias.quality = StartsWith(AsciiLower(Text(n, "AliasStrength")), "low") ? AliasQuality::kWeak
                                                                            : AliasQuality::kStrong;
    alias.type = type == "primary name variation" ? "variation" : "aka";
    e.aliases.push_back(std::move(alias));
  }
  for (const pugi::xml_node& n : designation.child("NonLatinNames").children("NonLatinName")) {
    Alias alias;
    alias.name = Text(n, "NameNonLatinScript");
    if (alias.name.empty()) continue;
    alias.type = "original_script";
    alias.script = ScriptOf(alias.name);
    e.aliases.push_back(std::move(alias));
  }
  if (e.name.empty() && !e.aliases.empty()) {  // no primary name: the first name stands in
    e.name = e.aliases.front().name;
    e.aliases.erase(e.aliases.begin());
  }
}

void AddAddresses(Entity& e, const pugi::xml_node& designation) {
  for (const pugi::xml_node& a : designation.child("Addresses").children("Address")) {
    std::vector<std::string> lines;
    for (const char* tag : {"AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4",
                            "AddressLine5", "AddressLine6"})
      lines.push_back(Text(a, tag));
    const std::vector<std::string_view> street(lines.begin(), lines.end());
    AddOfacAddress(e, street, "", Text(a, "AddressPostalCode"), Text(a, "AddressCountry"));
  }
}

void AddIdentifier(Entity& e, std::string type, std::string value, std::string note = "") {
  if (!value.empty()) e.identifiers.push_back({std::move(type), std::move(value), "", note});
}

void AddIndividualFacts(Entity& e, const pugi::xml_node& individual,
                        std::vector<std::string>& remarks) {
  for (const std::string& dob : Items(individual, "DOBs", "DOB"))
    if (std::string iso = UkDate(dob); !iso.empty()) AddUnique(e.birth_dates, iso);
  for (const std::string& n : Items(individual, "Nationalities", "Nationality"))
    AddUnique(e.nationalities, NormalizeCountry(n));
  for (const pugi::xml_node& l : individual.child("BirthDetails").children("Location")) {
    std::vector<std::string> place;
    for (const char* tag : {"TownOfBirth", "CountryOfBirth"})
      if (std::string t = Text(l, tag); !t.empty()) place.push_back(std::move(t));
    if (!place.empty()) AddUnique(e.birth_places, Join(place, ", "));
  }
  for (const pugi::xml_node& p : individual.child("PassportDetails").children("Passport"))
    AddIdentifier(e, "Passport", Text(p, "PassportNumber"),
                  Text(p, "PassportAdditionalInformation"));
  for (const pugi::xml_node& n :
       individual.child("NationalIdentifierDetails").children("NationalIdentifier"))
    AddIdentifier(e, "National ID No.", Text(n, "NationalIdentifierNumber"),
                  Text(n, "NationalIdentifierAdditionalInformation"));
  const std::vector<std::string> genders = Items(individual, "Genders", "Gender");
  if (!genders.empty()) e.gender = genders.front();
  for (const std::string& p : Items(individual, "Positions", "Position"))
    remarks.push_back("Position: " + p + ".");
}

void AddEntityFacts(Entity& e, const pugi::xml_node& entity, std::vector<std::string>& remarks) {
  for (const std::string& r :
       Items(entity, "BusinessRegistrationNumbers", "BusinessRegistrationNumber"))
    AddIdentifier(e, "Registration Number", r);
  const std::vector<std::string> types = Items(entity, "TypeOfEntities", "TypeOfEntity");
  if (!types.empty()) remarks.push_back("Type of entity: " + Join(types, "; ") + ".");
}

void AddShipFacts(Entity& e, const pugi::xml_node& ship) {
  for (const std::string& imo : Items(ship, "IMONumbers", "IMONumber"))
    AddIdentifier(e, "IMO", imo);
  for (const std::string& flag :
       Items(ship, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip"))
    if (std::string code = NormalizeCountry(flag); !code.empty()) AddUnique(e.countries, code);
}

Schema SchemaOf(std::string_view individual_entity_ship) {
  if (IEquals(individual_entity_ship, "Individual")) return Schema::kPerson;
  if (IEquals(individual_entity_ship, "Entity")) return Schema::kOrganization;
  if (IEquals(individual_entity_ship, "Ship")) return Schema::kVessel;
  return Schema::kUnknown;
}

// One <Designation>; false (with `why`) when it has no UniqueID or no name.
bool DesignationToEntity(const pugi::xml_node& d, Entity& e, std::string& why) {
  const std::string unique_id = Text(d, "UniqueID");
  if (unique_id.empty()) {
    why = "no UniqueID";
    return false;
  }
  e.id = "uk:" + unique_id;
  e.source = "uk";
  e.list = std::string(kUkSlListName);
  e.schema = SchemaOf(Text(d, "IndividualEntityShip"));
  AddNames(e, d);
  if (e.name.empty()) {
    why = "UniqueID " + unique_id + " has no name";
    return false;
  }
  e.title = Join(Items(d, "Titles", "Title"), "; ");
  AddUnique(e.programs, Text(d, "RegimeName"));
  e.start_date = UkDate(Text(d, "DateDesignated"));
  AddIdentifier(e, "UK Sanctions List Ref", unique_id);
  AddIdentifier(e, "OFSI Group ID", Text(d, "OFSIGroupID"));
  AddIdentifier(e, "UN Reference Number", Text(d, "UNReferenceNumber"));
  AddAddresses(e, d);

  std::vector<std::string> remarks;
  if (const std::string imposed = Text(d, "SanctionsImposed"); !imposed.empty()) {
    std::vector<std::string> measures = Split(imposed, "|");
    for (std::string& m : measures) m = std::string(Trim(m));
    remarks.push_back("Sanctions imposed: " + Join(measures, ", ") + ".");
  }
  if (const std::string by = Text(d, "DesignationSource"); !by.empty())
    remarks.push_back("Designation source: " + by + ".");
  for (const pugi::xml_node& i : d.child("IndividualDetails").children("Individual"))
    AddIndividualFacts(e, i, remarks);
  for (const pugi::xml_node& x : d.child("EntityDetails").children("Entity"))
    AddEntityFacts(e, x, remarks);
  for (const pugi::xml_node& s : d.child("ShipDetails").children("Ship")) AddShipFacts(e, s);
  for (const char* tag : {"OtherInformation", "UKStatementofReasons"})
    if (std::string t = Text(d, tag); !t.empty()) remarks.push_back(std::move(t));
  e.remarks = Join(remarks, " ");
  FinishOfacEntity(e);
  return true;
}

}  // namespace

Result<ParsedList> ParseUkSanctionsListXml(std::string_view xml, ParseLog& log) {
  pugi::xml_document doc;
  pugi::xml_node root;
  if (Status s =
          LoadListXml(xml, "Designations", "a UK Sanctions List XML", log.file(), doc, &root);
      !s.ok())
    return s;
  ParsedList out;
  out.list_name = std::string(kUkSlListName);
  out.published = UkDate(Text(root, "DateGenerated"));
  uint64_t index = 0;
  for (const pugi::xml_node& d : root.children("Designation")) {
    ++index;
    log.CountRecord();
    Entity e;
    std::string why;
    if (!DesignationToEntity(d, e, why)) {
      // Located by its line in the file, and by its position among the designations.
      log.Skip(LineAt(xml, d.offset_debug()), "Designation " + std::to_string(index) + ": " + why);
      continue;
    }
    out.entities.push_back(std::move(e));
  }
  return out;
}

}  // namespace partyscreen
