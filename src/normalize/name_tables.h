// The word tables names are normalised with: legal forms, honorifics, stopwords, place qualifiers.
//
// Read from data/tables/ at build time (compiled into the binary, see CMakeLists.txt), parsed
// once on first use into an immutable object shared by every thread. Each written form is put
// through the same transliteration and tokenisation as names, so the tables may be written in
// any script and punctuation ("Co., Ltd.", "ООО", "有限公司").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/flat_string_map.h"

namespace partyscreen {

struct NameTables {
  // Token sequence of a legal form -> canonical code; `max_legal_form_tokens` bounds the search.
  struct LegalForm {
    std::string code;       // canonical code, e.g. "LTD"
    bool at_start = false;  // may also stand at the start of a name ("OOO Romashka")
  };
  std::unordered_map<std::string, LegalForm> legal_forms;  // key: tokens joined by ' '
  size_t max_legal_form_tokens = 0;
  // Words of the Latin-script legal forms (3+ letters: "limited", "liability", "joint", "stock"):
  // weighted low wherever they stand, since a form mangled or cut short is still no name.
  FlatStringMap<bool> legal_words;
  FlatStringMap<bool> honorifics;       // sound folds (sound_fold.h): "hajji" = "haji"
  FlatStringMap<bool> stopwords;        // true: a joining word (a preposition or conjunction)
  FlatStringMap<bool> qualifiers;       // place words (qualifiers.txt)
  FlatStringMap<bool> nonprofit_words;  // nonprofit_words.txt ("association")
  std::unordered_set<std::string> nonprofit_forms;  // codes marked "nonprofit" ("EV")
  // Organisation-word abbreviations -> the words they stand for (abbreviations.tsv).
  std::unordered_map<std::string, std::vector<std::string>> abbreviations;
  // Single-word legal forms of 7+ letters ("aktiengesellschaft", "corporation"): a word one typo
  // from one of these at the end of a name is that form.
  std::vector<std::string> long_legal_words;
  // Single-word Latin legal forms of 4-6 letters ("ltda", "gmbh"): a last word that is one of
  // these with a letter left out ("lta") is that form.
  std::vector<std::string> short_legal_words;
  // Latin legal forms of 2+ words ("limited liability company", "open joint stock company"), each
  // as its words and key in legal_forms: a form written with a typo in some of its words
  // ("liaaility") is still that form (name_normalizer.cc, TypoOfLegalWord).
  struct MultiWordForm {
    std::vector<std::string> words;
    std::string code;
    bool at_start = false;
  };
  std::vector<MultiWordForm> multi_word_forms;
  // The words of 7+ letters of those forms ("aktsionernoe", "obshchestvo"): a form with a typo in
  // every word is looked for only when the name's first (or last) word is one edit from one.
  std::vector<std::string> long_multi_form_words;
  // Single-word start forms marked "glued" in legal_forms.tsv ("ooo", "jsc", "pjsc"): letters no
  // word of a name begins with, so a first word that begins with one and goes on for 3+ letters
  // is the form written together with the name ("OOOVMK" = OOO VMK). The mark is a checked fact:
  // tests/normalize holds it against every word of the shipped word tables.
  std::vector<std::string> glued_start_forms;
  // Latin forms of 2+ words with the spaces left out ("sadecv", "jointstockcompany") -> key in
  // legal_forms: "S.A. DE CV", "s ro" and "sr l" are the same forms with the letters grouped
  // otherwise once the dots are gone, "JOINTSTOCK COMPANY" the same form with a space lost.
  std::unordered_map<std::string, std::string> compact_legal_forms;
  // Latin one-word forms of 2-5 letters ("sas", "eirl"), which a writer may also spell with the
  // letters apart ("S.A.S." read "s a s", "SA S", "EIR L"): a key in legal_forms.
  std::unordered_map<std::string, std::string> spaced_legal_forms;
  // Every word of every legal form (any script, any length): a run of tokens holding none of
  // these cannot be a form, so most names need no lookup at all.
  FlatStringMap<bool> form_words;
};

// The tables compiled into the binary. Thread-safe (built once, immutable).
const NameTables& DefaultNameTables();

}  // namespace partyscreen
