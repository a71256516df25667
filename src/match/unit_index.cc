#include "match/unit_index.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel.h"
#include "match/cross_script_match.h"

namespace partyscreen {

void UnitIndex::Build(size_t count, const std::function<const WeightedName&(size_t)>& name_at,
                      bool of_queries) {
  of_queries_ = of_queries;
  struct UnitInName {
    uint32_t vocab, name;
    float weight;
  };
  name_count_ = count;
  std::unordered_map<std::string, uint32_t> vocab_id;
  std::vector<UnitInName> units;
  std::string id;
  std::vector<BlockingUnit> name_units;
  std::string joined;
  for (size_t n = 0; n < count; ++n) {
    const WeightedName& name = name_at(n);
    BlockingUnits(name, &name_units, &joined);
    for (const BlockingUnit& u : name_units) {
      // A unit is its fold, spelling and script: "mahmood" and "mahmoud" share a fold, not keys
      // across scripts.
      id.assign(u.text).append(1, '\0').append(u.raw).append(1, static_cast<char>(u.script));
      auto [it, inserted] = vocab_id.emplace(id, static_cast<uint32_t>(vocab_.size()));
      if (inserted) {
        vocab_.Append(u.text);
        vocab_raw_.Append(u.raw);
        vocab_script_.push_back(u.script);
      }
      float w = 0;
      for (int i = u.first_token; i < u.first_token + u.token_count; ++i) w += name.weights[i];
      units.push_back({it->second, static_cast<uint32_t>(n), w});
    }
  }
  // Counting sort by unit: names were visited in order, so each unit's postings come out sorted
  // by name, and a unit repeated in one name is adjacent.
  std::vector<uint32_t> begin(vocab_.size() + 1, 0);
  for (const UnitInName& u : units) ++begin[u.vocab + 1];
  for (size_t v = 0; v < vocab_.size(); ++v) begin[v + 1] += begin[v];
  std::vector<UnitInName> sorted(units.size());
  for (const UnitInName& u : units) sorted[begin[u.vocab]++] = u;
  units = {};
  vocab_begin_.assign(vocab_.size() + 1, 0);
  postings_.reserve(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    const UnitInName& u = sorted[i];
    if (i > 0 && u.vocab == sorted[i - 1].vocab && u.name == sorted[i - 1].name) {
      postings_.back().weight += u.weight;  // the same unit twice in one name
      continue;
    }
    postings_.push_back({u.name, u.weight});
    ++vocab_begin_[u.vocab + 1];
  }
  for (size_t v = 0; v < vocab_.size(); ++v) vocab_begin_[v + 1] += vocab_begin_[v];
  // Keys of each unit.
  std::vector<std::pair<uint64_t, uint32_t>> key_vocab;
  std::vector<uint64_t> unit_keys;
  FillCrossKeys();
  FillVocabFacts();
  for (uint32_t v = 0; v < vocab_.size(); ++v) {
    unit_keys.clear();
    const BlockingUnit unit{vocab_[v], vocab_raw_[v], vocab_script_[v], 0, 1};
    AppendSpellingKeys(unit, &unit_keys);
    for (int k = 0; k < kSlotsPerUnit; ++k)
      if (vocab_cross_[v * kSlotsPerUnit + k] != 0)
        unit_keys.push_back(vocab_cross_[v * kSlotsPerUnit + k]);
    // Held as Mix(key), the order of the slots, so that sorting compares plain numbers (the key
    // comes back through Unmix).
    for (uint64_t k : unit_keys) key_vocab.emplace_back(Mix(k), v);
  }
  // Keys in the order of their slots in the key table (Mix is a bijection: a strict order), so
  // that building the table writes it front to back instead of at random.
  // On std::threads, not std::execution::par: TBB's allocator kept the parallel sort's buffers
  // cached outside malloc, +1-2 MB of RSS per server reload (core/parallel.h).
  ParallelSort(key_vocab.begin(), key_vocab.end(), ThreadsOrAllCores(0),
               std::less<std::pair<uint64_t, uint32_t>>());
  key_vocab.erase(std::unique(key_vocab.begin(), key_vocab.end()), key_vocab.end());
  key_vocab_.reserve(key_vocab.size());
  std::vector<uint64_t> keys;       // unique keys, in slot order
  std::vector<uint32_t> key_begin;  // units of keys[i]: key_vocab_[key_begin[i] .. key_begin[i+1])
  for (size_t i = 0; i < key_vocab.size(); ++i) {
    if (i == 0 || key_vocab[i].first != key_vocab[i - 1].first) {
      keys.push_back(Unmix(key_vocab[i].first));
      key_begin.push_back(static_cast<uint32_t>(i));
    }
    key_vocab_.push_back(key_vocab[i].second);
  }
  key_begin.push_back(static_cast<uint32_t>(key_vocab.size()));
  if (!of_queries_) SortAlignmentKeyLists(keys, key_begin);
  BuildKeyTable(keys, key_begin);
}

void UnitIndex::SortAlignmentKeyLists(const std::vector<uint64_t>& keys,
                                      const std::vector<uint32_t>& key_begin) {
  // The keys of the alignment families (abjad, Cyrillic: the first slots of a unit): a few
  // thousand coarse skeletons, each listing many Latin units.
  static_assert(static_cast<int>(KeyFamily::kAbjad) == 0 &&
                static_cast<int>(KeyFamily::kCyrillic) == 1);
  std::unordered_set<uint64_t> alignment_keys;
  for (size_t v = 0; v < vocab_.size(); ++v)
    for (int k = 0; k < CrossKeySlotBegin(static_cast<int>(KeyFamily::kHan)); ++k)
      if (const uint64_t key = vocab_cross_[v * kSlotsPerUnit + k]; key != 0)
        alignment_keys.insert(key);
  auto units_less = [&](uint32_t a, uint32_t b) {
    const CrossScriptUnits& ua = vocab_latin_units_[a];
    const CrossScriptUnits& ub = vocab_latin_units_[b];
    const int order = std::memcmp(ua.u.data(), ub.u.data(), std::min(ua.n, ub.n));
    if (order != 0) return order < 0;
    return ua.n != ub.n ? ua.n < ub.n : a < b;
  };
  for (size_t i = 0; i < keys.size(); ++i)
    if (alignment_keys.count(keys[i]))
      std::sort(key_vocab_.begin() + key_begin[i], key_vocab_.begin() + key_begin[i + 1],
                units_less);
}

void UnitIndex::FillCrossKeys(bool keys_known) {
  static_assert(kCrossFamilies == kKeyFamilyCount && kSlotsPerUnit == kCrossKeySlots);
  if (!keys_known) vocab_cross_.assign(vocab_.size() * kSlotsPerUnit, 0);
  vocab_latin_units_.assign(of_queries_ ? 0 : vocab_.size(), CrossScriptUnits{});
  // The keys (Korean and Chinese syllable segmentation, consonant skeletons) cost ~1 us a unit:
  // computed on every core.
  ParallelFor(
      vocab_.size(), ThreadsOrAllCores(0),
      [&](size_t v) {
        if (!keys_known) {
          const BlockingUnit unit{vocab_[v], vocab_raw_[v], vocab_script_[v], 0, 1};
          CrossScriptKeysBySlot(unit, of_queries_, ~0u, &vocab_cross_[v * kSlotsPerUnit]);
        }
        if (!of_queries_ && vocab_script_[v] == TokenScript::kLatin)
          // A Latin spelling parses the same for every family; kAbjad only names one.
          vocab_latin_units_[v] = ParseForFamily(KeyFamily::kAbjad, vocab_raw_[v], false);
      },
      1024);
}

void UnitIndex::FillVocabFacts() {
  families_present_ = 0;
  for (uint32_t v = 0; v < vocab_.size(); ++v) {
    if (of_queries_) {
      const FamilySet fs = FamiliesOf(vocab_script_[v]);
      for (int i = 0; i < fs.count; ++i)
        families_present_ |= 1u << static_cast<int>(fs.families[i]);
    } else if (vocab_script_[v] == TokenScript::kLatin) {
      families_present_ = (1u << kKeyFamilyCount) - 1;
    }
  }
}

bool UnitIndex::SharesKeyInFamily(const uint64_t* searched, const uint64_t* indexed, int f) {
  // Any equal non-zero pair. The searched unit's keys first: most searches have none, and then
  // the indexed unit's slots (a cache miss each) are not read. Keys fill a family's slots from
  // its first: the first 0 ends them.
  const int begin = CrossKeySlotBegin(f), end = CrossKeySlotBegin(f + 1);
  if (searched[begin] == 0) return false;
  for (int a = begin; a < end && searched[a] != 0; ++a)
    for (int b = CrossKeySlotBegin(f); b < CrossKeySlotBegin(f + 1) && indexed[b] != 0; ++b)
      if (searched[a] == indexed[b]) return true;
  return false;
}

bool UnitIndex::MatchesInFamily(uint32_t v, int f, const WordView& searched,
                                const CrossScriptUnits* searched_units,
                                const CrossScriptProbe* searched_probe) const {
  // The comparison across scripts reads spellings and scripts only: the fold is left out, which
  // spares a cache miss per candidate (a key meets thousands of them).
  const KeyFamily family = static_cast<KeyFamily>(f);
  const WordView indexed{{}, vocab_raw_[v], vocab_script_[v]};
  const WordView& query = of_queries_ ? indexed : searched;
  const WordView& list = of_queries_ ? searched : indexed;
  if (searched_units == nullptr) return Anchors(CrossScriptMatchInFamily(family, query, list).kind);
  if (searched_probe != nullptr)  // a list-side index: the searched word is the query
    return Anchors(
        CrossScriptMatchInFamily(family, query, *searched_probe, list, vocab_latin_units_[v]).kind);
  // Parsed words: the searched one by the caller, a list-side Latin unit at build.
  const CrossScriptUnits parsed =
      of_queries_ ? ParseForFamily(family, indexed.raw, true) : CrossScriptUnits{};
  const CrossScriptUnits& indexed_units = of_queries_ ? parsed : vocab_latin_units_[v];
  const CrossScriptUnits& query_units = of_queries_ ? indexed_units : *searched_units;
  const CrossScriptUnits& list_units = of_queries_ ? *searched_units : indexed_units;
  return Anchors(CrossScriptMatchInFamily(family, query, query_units, list, list_units).kind);
}

void UnitIndex::MatchingUnits(const BlockingUnit& unit, std::vector<uint32_t>* out) const {
  thread_local std::vector<uint64_t> keys;
  thread_local std::vector<uint32_t> judged;
  keys.clear();
  judged.clear();
  out->clear();
  // The searched unit's cross-script keys, if the index holds units they can meet.
  uint64_t cross[kSlotsPerUnit] = {};
  if (families_present_ != 0) CrossScriptKeysBySlot(unit, !of_queries_, families_present_, cross);
  const WordView searched{unit.text, unit.raw, unit.script};
  bool any_cross = false;
  for (uint64_t k : cross) any_cross = any_cross || k != 0;

  // 1. Units sharing a spelling key (few): each compared in full, spelling then scripts. A unit
  // shares several keys with a close one (an equal unit all of them): each is judged once, its
  // stamp saying it was (cheaper than sorting the lists). The stamps serve every index the
  // thread searches: each search takes a new epoch, so older stamps never look current.
  thread_local std::vector<uint32_t> stamp;
  thread_local uint32_t epoch = 0;
  if (stamp.size() < vocab_.size()) stamp.resize(vocab_.size(), 0);
  if (++epoch == 0) {  // wrapped: no stamp may look current
    std::fill(stamp.begin(), stamp.end(), 0);
    epoch = 1;
  }
  AppendSpellingKeys(unit, &keys);
  if (unit.raw != unit.text) {  // fold and spelling share most one-deletions: one lookup each
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  }
  // Each step reads large tables at random (the memory, not the comparisons, is the cost): the
  // slots of all keys are requested first, then their lists, then each candidate's entries a few
  // candidates ahead, so that the cache misses overlap instead of following one another.
  if (slots_.empty()) keys.clear();  // an empty index: no slots to look at
  for (uint64_t k : keys) __builtin_prefetch(&slots_[Mix(k) >> slot_shift_]);
  thread_local std::vector<const Slot*> found;
  found.clear();
  for (uint64_t k : keys)
    if (const Slot* slot = FindSlot(k)) {
      found.push_back(slot);
      __builtin_prefetch(&key_vocab_[slot->begin]);
    }
  thread_local std::vector<uint32_t> candidates;
  candidates.clear();
  for (const Slot* slot : found)
    candidates.insert(candidates.end(), key_vocab_.begin() + slot->begin,
                      key_vocab_.begin() + slot->end);
  constexpr size_t kAhead = 4;
  for (size_t c = 0; c < candidates.size(); ++c) {
    if (c + 2 * kAhead < candidates.size()) {
      const uint32_t later = candidates[c + 2 * kAhead];
      __builtin_prefetch(&stamp[later]);
      vocab_.PrefetchBounds(later);
      vocab_raw_.PrefetchBounds(later);
    }
    if (c + kAhead < candidates.size()) {
      vocab_.PrefetchChars(candidates[c + kAhead]);
      vocab_raw_.PrefetchChars(candidates[c + kAhead]);
    }
    const uint32_t v = candidates[c];
    if (stamp[v] == epoch) continue;
    stamp[v] = epoch;
    judged.push_back(v);
    const WordView indexed{vocab_[v], vocab_raw_[v], vocab_script_[v]};
    bool match = Anchors(of_queries_ ? CompareBySpelling(indexed, searched).kind
                                     : CompareBySpelling(searched, indexed).kind);
    for (int f = 0; f < kCrossFamilies && !match && any_cross; ++f)
      match = SharesKeyInFamily(cross, &vocab_cross_[v * kSlotsPerUnit], f) &&
              MatchesInFamily(v, f, searched);
    if (match) out->push_back(v);
  }

  // 2. Units sharing a cross-script key: a coarse consonant skeleton meets thousands of Latin
  // units, so they are read in place (no copy, no sort) and checked in that key's family only.
  // A unit that shares no spelling key with the searched one cannot match it by spelling (every
  // anchoring spelling match shares a key, blocking.h), and one that matches in another family
  // is in that family's key list too, so the union is exactly what CompareWords accepts.
  // Family by family: the searched word parsed (and, for a query word, its probe tabled) once;
  // a new epoch whose stamps mark the units judged in full above and those met under one of
  // the searched unit's earlier keys in the family, each judged once.
  for (int f = 0; f < kCrossFamilies && any_cross; ++f) {
    const int first_slot = CrossKeySlotBegin(f), end_slot = CrossKeySlotBegin(f + 1);
    if (cross[first_slot] == 0) continue;
    // The alignment families compare parsed words: the searched one parsed once here, the
    // list's Latin units parsed at build.
    const KeyFamily family = static_cast<KeyFamily>(f);
    const bool align = family == KeyFamily::kAbjad || family == KeyFamily::kCyrillic;
    const CrossScriptUnits searched_units =
        align ? ParseForFamily(family, unit.raw, !of_queries_) : CrossScriptUnits{};
    // A query word compared with many list words: its bounds tabled once.
    const std::optional<CrossScriptProbe> probe =
        align && !of_queries_ ? std::optional(ProbeForFamily(family, searched_units))
                              : std::nullopt;
    if (++epoch == 0) {
      std::fill(stamp.begin(), stamp.end(), 0);
      epoch = 1;
    }
    for (uint32_t v : judged) stamp[v] = epoch;
    for (int k = first_slot; k < end_slot && cross[k] != 0; ++k) {
      const Slot* slot = FindSlot(cross[k]);
      if (slot == nullptr) continue;
      const bool pure = slot_pure_[static_cast<size_t>(slot - slots_.data())] >> f & 1;
      const uint32_t end = slot->end;
      for (uint32_t i = slot->begin; i < end; ++i) {
        if (i + 2 * kAhead < end) {
          vocab_raw_.PrefetchBounds(key_vocab_[i + 2 * kAhead]);
          __builtin_prefetch(&stamp[key_vocab_[i + 2 * kAhead]]);
        }
        if (i + kAhead < end) {
          vocab_raw_.PrefetchChars(key_vocab_[i + kAhead]);
          if (align && !of_queries_)
            __builtin_prefetch(&vocab_latin_units_[key_vocab_[i + kAhead]]);
        }
        const uint32_t v = key_vocab_[i];
        // Judged in full above or under an earlier key of the family.
        if (stamp[v] == epoch) continue;
        stamp[v] = epoch;
        const size_t raw_size = vocab_raw_[v].size();
        const size_t query_size = of_queries_ ? raw_size : unit.raw.size();
        const size_t list_size = of_queries_ ? unit.raw.size() : raw_size;
        if (!LengthsMayMatchInFamily(family, query_size, list_size)) continue;
        // Another key hashing alike.
        if (!pure && !SharesKeyInFamily(cross, &vocab_cross_[v * kSlotsPerUnit], f)) continue;
        const bool match = MatchesInFamily(v, f, searched, align ? &searched_units : nullptr,
                                           probe ? &*probe : nullptr);
        if (match) out->push_back(v);
      }
    }
  }
  // The report order: ascending, each unit once (a unit may match in two families).
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void UnitIndex::Meet(const WeightedName& name, UnitMeetings* m) const {
  if (m->met.size() < name_count_) m->met.resize(name_count_);
  thread_local std::vector<BlockingUnit> units;
  thread_local std::string joined;
  BlockingUnits(name, &units, &joined);
  for (const BlockingUnit& u : units) {
    if (u.first_token + u.token_count > 64) continue;
    const uint64_t bits = ((uint64_t{1} << u.token_count) - 1) << u.first_token;
    thread_local std::vector<uint32_t> matched;
    MatchingUnits(u, &matched);
    for (uint32_t v : matched) {
      const uint32_t end = vocab_begin_[v + 1];
      for (uint32_t p = vocab_begin_[v]; p < end; ++p) {
        // A common word has thousands of postings, scattered over m->met: fetched ahead.
        constexpr uint32_t kAhead = 8;
        if (p + kAhead < end) __builtin_prefetch(&m->met[postings_[p + kAhead].name]);
        UnitMeetings::Met& met = m->met[postings_[p].name];
        if (met.mask == 0) m->touched.push_back(postings_[p].name);
        met.mask |= bits;
        met.weight += postings_[p].weight;
      }
    }
  }
}

void UnitIndex::BuildKeyTable(const std::vector<uint64_t>& keys,
                              const std::vector<uint32_t>& key_begin) {
  size_t size = 16;
  while (size < keys.size() * 2) size <<= 1;
  slots_.assign(size, Slot{});
  slot_mask_ = size - 1;
  slot_shift_ = 64 - std::countr_zero(size);
  for (uint32_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == kEmptySlot) continue;  // a key hashing to the marker is never looked up
    uint64_t h = Mix(keys[i]) >> slot_shift_;
    while (slots_[h].key != kEmptySlot) h = (h + 1) & slot_mask_;
    slots_[h] = {keys[i], key_begin[i], key_begin[i + 1]};
  }
  // A key is pure for family f when as many units hold it as their family-f key as it lists.
  // Counted sparsely: only cross-script keys have holders (a register of a million Latin names
  // has tens of millions of keys and none of them).
  std::unordered_map<uint64_t, uint32_t> holders;  // slot * kCrossFamilies + f -> units
  for (size_t c = 0; c < vocab_cross_.size(); ++c) {
    if (vocab_cross_[c] == 0) continue;
    // A unit's keys in one family are distinct (blocking.h), so no unit is counted twice.
    const size_t f = static_cast<size_t>(CrossKeySlotFamily(static_cast<int>(c % kSlotsPerUnit)));
    if (const Slot* slot = FindSlot(vocab_cross_[c]))
      ++holders[static_cast<uint64_t>(slot - slots_.data()) * kCrossFamilies + f];
  }
  slot_pure_.assign(slots_.size(), 0);
  for (const auto& [at, count] : holders) {
    const Slot& slot = slots_[at / kCrossFamilies];
    if (count == slot.end - slot.begin)
      slot_pure_[at / kCrossFamilies] |= static_cast<uint8_t>(1u << (at % kCrossFamilies));
  }
}

void UnitIndex::Write(BinaryWriter& out, bool with_cross_keys) const {
  out.Pod<uint64_t>(name_count_);
  vocab_.Write(out);
  vocab_raw_.Write(out);
  std::vector<uint8_t> scripts(vocab_script_.size());
  for (size_t i = 0; i < scripts.size(); ++i) scripts[i] = static_cast<uint8_t>(vocab_script_[i]);
  out.PodVector(scripts);
  out.Pod<uint8_t>(of_queries_);
  out.PodVector(vocab_begin_);
  std::vector<uint32_t> names(postings_.size());
  std::vector<float> weights(postings_.size());
  for (size_t i = 0; i < postings_.size(); ++i) {
    names[i] = postings_[i].name;
    weights[i] = postings_[i].weight;
  }
  out.PodVector(names);
  out.PodVector(weights);
  // The keys in slot order (Mix order: the table is rebuilt front to back at load) with where
  // their units begin; storing the table itself was measured slower to read (2-4 slots a key).
  std::vector<Slot> used;
  for (const Slot& slot : slots_)
    if (slot.key != kEmptySlot) used.push_back(slot);
  std::sort(used.begin(), used.end(),
            [](const Slot& a, const Slot& b) { return Mix(a.key) < Mix(b.key); });
  std::vector<uint64_t> keys(used.size());
  std::vector<uint32_t> key_begin(used.size() + 1, static_cast<uint32_t>(key_vocab_.size()));
  for (size_t i = 0; i < used.size(); ++i) {
    keys[i] = used[i].key;
    key_begin[i] = used[i].begin;
  }
  out.PodVector(keys);
  out.PodVector(key_begin);
  out.PodVector(key_vocab_);
  if (with_cross_keys) out.PodVector(vocab_cross_);
}

namespace {

// Offsets [begin[i], begin[i + 1]) that start at 0, never decrease and end at `size`.
bool ValidOffsets(const std::vector<uint32_t>& begin, size_t count, size_t size) {
  if (begin.size() != count + 1 || begin.front() != 0 || begin.back() != size) return false;
  for (size_t i = 0; i < count; ++i)
    if (begin[i] > begin[i + 1]) return false;
  return true;
}

template <class T, class Alloc>
bool AllBelow(const std::vector<T, Alloc>& v, size_t limit) {
  return std::all_of(v.begin(), v.end(), [&](T x) { return static_cast<size_t>(x) < limit; });
}

}  // namespace

bool UnitIndex::Read(BinaryReader& in, size_t name_count, bool with_cross_keys) {
  *this = UnitIndex();
  name_count_ = static_cast<size_t>(in.Pod<uint64_t>());
  vocab_.Read(in);
  vocab_raw_.Read(in);
  const std::vector<uint8_t> scripts = in.PodVector<uint8_t>();
  of_queries_ = in.Pod<uint8_t>() != 0;
  vocab_begin_ = in.PodVector<uint32_t>();
  const std::vector<uint32_t> names = in.PodVector<uint32_t>();
  const std::vector<float> weights = in.PodVector<float>();
  const std::vector<uint64_t> keys = in.PodVector<uint64_t>();
  const std::vector<uint32_t> key_begin = in.PodVector<uint32_t>();
  key_vocab_ = in.PodVector<uint32_t, HugePageAllocator<uint32_t>>();
  if (with_cross_keys) vocab_cross_ = in.PodVector<uint64_t, HugePageAllocator<uint64_t>>();
  const bool ok =
      (!with_cross_keys || vocab_cross_.size() == vocab_.size() * kSlotsPerUnit) && !in.failed() &&
      name_count_ == name_count && names.size() == weights.size() &&
      vocab_raw_.size() == vocab_.size() && scripts.size() == vocab_.size() &&
      AllBelow(scripts, kTokenScriptCount) &&
      ValidOffsets(vocab_begin_, vocab_.size(), names.size()) && AllBelow(names, name_count) &&
      ValidOffsets(key_begin, keys.size(), key_vocab_.size()) &&
      AllBelow(key_vocab_, vocab_.size()) &&
      std::adjacent_find(keys.begin(), keys.end(),
                         [](uint64_t a, uint64_t b) { return Mix(a) >= Mix(b); }) == keys.end();
  if (!ok) {
    in.Fail();
    *this = UnitIndex();
    return false;
  }
  vocab_script_.resize(scripts.size());
  for (size_t i = 0; i < scripts.size(); ++i)
    vocab_script_[i] = static_cast<TokenScript>(scripts[i]);
  postings_.resize(names.size());
  for (size_t i = 0; i < names.size(); ++i) postings_[i] = {names[i], weights[i]};
  FillCrossKeys(with_cross_keys);
  FillVocabFacts();
  BuildKeyTable(keys, key_begin);
  return true;
}

size_t UnitIndex::memory_bytes() const {
  return vocab_.memory_bytes() + vocab_raw_.memory_bytes() + postings_.size() * sizeof(Posting) +
         vocab_begin_.size() * 4 + key_vocab_.size() * 4 + slots_.size() * sizeof(Slot) +
         vocab_cross_.size() * 8 + slot_pure_.size() +
         vocab_latin_units_.size() * sizeof(CrossScriptUnits);
}

}  // namespace partyscreen
