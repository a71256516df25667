// Names -> the tokens the matcher compares.
//
// NormalizeName() transliterates (see transliterate.h), splits on punctuation and spaces, joins
// apostrophes ("Bin'an" -> "binan"), then takes legal forms off both ends of the name and
// canonicalises them ("Co., Ltd." = "Company Limited" = "有限公司" -> LTD), and drops leading
// honorifics ("Mr", "Sheikh") from person names. In names that are not persons' it also finds
// legal forms written glued to the last word ("SiemensAG" by its case, "ACEXOY" in an
// organisation's name when the form has 2+ letters and 4+ letters remain) or with one typo
// ("Aktiengeselschaft", forms of 7+ letters), and writes organisation-word abbreviations out
// ("PSB" -> "public security bureau"). Legal forms, honorifics and abbreviations come from
// data/tables/ (name_tables.h), not code. Word order is kept; the scorer is order-insensitive.
// Every word keeps the script it was written in (token_script.h).
// Pure function of its input; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "normalize/token_script.h"
#include "partyscreen/entity.h"

namespace partyscreen {

struct NormalizedName {
  std::vector<std::string> tokens;       // name words, lower-case ASCII, in order
  std::vector<TokenScript> scripts;      // one per token: the script the word was written in
  std::vector<std::string> legal_forms;  // canonical codes of the legal forms found ("LTD", "LLC")
  std::vector<std::string> dropped;      // honorifics removed

  // The tokens joined by single spaces, followed by the legal forms in brackets ("dahua [LTD]").
  std::string Display() const;
};

// Splits lower-case ASCII text into words: letters and digits; apostrophes are removed inside a
// word ("o'brien" -> "obrien"); every other character separates words.
std::vector<std::string> TokenizeAscii(std::string_view latin_ascii);

NormalizedName NormalizeName(std::string_view name, Schema schema = Schema::kUnknown);

// The other readings of a name with legal forms, besides NormalizeName's (none for most names):
// - a form glued to the last word before a further form ("HADLERCO LIMITED": NormalizeName reads
//   "hadlerco" [LTD], this "hadler" [CO LTD]) taken off, for an organisation;
// - the first form glued onto the last word, when it is a short form that could end a word ("ACEX
//   OY" read "acexoy"): NormalizeName splits a glued form off only when its letters end no word
//   ("gomeltd" = "gome" [LTD]) or a capital shows it ("SiemensAG"), so the query "ACEXOY" reads
//   "acexoy" and "INTERLAB" stays one word.
// A listed name is indexed under every reading (Screener::Build): the query may be written either
// way. `first_reading` is NormalizeName(name, schema): a name without legal forms has no other
// reading, and most names are answered from it without normalising again.
std::vector<NormalizedName> OtherReadings(std::string_view name, Schema schema,
                                          const NormalizedName& first_reading);

// True for words with almost no identity ("of", "the", "de"): weighted low, never blocking keys.
bool IsStopword(std::string_view token);

// True for words of Latin-script legal forms ("limited", "liability", "joint", "stock").
bool IsLegalWord(std::string_view token);

// True for place words that qualify an organisation name ("zhejiang", "moscow", "china"): the
// qualifiers table, or a country name of 4+ letters (normalize/country.h).
bool IsPlaceQualifier(std::string_view token);

}  // namespace partyscreen
