// Acronyms: a one-word name made of the first letters (or first syllables) of another name.
//
// Lists give organisations short coded aliases beside their full names: "IARA" for ISLAMIC AFRICAN
// RELIEF AGENCY, "PEDEX" for PARS ENERGY-GOSTAR DRILLING AND EXPLORATION, "EXAGAN" for
// EXPLOTACIONES AGRICOLAS Y GANADERAS. Such a code is not a word: every short string of letters is
// the acronym of many names, so a code one letter away from it ("IMARA", "PREDEX") is another code,
// not a typo of it. The matcher therefore lets a listed acronym match only as spelled
// (match/similarity.h).
#pragma once

#include <string_view>
#include <vector>

namespace partyscreen {

// True when `code` (lower-case ASCII letters, 2-8 of them) is spelled by prefixes of 1-3 letters of
// two or more of `words` (lower-case ASCII), taken in order, at least one of them cut short; words
// may be skipped ("pars energy gostar drilling and exploration" spells "pedex" as p + e + d + ex;
// "tai pen" does not spell "taipen": two whole words joined are the name written together).
bool IsAcronymOf(std::string_view code, const std::vector<std::string_view>& words);

}  // namespace partyscreen
