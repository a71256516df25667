#include "match/blocking.h"

#include <algorithm>

#include "match/cross_script_match.h"
#include "match/name_score.h"
#include "match/similarity.h"

namespace partyscreen {

void BlockingUnits(const WeightedName& name, std::vector<BlockingUnit>* units,
                   std::string* joined) {
  units->clear();
  joined->clear();
  const std::vector<std::string>& tokens = name.tokens;
  // Room for every joined pair up front: the views into *joined must not move.
  size_t room = 0;
  // (Each word is in two joined pairs, a letter run and the whole name read two ways.)
  for (size_t i = 0; i < tokens.size(); ++i) room += 5 * (tokens[i].size() + name.raw[i].size());
  joined->reserve(room);
  auto join = [&](const std::string& a, const std::string& b) {
    const size_t at = joined->size();
    joined->append(a).append(b);
    return std::string_view(*joined).substr(at, a.size() + b.size());
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (CanAnchor(tokens[i]) || tokens[i].size() >= kMinFuzzyLength)
      units->push_back({tokens[i], name.raw[i], name.ScriptAt(i), static_cast<int>(i), 1});
    if (i + 1 < tokens.size() && Joinable(tokens[i], tokens[i + 1])) {
      const TokenScript s =
          name.ScriptAt(i) == name.ScriptAt(i + 1) ? name.ScriptAt(i) : TokenScript::kOther;
      const std::string_view text = join(tokens[i], tokens[i + 1]);
      const std::string_view raw = join(name.raw[i], name.raw[i + 1]);
      units->push_back({text, raw, s, static_cast<int>(i), 2});
    }
  }
  // Letters written apart, read as one word (ForEachLetterRun): matched only as spelled.
  ForEachLetterRun(name, [&](int b, int e) {
    const size_t text_at = joined->size();
    for (int k = b; k < e; ++k) joined->append(tokens[k]);
    const size_t raw_at = joined->size();
    for (int k = b; k < e; ++k) joined->append(name.raw[k]);
    const std::string_view all(*joined);
    units->push_back({all.substr(text_at, raw_at - text_at),
                      all.substr(raw_at, joined->size() - raw_at), TokenScript::kJoinedName, b,
                      e - b});
  });
  // The whole name read as one word (a name written without spaces, name_score.h), in its order
  // and with its first word last: matched only as spelled (kJoinedName), so its keys are its
  // spelling's alone.
  if (WholeNameJoinable(name)) {
    const size_t n = tokens.size();
    for (size_t first : {size_t{0}, size_t{1}}) {
      const size_t text_at = joined->size();
      for (size_t k = 0; k < n; ++k) joined->append(tokens[(first + k) % n]);
      const size_t raw_at = joined->size();
      for (size_t k = 0; k < n; ++k) joined->append(name.raw[(first + k) % n]);
      const std::string_view all(*joined);
      units->push_back({all.substr(text_at, raw_at - text_at),
                        all.substr(raw_at, joined->size() - raw_at), TokenScript::kJoinedName, 0,
                        static_cast<int>(n)});
    }
  }
}

uint64_t HashKey(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

void AppendSpellingKeys(const BlockingUnit& unit, std::vector<uint64_t>* keys) {
  if (unit.script == TokenScript::kJoinedName) {  // matched only as spelled: no one-edit keys
    keys->push_back(HashKey(unit.text));
    if (unit.raw != unit.text) keys->push_back(HashKey(unit.raw));
    return;
  }
  AppendUnitKeys(unit.text, keys);
  if (unit.raw != unit.text) AppendUnitKeys(unit.raw, keys);
}

void AppendUnitKeys(std::string_view unit, std::vector<uint64_t>* keys) {
  keys->push_back(HashKey(unit));
  if (unit.size() < kMinFuzzyLength) return;
  std::string deleted;
  for (size_t i = 0; i < unit.size(); ++i) {
    if (i > 0 && unit[i] == unit[i - 1]) continue;  // same string as deleting the previous letter
    deleted.assign(unit.substr(0, i));
    deleted.append(unit.substr(i + 1));
    keys->push_back(HashKey(deleted));
  }
  // The singular of an -ies plural is the plural's own key too: "technologies" meets
  // "technologi" (the fold of "technology"; similarity.h counts the pair as one edit).
  if (unit.size() >= 6 && unit.ends_with("ies"))
    keys->push_back(HashKey(unit.substr(0, unit.size() - 2)));
}

namespace {

// The hash of a cross-script key in its family's domain.
uint64_t DomainKey(KeyFamily f, const std::string& key) {
  std::string s;
  s.reserve(key.size() + 2);
  s += '\x01';
  s += static_cast<char>('0' + static_cast<int>(f));
  s += key;
  return HashKey(s);
}

}  // namespace

static_assert(CrossKeySlotBegin(kKeyFamilyCount) == kCrossKeySlots &&
              CrossKeySlotFamily(kCrossKeySlots - 1) == kKeyFamilyCount - 1);

namespace {

// Family f's keys of `raw` into its slots.
void FillFamilySlots(KeyFamily family, std::string_view raw, TokenScript written_in,
                     uint64_t by_slot[kCrossKeySlots]) {
  const int f = static_cast<int>(family);
  const FamilyKeyList& keys = FamilyKeys(family, raw, written_in);
  const size_t room = static_cast<size_t>(CrossKeySlotBegin(f + 1) - CrossKeySlotBegin(f));
  for (size_t k = 0; k < keys.size() && k < room; ++k)
    by_slot[CrossKeySlotBegin(f) + static_cast<int>(k)] = DomainKey(family, keys[k]);
}

}  // namespace

void CrossScriptKeysBySlot(const BlockingUnit& unit, bool query_side, unsigned families,
                           uint64_t by_slot[kCrossKeySlots]) {
  for (int s = 0; s < kCrossKeySlots; ++s) by_slot[s] = 0;
  if (!query_side) {
    if (unit.script != TokenScript::kLatin) return;
    for (int f = 0; f < kKeyFamilyCount; ++f)
      if (families >> f & 1)
        FillFamilySlots(static_cast<KeyFamily>(f), unit.raw, TokenScript::kLatin, by_slot);
    return;
  }
  const FamilySet fs = FamiliesOf(unit.script);
  for (int i = 0; i < fs.count; ++i)
    if (families >> static_cast<int>(fs.families[i]) & 1)
      FillFamilySlots(fs.families[i], unit.raw, unit.script, by_slot);
}

void AppendCrossScriptKeys(const BlockingUnit& unit, bool query_side, std::vector<uint64_t>* keys,
                           unsigned families) {
  uint64_t by_slot[kCrossKeySlots];
  CrossScriptKeysBySlot(unit, query_side, families, by_slot);
  for (uint64_t k : by_slot)
    if (k != 0) keys->push_back(k);
}

std::vector<uint64_t> BlockingKeysOfName(const WeightedName& name) {
  std::vector<uint64_t> keys;
  std::vector<BlockingUnit> units;
  std::string joined;
  BlockingUnits(name, &units, &joined);
  for (const BlockingUnit& u : units) {
    AppendSpellingKeys(u, &keys);
    AppendCrossScriptKeys(u, /*query_side=*/true, &keys);
    AppendCrossScriptKeys(u, /*query_side=*/false, &keys);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<uint64_t> BlockingKeysOfTokens(const std::vector<std::string>& spelled) {
  WeightedName name;
  name.SetWords(spelled, {});
  name.weights.assign(spelled.size(), 1.0f);
  return BlockingKeysOfName(name);
}

}  // namespace partyscreen
