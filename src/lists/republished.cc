#include "lists/republished.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/strings.h"

namespace partyscreen {

namespace {

std::string_view LocalId(const Entity& e) {
  const size_t colon = e.id.find(':');
  return colon == std::string::npos ? std::string_view(e.id)
                                    : std::string_view(e.id).substr(colon + 1);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsOfacSource(std::string_view source) { return source == "ofac" || source == "ofac-cons"; }

// The key two spellings of one alias share: lower case, runs of spaces as one.
std::string AliasKey(std::string_view name) {
  std::string key;
  for (char c : Trim(name)) {
    const bool space = c == ' ' || c == '\t';
    if (space && (key.empty() || key.back() == ' ')) continue;
    key.push_back(space ? ' ' : c);
  }
  return AsciiLower(key);
}

}  // namespace

std::string OfacEntryNumber(const Entity& e) {
  std::string_view local = LocalId(e);
  if (e.source == "csl") local = local.substr(0, local.find('#'));
  if (!AllDigits(local)) return "";
  const bool ofac = IsOfacSource(e.source) ||
                    (e.source == "csl" && e.list.find("Treasury Department") != std::string::npos);
  return ofac ? std::string(local) : "";
}

size_t CarryOfacAliasQuality(std::vector<Entity>& entities) {
  // Per OFAC entry number: the names OFAC marks weak, less any it also lists as strong.
  std::unordered_map<std::string, std::unordered_set<std::string>> weak_by_entry;
  for (const Entity& e : entities) {
    if (!IsOfacSource(e.source)) continue;
    const std::string number = OfacEntryNumber(e);
    if (number.empty()) continue;
    std::unordered_set<std::string> weak, strong;
    for (const Alias& a : e.aliases)
      (a.quality == AliasQuality::kWeak ? weak : strong).insert(AliasKey(a.name));
    strong.insert(AliasKey(e.name));
    for (const std::string& s : strong) weak.erase(s);
    if (!weak.empty()) weak_by_entry[number].merge(weak);
  }
  size_t marked = 0;
  if (weak_by_entry.empty()) return marked;
  for (Entity& e : entities) {
    if (e.source != "csl") continue;
    const std::string number = OfacEntryNumber(e);
    if (number.empty()) continue;
    const auto it = weak_by_entry.find(number);
    if (it == weak_by_entry.end()) continue;
    for (Alias& a : e.aliases)
      if (a.quality != AliasQuality::kWeak && it->second.count(AliasKey(a.name))) {
        a.quality = AliasQuality::kWeak;
        ++marked;
      }
  }
  return marked;
}

}  // namespace partyscreen
