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

#include "partyscreen/entity.h"
#include "translit/token_script.h"

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

// Every reading of a listed name: NormalizeName's first, then the others (most names have none):
// - each short compound read as one word: words joined by a hyphen where a part has 4 letters or
//   fewer ("BLUE-STAR" read "bluestar", "Kyong-Chol" read "kyongchol"), or by a capital inside a
//   word ("AdCom" read "adcom"), so that a typo in a short part is a typo of the compound;
// - for an organisation, a form glued to the last word before a further form taken off
//   ("HADLERCO LIMITED": NormalizeName reads "hadlerco" [LTD], this "hadler" [CO LTD]);
// - the first form glued onto the last word, when it is a short form that could end a word ("ACEX
//   OY" read "acexoy"): NormalizeName splits a glued form off only when its letters end no word
//   ("gomeltd" = "gome" [LTD]) or a capital shows it ("SiemensAG"), so the query "ACEXOY" reads
//   "acexoy" and "INTERLAB" stays one word.
// A listed name is indexed under every reading (Screener::Build) and compared under each
// (CompareNames): the query may be written either way. Readings with the same words as the
// first are left out.
std::vector<NormalizedName> NameReadings(std::string_view name, Schema schema);

// True for words with almost no identity ("of", "the", "de"): weighted low, never blocking keys.
bool IsStopword(std::string_view token);
// True for the stopwords that join two other words (prepositions, conjunctions: "of", "on",
// "and"): such a word never begins a name, so as a name's first word it is a word of the name.
bool IsJoiningWord(std::string_view token);

// True for words of Latin-script legal forms ("limited", "liability", "joint", "stock").
bool IsLegalWord(std::string_view token);

// True for place words that qualify an organisation name ("zhejiang", "moscow", "china"): the
// qualifiers table, or a country name of 4+ letters (normalize/country.h).
bool IsPlaceQualifier(std::string_view token);

// True for words that name a body that does not trade ("association", "foundation",
// nonprofit_words.txt).
bool IsNonprofitWord(std::string_view token);
// True when one of the legal form codes is a commercial form (any form in legal_forms.tsv but
// those marked "nonprofit": "LTD", "CORP", not "EV").
bool HasCommercialForm(const std::vector<std::string>& legal_form_codes);

}  // namespace partyscreen
