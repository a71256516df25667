// UnitIndex: the blocking units (blocking.h) of many names -> the names holding them, plus the
// keys of every unit (its sound fold's one-deletions, its cross-script keys) -> the units, so
// that all units that anchor a match with a given unit are found with a few hash lookups. The
// Screener indexes the list aliases with it, QueryIndex the queries (a customer register): the same
// structure seen from either side. Layout: compressed sparse rows (vocab -> postings, key -> vocab
// ids) and an open-addressing key table. Immutable after Build; ForEachPosting is thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/binary_io.h"
#include "match/blocking.h"
#include "match/name_score.h"
#include "match/similarity.h"

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

  // Calls fn(const Posting&) for every posting of every indexed unit that matches `unit` so as to
  // anchor (similarity.h: CompareWords, every kind but kNone and kInitial). A name may be reported
  // more than once if it holds several such units.
  template <class Fn>
  void ForEachPosting(const BlockingUnit& unit, Fn&& fn) const {
    thread_local std::vector<uint64_t> keys;
    thread_local std::vector<uint32_t> hits;
    keys.clear();
    hits.clear();
    AppendSpellingKeys(unit, &keys);
    // The searched unit's cross-script keys, if the index holds units they can meet.
    uint64_t cross[kCrossFamilies] = {};
    if (families_present_ != 0) {
      CrossScriptKeysByFamily(unit, !of_queries_, families_present_, cross);
      for (uint64_t k : cross)
        if (k != 0) keys.push_back(k);
    }
    if (unit.raw != unit.text) {  // fold and spelling share most one-deletions
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
    for (uint64_t k : keys) {
      const int64_t found = FindKey(k);
      if (found < 0) continue;
      const size_t ki = static_cast<size_t>(found);
      hits.insert(hits.end(), key_vocab_.begin() + key_begin_[ki],
                  key_vocab_.begin() + key_begin_[ki + 1]);
    }
    if (hits.size() > 1) {
      std::sort(hits.begin(), hits.end());
      hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    }
    const WordView searched{unit.text, unit.raw, unit.script};
    for (uint32_t v : hits) {
      const WordView indexed{vocab_[v], vocab_raw_[v], vocab_script_[v]};
      if (!Anchors(of_queries_ ? Compare(v, indexed, searched, cross)
                               : Compare(v, searched, indexed, cross)))
        continue;
      for (uint32_t p = vocab_begin_[v]; p < vocab_begin_[v + 1]; ++p) fn(postings_[p]);
    }
  }

  // Walks the blocking units of a name (its tokens) and records in `m` every indexed name that
  // holds a unit equal to or one edit from one of them: the searched name's words involved (bits)
  // and the indexed name's weight of the units met.
  void Meet(const WeightedName& name, UnitMeetings* m) const;

  size_t memory_bytes() const;

  // The index as bytes.
  void Write(BinaryWriter& out) const;
  // Reads what Write wrote for `name_count` names; false (and a failed reader) if it is not a
  // consistent index of that many names, so a corrupt file cannot make lookups read out of range.
  bool Read(BinaryReader& in, size_t name_count);

 private:
  static constexpr int kCrossFamilies = 4;  // KeyFamily values (cross_script_match.h)

  // How a query word and a list word match (CompareWords), the vocabulary entry v being one of
  // them: the cross-script part compares the keys already hashed (cross[] of the searched unit,
  // vocab_cross_ of v) instead of computing them again.
  TokenMatch Compare(uint32_t v, const WordView& query, const WordView& list,
                     const uint64_t* cross) const;
  // Fills vocab_cross_ from the vocabulary.
  void FillCrossKeys();

  static uint64_t Mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
  }
  // Index of `key` in keys_, or -1.
  int64_t FindKey(uint64_t key) const {
    if (slot_key_.empty() || key == kEmptySlot) return -1;
    for (uint64_t h = Mix(key) >> slot_shift_;; h = (h + 1) & slot_mask_) {
      if (slot_key_[h] == key) return slot_index_[h];
      if (slot_key_[h] == kEmptySlot) return -1;
    }
  }
  void BuildKeyTable();

  static constexpr uint64_t kEmptySlot = ~uint64_t{0};
  size_t name_count_ = 0;
  std::vector<std::string> vocab_;      // distinct units (sound folds)
  std::vector<std::string> vocab_raw_;  // their spellings
  std::vector<TokenScript> vocab_script_;
  bool of_queries_ = false;
  std::vector<uint64_t> vocab_cross_;  // kCrossFamilies per unit: its cross-script key hashes
  // Bit f: units of KeyFamily f's scripts (query side) or Latin units with its keys (list side)
  // are indexed, so a search computes that family's keys.
  unsigned families_present_ = 0;
  std::vector<uint32_t> vocab_begin_;  // postings of unit v: [vocab_begin_[v], vocab_begin_[v+1])
  std::vector<Posting> postings_;
  std::vector<uint64_t> keys_;       // unique keys of all units, by Mix(key) (slot order)
  std::vector<uint32_t> key_begin_;  // units of keys_[i]: key_vocab_[key_begin_[i] ..)
  std::vector<uint32_t> key_vocab_;
  std::vector<uint64_t> slot_key_;  // open addressing: key -> index into keys_
  std::vector<uint32_t> slot_index_;
  uint64_t slot_mask_ = 0;
  int slot_shift_ = 64;  // a key's first slot: the high bits of Mix(key)
};

}  // namespace partyscreen
