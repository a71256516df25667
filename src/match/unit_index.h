// UnitIndex: the blocking units (blocking.h) of many names -> the names holding them, plus the
// keys of every unit (its sound fold's one-deletions, its cross-script keys) -> the units, so
// that all units that anchor a match with a given unit are found with a few hash lookups. The
// Screener indexes the list aliases with it, QueryIndex the queries (a customer register): the same
// structure seen from either side. Layout: compressed sparse rows (vocab -> postings, key -> vocab
// ids) and an open-addressing key table. Immutable after Build; Meet is thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/binary_io.h"
#include "core/huge_pages.h"
#include "core/string_table.h"
#include "match/blocking.h"
#include "match/name_score.h"
#include "match/similarity.h"
#include "translit/cross_script.h"

namespace partyscreen {

// Which indexed names the units of one name met, and how: filled by UnitIndex::Meet, read and
// cleared by the caller (every entry it touched must be reset to {} before the next Meet).
struct UnitMeetings {
  struct Met {
    uint64_t mask = 0;  // which words (first 64) of the searched name met this indexed name
    float weight = 0;   // weight of the indexed name's units that were met (summed)
  };
  std::vector<Met> met;           // by indexed name
  std::vector<uint32_t> touched;  // indexed names whose entry is no longer {}
};

class UnitIndex {
 public:
  struct Posting {
    uint32_t name;  // which indexed name
    float weight;   // the unit's words' weights in that name (summed if the unit repeats)
  };

  // Indexes names 0 .. count-1; name_at(i) gives name i (its tokens and their weights).
  // `of_queries`: the names are queries (a customer register) searched by list names, not list
  // names searched by queries; it decides which side's words match across scripts.
  void Build(size_t count, const std::function<const WeightedName&(size_t)>& name_at,
             bool of_queries = false);

  // Walks the blocking units of a name and records in `m` every indexed name that holds a unit
  // matching one of them so as to anchor (similarity.h: CompareWords, every kind but kNone and
  // kInitial): the searched name's words involved (bits) and the indexed name's weight of the
  // units met.
  void Meet(const WeightedName& name, UnitMeetings* m) const;

  size_t memory_bytes() const;

  // The index as bytes. `with_cross_keys` also writes each unit's cross-script keys (about 1 us a
  // unit to compute: the Korean and Chinese syllable keys), which Read then takes as written.
  void Write(BinaryWriter& out, bool with_cross_keys = false) const;
  // Reads what Write wrote for `name_count` names (with the same `with_cross_keys`); false (and a
  // failed reader) if it is not a consistent index of that many names, so a corrupt file cannot
  // make lookups read out of range.
  bool Read(BinaryReader& in, size_t name_count, bool with_cross_keys = false);

 private:
  static constexpr int kCrossFamilies = 4;  // KeyFamily values (cross_script_match.h)
  // Key slots per unit: each family's keys (blocking.h: CrossScriptKeysBySlot).
  static constexpr int kSlotsPerUnit = kCrossKeySlots;

  // The vocabulary entries that match `unit` so as to anchor (CompareWords), ascending and
  // distinct, into *out (cleared first).
  void MatchingUnits(const BlockingUnit& unit, std::vector<uint32_t>* out) const;
  // True when two units' key slots (kSlotsPerUnit each) hold an equal key in family f.
  static bool SharesKeyInFamily(const uint64_t* searched, const uint64_t* indexed, int f);
  // True when the vocabulary entry v, found through the searched unit's key in cross-script
  // family f, matches it across scripts in that family.
  // `searched_units`: the searched word parsed by ParseForFamily (alignment families), or null
  // to parse both words here; `searched_probe`: the searched query word as a probe (a list-side
  // index and an alignment family only), or null.
  bool MatchesInFamily(uint32_t v, int f, const WordView& searched,
                       const CrossScriptUnits* searched_units = nullptr,
                       const CrossScriptProbe* searched_probe = nullptr) const;
  // Fills vocab_cross_ (unless `keys_known`: read from a file) and vocab_latin_units_ from the
  // vocabulary.
  void FillCrossKeys(bool keys_known = false);
  // List side: orders the units of each alignment-family key (key_vocab_ ranges by key_begin) by
  // their Latin units, so that a query word's probe aligns neighbours sharing a beginning
  // (CrossScriptProbe reuses the columns of the previous word).
  void SortAlignmentKeyLists(const std::vector<uint64_t>& keys,
                             const std::vector<uint32_t>& key_begin);
  // Fills families_present_ from the vocabulary.
  void FillVocabFacts();

  static constexpr uint64_t kMixFactor = 0xff51afd7ed558ccdULL;
  static uint64_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= kMixFactor;
    k ^= k >> 33;
    return k;
  }
  // The inverse of Mix: x ^= x >> 33 undoes itself (the shift is over half the word), and an odd
  // factor has an inverse modulo 2^64 (Newton's iteration doubles the correct low bits each step).
  static constexpr uint64_t InverseOf(uint64_t odd) {
    uint64_t inverse = odd;  // correct to 3 bits: odd * odd == 1 (mod 8)
    for (int i = 0; i < 5; ++i) inverse *= 2 - odd * inverse;
    return inverse;
  }
  static uint64_t Unmix(uint64_t k) {
    static_assert(kMixFactor * InverseOf(kMixFactor) == 1);
    k ^= k >> 33;
    k *= InverseOf(kMixFactor);
    k ^= k >> 33;
    return k;
  }
  // One slot of the open-addressing key table: a key and its units, key_vocab_[begin .. end).
  // One cache line serves a lookup (the key, where its list is and whether it is pure).
  struct Slot {
    uint64_t key = kEmptySlot;
    uint32_t begin = 0, end = 0;
  };
  // The slot of `key`, or nullptr.
  const Slot* FindSlot(uint64_t key) const {
    if (slots_.empty() || key == kEmptySlot) return nullptr;
    for (uint64_t h = Mix(key) >> slot_shift_;; h = (h + 1) & slot_mask_) {
      if (slots_[h].key == key) return &slots_[h];
      if (slots_[h].key == kEmptySlot) return nullptr;
    }
  }
  // Builds slots_ and slot_pure_ from the unique keys (in slot order), where each key's units
  // begin in key_vocab_, and vocab_cross_.
  void BuildKeyTable(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& key_begin);

  static constexpr uint64_t kEmptySlot = ~uint64_t{0};
  size_t name_count_ = 0;
  StringTable vocab_;      // distinct units (sound folds)
  StringTable vocab_raw_;  // their spellings
  std::vector<TokenScript> vocab_script_;
  bool of_queries_ = false;
  // kSlotsPerUnit per unit: its cross-script key hashes, by CrossScriptKeysBySlot.
  std::vector<uint64_t, HugePageAllocator<uint64_t>> vocab_cross_;
  // List side: each Latin unit as the abjad and Cyrillic alignments read it, parsed once (a
  // query word in those scripts is aligned with hundreds of them).
  std::vector<CrossScriptUnits> vocab_latin_units_;
  // Bit f: units of KeyFamily f's scripts (query side) or Latin units with its keys (list side)
  // are indexed, so a search computes that family's keys.
  unsigned families_present_ = 0;
  std::vector<uint32_t> vocab_begin_;  // postings of unit v: [vocab_begin_[v], vocab_begin_[v+1])
  std::vector<Posting> postings_;
  std::vector<uint32_t, HugePageAllocator<uint32_t>> key_vocab_;  // each key's units (see Slot)
  std::vector<Slot, HugePageAllocator<Slot>> slots_;  // open addressing: key -> its units
  // Bit f of slot_pure_[s]: every unit listed under slots_[s].key has it as its key in family f
  // (no hash collision with another key), so a search need not check each unit's key.
  std::vector<uint8_t> slot_pure_;
  uint64_t slot_mask_ = 0;
  int slot_shift_ = 64;  // a key's first slot: the high bits of Mix(key)
};

}  // namespace partyscreen
