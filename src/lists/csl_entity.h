// The trade.gov Consolidated Screening List (CSL) record, shared by the CSV and JSON parsers
// (src/lists/csl.cc): each parser fills a CslRecord from its format, and CslRecordToEntity maps it
// to an Entity, so both forms of the same record give the same Entity.
//
// The CSV joins multi-valued fields with "; " and flattens each address and identifier into one
// comma-separated string; the Split* helpers below undo that. Layout and quirks:
// docs/lists/CSL_BIS_UN.md. Stateless free functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/entity.h"

namespace partyscreen {

struct CslAddress {
  std::string full;  // the whole address as published (CSV) or its parts joined (JSON)
  std::string city;
  std::string country;  // as written (usually ISO2)
};

struct CslIdentifier {
  std::string type;  // "Passport", "National ID No.", "Gender", "Website", ...
  std::string number;
  std::string country;
  std::string issue_date;
  std::string expiration_date;
};

// One CSL record with every multi-valued field already split. Empty strings mean "absent".
struct CslRecord {
  std::string id;      // _id
  std::string source;  // "Entity List (EL) - Bureau of Industry and Security", ...
  std::string entity_number, type, name, title;
  std::vector<std::string> programs, alt_names, citizenships, dates_of_birth, nationalities,
      places_of_birth;
  std::vector<CslAddress> addresses;
  std::vector<CslIdentifier> ids;
  std::string federal_register_notice, start_date, end_date, standard_order, license_requirement,
      license_policy;
  std::string call_sign, vessel_type, gross_tonnage, gross_registered_tonnage, vessel_flag,
      vessel_owner;
  std::string remarks, source_list_url, source_information_url;
};

// "a; b; and c" -> {"a", "b", "c"}. Also splits ", and " joins inside one part
// ("Beijing Shangtang Technology Development Co., Ltd., and Sense Time" -> two names).
std::vector<std::string> SplitCslAliases(std::string_view field);

// One CSV address "No. 555 Qianmo Road, Binjiang District, Hangzhou, 310052, CN": country is the
// trailing two-letter code, city the last part before it that is not a postal code.
CslAddress SplitCslAddress(std::string_view text);

// One CSV identifier. The 2022 CSV writes the id's keys in alphabetical order (country,
// expiration_date, issue_date, number, type), dropping empty ones: "JO, 2014-08-30, 2009-08-31,
// K475336, Passport". The 2023 CSV writes type first and country last: "Cedula No., 42895110, CO"
// (`type_first`; CslIdsAreTypeFirst tells which layout a file uses).
CslIdentifier SplitCslIdentifier(std::string_view text, bool type_first);

// Votes over every identifier of a file's ids column: true when items end with a country code
// more often than they start with one (the 2023 layout).
bool CslIdsAreTypeFirst(const std::vector<std::string_view>& ids_fields);

// The Entity for a record (id "csl:<_id>", source "csl"). Empty type -> Organization (Entity
// List rows carry no type).
Entity CslRecordToEntity(const CslRecord& record);

}  // namespace partyscreen
