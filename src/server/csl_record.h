// One listed entity in the shape of the trade.gov Consolidated Screening List (CSL) API's search
// results, and the CSL short code ("EL", "SDN", "NS-MBS"...) of the list it comes from.
//
// Only US lists have a code: entities read from a CSL file take theirs from the `source` column
// ("Entity List (EL) - Bureau of Industry and Security" -> EL); OFAC lists loaded directly map to
// SDN or, for the consolidated non-SDN list, to SSI / PLC / FSE / CMIC / CAP / NS-MBS by program;
// the BIS Denied Persons file to DPL. Everything else (UN, UK, FtM, custom) has no code and is not
// part of the CSL API. Fields the entity model does not keep come back null (docs/API.md).
// Stateless free functions over the caller's objects; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "partyscreen/entity.h"

namespace partyscreen::server {

// "EL", "SDN", ...; empty when the entity is not on a US list the CSL consolidates.
std::string CslCodeOf(const Entity& e);

// The CSL API's name of a code's list ("Entity List (EL) - Bureau of Industry and Security") and
// its information page; the code itself when unknown, and an empty URL.
std::string CslSourceName(std::string_view code);
std::string CslInformationUrl(std::string_view code);

// "Individual", "Entity", "Vessel", "Aircraft", or empty for an unknown schema.
std::string CslTypeOf(const Entity& e);

// The identifiers of `e` that are not vessel facts (those become call_sign, vessel_type...), as
// the CSL `ids` objects {type, number, country, issue_date, expiration_date}.
nlohmann::json CslIdsOf(const Entity& e);

// The full CSL result object for `e` (every documented field; absent values are null).
nlohmann::json CslResultJson(const Entity& e);

}  // namespace partyscreen::server
