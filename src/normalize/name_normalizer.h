// Names -> the tokens the matcher compares.
//
// NormalizeName() transliterates (see transliterate.h), splits on punctuation and spaces, joins
// apostrophes ("Bin'an" -> "binan"), then takes legal forms off both ends of the name and
// canonicalises them ("Co., Ltd." = "Company Limited" = "有限公司" -> LTD), and drops leading
// honorifics ("Mr", "Sheikh") from person names. Legal forms and honorifics come from
// data/tables/ (name_tables.h), not code. Word order is kept; the scorer is order-insensitive.
// Pure function of its input; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/entity.h"

namespace partyscreen {

struct NormalizedName {
  std::vector<std::string> tokens;       // name words, lower-case ASCII, in order
  std::vector<std::string> legal_forms;  // canonical codes of the legal forms found ("LTD", "LLC")
  std::vector<std::string> dropped;      // honorifics removed

  // The tokens joined by single spaces, followed by the legal forms in brackets ("dahua [LTD]").
  std::string Display() const;
};

// Splits lower-case ASCII text into words: letters and digits; apostrophes are removed inside a
// word ("o'brien" -> "obrien"); every other character separates words.
std::vector<std::string> TokenizeAscii(std::string_view latin_ascii);

NormalizedName NormalizeName(std::string_view name, Schema schema = Schema::kUnknown);

// True for words with almost no identity ("of", "the", "de"): weighted low, never blocking keys.
bool IsStopword(std::string_view token);

// True for words of Latin-script legal forms ("limited", "liability", "joint", "stock").
bool IsLegalWord(std::string_view token);

// True for place words that qualify an organisation name ("zhejiang", "moscow", "china"): the
// qualifiers table, or a country name of 4+ letters (normalize/country.h).
bool IsPlaceQualifier(std::string_view token);

}  // namespace partyscreen
