// Blocking keys: corpus-independent hashes that two names share whenever the scorer can match them.
//
// The scorer (name_score.h) scores 0 unless some aligned pair "anchors" the match (similarity.h:
// equal or one edit apart after the sound fold, or matched across scripts), a word possibly
// against two neighbouring words joined. The keys of a name are therefore, for each of its
// "units" (each word of 2+ letters that is not a stopword, each pair of neighbouring words
// joined, when 4+ letters long, a run of letters written apart read as one word,
// ForEachLetterRun, and a whole name of 3-5 Latin words read as one word, WholeNameJoinable),
// on its sound fold:
//   - the fold itself, for folds of 4+ letters every string made by deleting one letter, and for
//     a fold in -ies (6+ letters) its -i singular. Two folds one edit apart always share such a
//     string. (A letter run or a whole name read as one word, TokenScript::kJoinedName, matches
//     only as spelled: its fold and spelling alone.)
//   - its cross-script keys (cross_script_match.h): a query word written in Arabic, Hebrew,
//     Cyrillic, Chinese or Korean script and a Latin list word carry their key in each of the
//     script's key families (a Latin query word and a non-Latin list word carry none: they are
//     compared by spelling only).
// So any anchoring pair shares a key (the recall property in screener.h). Keys are 64-bit FNV-1a
// hashes; collisions only add candidates, they never lose one. Pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "translit/cross_script.h"
#include "translit/token_script.h"

namespace partyscreen {

struct WeightedName;

// A string a name can be found by: one word, two neighbouring words joined, or the whole name
// read as one word.
// Its text views the name's words, or a buffer holding joined words (see BlockingUnits).
struct BlockingUnit {
  std::string_view text;                     // sound fold (the words' folds joined)
  std::string_view raw;                      // spelling (the words' spellings joined)
  TokenScript script = TokenScript::kLatin;  // kOther when two joined words differ in script
  int first_token = 0;  // the token(s) it covers: [first_token, first_token + token_count)
  int token_count = 1;
};

// The units of `name` into *units (cleared first). A single word's unit views the name's
// strings, a joined unit views `*joined` (cleared first): both must outlive the units and stay
// unchanged. Buffers reused from name to name make this allocation-free once they have grown.
void BlockingUnits(const WeightedName& name, std::vector<BlockingUnit>* units, std::string* joined);

uint64_t HashKey(std::string_view s);

// Appends the fold keys of one unit: its hash, for 4+ letters the hash of each one-deletion, and
// for a unit ending in -ies (6+ letters) the hash of its singular in -i.
void AppendUnitKeys(std::string_view unit, std::vector<uint64_t>* keys);

// The keys of a unit's fold and, when it is spelled otherwise, of its spelling: two words one
// edit apart as spelled or as folded share one.
void AppendSpellingKeys(const BlockingUnit& unit, std::vector<uint64_t>* keys);

// Appends the cross-script keys of a unit: for a query unit written in a script with key families
// its key in each family; for a list unit in Latin its key in each family of `families` (bit f
// for KeyFamily f); nothing otherwise. A query word and a list word that match across scripts
// share one.
void AppendCrossScriptKeys(const BlockingUnit& unit, bool query_side, std::vector<uint64_t>* keys,
                           unsigned families = ~0u);

// The same keys by slot: family f's keys (FamilyKeys, in their order) fill the slots
// [CrossKeySlotBegin(f), CrossKeySlotBegin(f + 1)), the rest 0: kMaxCrossScriptKeys for each
// alignment family (abjad, Cyrillic: slots 0-7) and for Han (8-11: a Hangul word read as Chinese
// may have several readings), one for Hangul (12).
inline constexpr int kCrossKeySlots = 3 * static_cast<int>(kMaxCrossScriptKeys) + 1;
constexpr int CrossKeySlotBegin(int family) {
  // Families 0-2 (abjad, Cyrillic, Han) take kMaxCrossScriptKeys slots each, Hangul (3) one.
  constexpr int kWide = static_cast<int>(kMaxCrossScriptKeys);
  return family <= 3 ? family * kWide : 3 * kWide + 1;
}
constexpr int CrossKeySlotFamily(int slot) {
  return std::min(slot / static_cast<int>(kMaxCrossScriptKeys), 3);
}
void CrossScriptKeysBySlot(const BlockingUnit& unit, bool query_side, unsigned families,
                           uint64_t by_slot[kCrossKeySlots]);

// Sorted, de-duplicated keys of a name as a query and as a list name: two names that can match
// share one.
std::vector<uint64_t> BlockingKeysOfName(const WeightedName& name);
// The same for Latin-script words given by spelling (tests, tools).
std::vector<uint64_t> BlockingKeysOfTokens(const std::vector<std::string>& spelled);

}  // namespace partyscreen
