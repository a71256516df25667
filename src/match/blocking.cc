#include "match/blocking.h"

#include <algorithm>

#include "match/name_score.h"
#include "match/similarity.h"

namespace partyscreen {

std::vector<BlockingUnit> BlockingUnits(const std::vector<std::string>& tokens) {
  std::vector<BlockingUnit> units;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (CanAnchor(tokens[i]) || tokens[i].size() >= kMinFuzzyLength)
      units.push_back({tokens[i], static_cast<int>(i), 1});
    if (i + 1 < tokens.size() && Joinable(tokens[i], tokens[i + 1]))
      units.push_back({tokens[i] + tokens[i + 1], static_cast<int>(i), 2});
  }
  return units;
}

uint64_t HashKey(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
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
  // "technology" (similarity.h counts the pair as one edit).
  if (unit.size() >= 6 && unit.ends_with("ies")) {
    deleted.assign(unit.substr(0, unit.size() - 3)).push_back('y');
    keys->push_back(HashKey(deleted));
  }
}

std::vector<uint64_t> BlockingKeysOfTokens(const std::vector<std::string>& tokens) {
  std::vector<uint64_t> keys;
  for (const BlockingUnit& u : BlockingUnits(tokens)) AppendUnitKeys(u.text, &keys);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace partyscreen
