// Listings that republish another list's entry: the Consolidated Screening List's rows of OFAC
// entries.
//
// The CSL copies every SDN entry under the OFAC entry number ("16966", "16966#2" when one entry
// is on several Treasury lists) but drops what the SDN says of each alias's quality: OFAC's
// "weak a.k.a." (broad nicknames such as 'MOSCO', which OFAC says screeners need not match)
// becomes an ordinary alias. When the OFAC entry itself is in the same snapshot, its qualities
// are the publisher's word and the CSL row takes them (CarryOfacAliasQuality).
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "partyscreen/entity.h"

namespace partyscreen {

// The OFAC entry number a listing is ("ofac:16966") or republishes (a CSL row of a Treasury
// list, "csl:16966#2"), or "" for any other listing.
std::string OfacEntryNumber(const Entity& e);

// Marks weak every alias of a CSL row that the OFAC entry of the same number, loaded alongside,
// lists as a weak alias (same name, compared case-insensitively with spaces collapsed), unless
// that entry also lists the name as a strong alias. Returns the number of aliases marked.
size_t CarryOfacAliasQuality(std::vector<Entity>& entities);

}  // namespace partyscreen
