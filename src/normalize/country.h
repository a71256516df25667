// Country names and codes -> ISO 3166-1 alpha-2.
//
// Lists write countries many ways ("China", "CN", "Korea, North", "Iran, Islamic Republic of",
// "Russian Federation", "Burma"). CountryCode() maps them to one code using ICU's English display
// names plus a table of the variants sanctions lists use. Thread-safe (the table is built once).
#pragma once

#include <string>
#include <string_view>

namespace partyscreen {

// ISO2 code in upper case, or "" when the text is not a recognised country.
std::string CountryCode(std::string_view name_or_code);
// English name for an ISO2 code ("CN" -> "China"), or the code itself when unknown.
std::string CountryName(std::string_view iso2);
// Normalises a country field: the ISO2 code where recognised, else the trimmed text.
std::string NormalizeCountry(std::string_view text);

}  // namespace partyscreen
