// Word weights: how much a word says about who a name is ("hikvision" much, "trading" little).
//
// The weight of a word is its inverse document frequency, log(N / df) + 1, over a FIXED reference
// corpus: the distinct normalised names of every published list in shared/lists, counted once by
// tools/make_token_weights into data/tables/token_weights.tsv and compiled in. Because the table
// does not depend on which lists are loaded, a score depends only on the two names compared and
// the engine version: loading, adding or removing list entries never moves the score of another
// pair. Delta re-screening relies on that (include/partyscreen/query_index.h).
//   - A word in the table weighs log(N / df) + 1.
//   - A word not in the table that is one edit from table words (a typo of "liability") weighs as
//     the rarest of them; any other word weighs as a word seen once (log(N) + 1).
// Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/flat_string_map.h"

namespace partyscreen {

struct WordWeight {
  float presence = 0;               // Weight()
  float evidence = 0;               // EvidenceWeight() <= presence
  float person_evidence = 0;        // PersonEvidenceWeight() <= presence
  bool common_person_name = false;  // in the table of common given names and surnames
};

// What a match on a given name or surname common in the population proves in a person's name: no
// more than a word found in one name in kCommonPersonNameShare ("Sergey", "Morozov", "Garcia":
// thousands of people share them, so two of them matched say little next to a listed patronymic
// or second surname the query lacks).
inline constexpr float kCommonPersonNameShare = 50.0f;

// What a match on an ordinary word of the language proves in an organisation's name: no more
// than a word found in one name in kCommonWordShare ("golden", "mountain", "systems": a spelling
// dictionary's lower-case words, data/tables/common_words.tsv). Real company names are made of
// such words, so two firms sharing them are often two firms; a coined word ("hikvision") is not
// in the dictionary and keeps its rarity on the lists. An unmatched one still costs its full
// weight. Persons are not affected (their names are weighed by kCommonPersonNameShare).
inline constexpr float kCommonWordShare = 200.0f;

class TokenWeights {
 public:
  // Parses tables in the token_weights.tsv format; lines that do not parse are skipped.
  // `common_person_names`, `common_words`: one word a line (data/tables/common_person_names.tsv,
  // common_words.tsv), '#' comments.
  explicit TokenWeights(std::string_view list_table, std::string_view background_table = {},
                        std::string_view common_person_names = {},
                        std::string_view common_words = {});

  // The table compiled into the binary, parsed once.
  static const TokenWeights& Default();

  // Both weights of a word (one lookup).
  WordWeight Weights(std::string_view token) const;
  // How much the word's presence says: its rarity on the lists (the rules above). An unmatched
  // word counts against a match with this weight.
  float Weight(std::string_view token) const { return Weights(token).presence; }
  // How much a match on the word proves: Weight, but no more than the word's rarity among
  // ordinary names (the background table) when it is in that table. "southern" is rare on the
  // lists and common among real company names: a match on it alone proves little.
  float EvidenceWeight(std::string_view token) const { return Weights(token).evidence; }
  // EvidenceWeight, but for a word in a person's name no more than a common given name or
  // surname proves (kCommonPersonNameShare) when the word is one.
  float PersonEvidenceWeight(std::string_view token) const {
    return Weights(token).person_evidence;
  }
  float UnseenWeight() const { return unseen_weight_; }
  size_t size() const { return table_.size(); }

 private:
  // The weight of a word not in the table: its rarest one-edit neighbour's, or the unseen weight.
  float NeighbourWeight(std::string_view token) const;

  uint64_t instance_id_ = 0;  // distinguishes tables in the per-thread memo of Weight()
  // Every word's weights (list words, background words, common person names): Weights() runs for
  // every word of every query.
  FlatStringMap<WordWeight> table_;
  float unseen_weight_ = 1;
  // The list table's words by id (for typo neighbours): text in word_chars_, and weight.
  struct Word {
    uint32_t begin, size;
    float weight;
  };
  std::vector<Word> words_;
  std::string word_chars_;
  // (one-deletion key (match/blocking.h), word id) of every list word, sorted.
  std::vector<std::pair<uint64_t, uint32_t>> neighbours_;
};

}  // namespace partyscreen
