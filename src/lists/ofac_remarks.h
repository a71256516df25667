// The grammar of OFAC's free-text Remarks (legacy sdn.csv / cons_prim.csv column 12, and the
// <remarks> of the classic sdn.xml), turned into Entity fields.
//
// A remark is a list of items separated by "; ", usually ending with ".", e.g.
//   DOB 1955; POB Pingyu, Henan, China; Gender Male.
//   a.k.a. 'BNC'; f.k.a. 'ANA I'; nationality Iran; Passport A123 (Iran) issued 01 Jan 2000.
// Items read (an "alt. " prefix is ignored; unknown items stay in the remark text only):
//   a.k.a. / f.k.a. / n.k.a. 'NAME'  -> aliases (type aka/fka/nka). In OFAC's legacy files these
//                                      quoted aliases are the *weak* ones (the strong ones are in
//                                      alt.csv; sdn.xml marks the same names <category>weak), so
//                                      they get AliasQuality::kWeak.
//   DOB <date | circa Y | Y to Y>    -> birth_dates (ISO, via core/dates.h)
//   POB <place>                      -> birth_places
//   nationality <country>, citizen <country> -> nationalities (ISO2 where recognised)
//   Gender <Male|Female>             -> gender
//   IMO <n>, Vessel Registration Identification IMO <n>, MMSI <n>, Passport <n> (<country>) ...,
//   National ID No., Tax ID No., SWIFT/BIC, registration numbers, ... -> identifiers (type, value,
//                                      issuing country, "issued ... expires ..." as the note)
//   Digital Currency Address - XBT <addr> -> identifier "Digital Currency Address - XBT"
//   Linked To: X                     -> kept in the remark text only (a relation, not a name)
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/entity.h"

namespace partyscreen {

// Splits a remark into its items, keeping a quoted alias that itself contains "; " in one item.
std::vector<std::string> SplitOfacRemarkItems(std::string_view remarks);

// Adds what the remark says to `entity` (aliases, dates, places, nationalities, gender,
// identifiers). Does not touch entity.remarks; does not de-duplicate (see FinishOfacEntity).
// Returns how many alias items were cut (an opening quote never closed, as when a remark stops at
// OFAC's 1000-character limit and its continuation is missing); those are not added.
int ApplyOfacRemarks(std::string_view remarks, Entity& entity);

}  // namespace partyscreen
