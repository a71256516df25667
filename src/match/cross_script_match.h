// Cross-script word matching: a word written in Arabic/Hebrew, Cyrillic, Chinese or Korean script
// (seen through its ASCII transliteration) against a Latin spelling of the same name.
//
// Transliteration alone cannot do it: Arabic script writes no short vowels ("صدام" is "sdam",
// the lists write "Saddam"), a Hangul syllable has several customary spellings (김 = gim = kim,
// 박 = bak = pak = park), Chinese names come in pinyin, Wade-Giles and Russian Palladius
// ("Чэнь Цюаньго" = Chen Quanguo), Russian names in several romanisation standards. Each script
// therefore has one or more *key families*: keys computed from one word alone (the consonant
// skeletons for abjads and Cyrillic, one per reading of the letters a spelling leaves open; a
// canonical syllable spelling for Chinese and Korean), shared by a word and its Latin spellings,
// and a graded similarity. A pair matches when it shares a key in one family and the family's
// similarity reaches kMinCrossScriptSimilarity.
//
// The keys are blocking keys (blocking.h) in their own hash domain per family, emitted only by
// query words of the family's scripts and by Latin list words, so Latin queries never pay for
// them and Latin words never meet each other through them. The tables and rules live in
// src/normalize/ (hangul.h, han_names.h, cross_script.h). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "match/similarity.h"
#include "translit/cross_script.h"

namespace partyscreen {

enum class KeyFamily : uint8_t { kAbjad = 0, kCyrillic = 1, kHan = 2, kHangul = 3 };
inline constexpr int kKeyFamilyCount = 4;

inline constexpr double kMinCrossScriptSimilarity = 0.6;

// The families a word of `script` is compared in against Latin words (none for kLatin, kOther);
// Cyrillic words are also read as Chinese names in the Palladius system, Hangul words as
// Chinese names in the Korean standard for Chinese (한펑 = Han Peng).
struct FamilySet {
  KeyFamily families[2];
  int count = 0;
};
FamilySet FamiliesOf(TokenScript script);

// The keys of `raw` (lower-case ASCII) in `family`; `written_in` is the script the word was
// written in (kLatin for a list's Latin word). None when the word has no such key; at most
// kMaxCrossScriptKeys: several for the alignment families, whose letters may be read several
// ways (CrossScriptKeys), and for a Hangul word read as Chinese (ChineseSoundKeysOfKoreanSpelling:
// 장 is zhang and jiang); one otherwise. A script word matches a Latin one by key when their
// lists share a key. The reference stays valid until the calling thread's next call for the
// same side (Latin or not).
using FamilyKeyList = std::vector<std::string>;
const FamilyKeyList& FamilyKeys(KeyFamily family, std::string_view raw, TokenScript written_in);

// How a non-Latin query word and a Latin list word match across scripts (kNone or
// kCrossScript); kNone unless the query word is of a script with key families and the list word
// is Latin.
WordMatch CrossScriptMatch(const WordView& query, const WordView& list);

// The Slavic name ending of a spelled word. A surname, the patronymic made of a name, a surname's
// feminine form and the bare name are different name parts ("ivanov", "ivanovich", "ivanova",
// "ivan"; "ibragimov" is not "ibrahim"): words whose endings differ never match across scripts,
// and a masculine and a feminine surname never match at all (similarity.h).
enum class SlavicEnding { kNone, kPatronymic, kMasculine, kFeminine };
SlavicEnding SlavicEndingOf(std::string_view word);

// CrossScriptMatch for a pair already known to have equal keys in `family` (the index found it
// through that key): the checks and the similarity, without computing the keys again.
WordMatch CrossScriptMatchInFamily(KeyFamily family, const WordView& query, const WordView& list);

// The units the alignment families (abjad, Cyrillic) read of a word (ParseCrossScriptUnits);
// empty for the other families. For callers comparing one word with many.
CrossScriptUnits ParseForFamily(KeyFamily family, std::string_view raw, bool from_script);
// CrossScriptMatchInFamily with both words already parsed by ParseForFamily (the query's as a
// script word, the list's as a Latin one): the same result.
WordMatch CrossScriptMatchInFamily(KeyFamily family, const WordView& query,
                                   const CrossScriptUnits& query_units, const WordView& list,
                                   const CrossScriptUnits& list_units);

// The query's units as an alignment family's probe (CrossScriptProbe, bounded at the family's
// matching level), for an index comparing one query word with many list words.
CrossScriptProbe ProbeForFamily(KeyFamily family, const CrossScriptUnits& query_units);
// CrossScriptMatchInFamily with the query's probe and the list word's units: the same result.
WordMatch CrossScriptMatchInFamily(KeyFamily family, const WordView& query,
                                   const CrossScriptProbe& query_probe, const WordView& list,
                                   const CrossScriptUnits& list_units);

// False when CrossScriptMatchInFamily(family, query, list) is kNone whatever the words, given the
// lengths of their spellings alone (the index tests it before reading the words).
bool LengthsMayMatchInFamily(KeyFamily family, size_t query_length, size_t list_length);

// One line for a reviewer: how the pair was bridged ("Korean romanisation: gim = kim").
std::string DescribeBridge(const WordView& script_side, const WordView& latin_side);

}  // namespace partyscreen
