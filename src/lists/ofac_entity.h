// Pieces shared by the three OFAC parsers (legacy CSV in ofac_csv.cc, classic sdn.xml and the
// enhanced XML in ofac_xml.cc): list names, program splitting, addresses and the final clean-up
// that removes repeated names, countries and identifiers.
// Stateless free functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/entity.h"

namespace partyscreen {

inline constexpr std::string_view kOfacSdnListName =
    "OFAC Specially Designated Nationals (SDN) List";
inline constexpr std::string_view kOfacConsListName = "OFAC Consolidated (non-SDN) List";

// "SDGT] [IRGC] [IFSR" (legacy CSV) or "[SDGT]" -> {"SDGT", "IRGC", "IFSR"}.
std::vector<std::string> SplitOfacPrograms(std::string_view field);

// Appends `value` (trimmed) unless it is empty or already present.
void AddUnique(std::vector<std::string>& values, std::string_view value);

// An address from its published parts: street lines, city (the legacy CSV's single
// "City/State/Province/Postal Code" field, or the XML's city), state and postal code where the
// format gives them apart, and the country as written. `full` joins the non-empty parts with ", ";
// `country` is the ISO2 code where recognised and is also added to entity.countries. Nothing is
// added when every part is empty.
void AddOfacAddress(Entity& entity, const std::vector<std::string_view>& street_parts,
                    std::string_view city, std::string_view state_postal, std::string_view country);

// Final clean-up, once every source of names and facts has been merged: drops aliases that repeat
// the primary name or another alias (case and spacing ignored; the stronger quality is kept) and
// repeated birth dates, places and identifiers.
void FinishOfacEntity(Entity& entity);

}  // namespace partyscreen
