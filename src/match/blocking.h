// Blocking keys: corpus-independent hashes that two names share whenever the scorer can match them.
//
// The scorer (name_score.h) scores 0 unless some aligned pair "anchors" the match: a word equal
// to, or one edit from, a word of the other name (both words of 4+ letters for the edit), or one
// word against two neighbouring words joined. The keys of a name are therefore, for each of its
// "units" (each word of 2+ letters that is not a stopword, and each pair of neighbouring words
// joined, when 4+ letters long):
//   - the unit itself, and
//   - for units of 4+ letters, every string made by deleting one letter.
// Two strings one edit apart (insert, delete, substitute, swap) always share such a string, so
// any anchoring pair shares a key (the recall property in screener.h). Keys are 64-bit FNV-1a
// hashes; collisions only add candidates, they never lose one.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

// A string a name can be found by: one word, or two neighbouring words joined.
struct BlockingUnit {
  std::string text;
  int first_token = 0;  // the token(s) it covers: [first_token, first_token + token_count)
  int token_count = 1;
};

std::vector<BlockingUnit> BlockingUnits(const std::vector<std::string>& tokens);

uint64_t HashKey(std::string_view s);

// Appends the keys of one unit: its hash, for 4+ letters the hash of each one-deletion, and for
// a unit ending in -ies (6+ letters) the hash of its -y singular.
void AppendUnitKeys(std::string_view unit, std::vector<uint64_t>* keys);

// Sorted, de-duplicated keys of a token list.
std::vector<uint64_t> BlockingKeysOfTokens(const std::vector<std::string>& tokens);

}  // namespace partyscreen
