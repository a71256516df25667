#include "lists/shrink_check.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace partyscreen {

void CountEntitySource(std::string_view entity_id, SourceCounts& counts) {
  const std::string_view source = entity_id.substr(0, entity_id.find(':'));
  auto it = counts.find(source);
  if (it == counts.end()) it = counts.emplace(std::string(source), 0).first;
  ++it->second;
}

SourceCounts CountBySource(const Snapshot& snapshot) {
  SourceCounts counts;
  for (const Entity& e : snapshot.entities) CountEntitySource(e.id, counts);
  return counts;
}

Status CheckShrink(const SourceCounts& before, const SourceCounts& after,
                   const ShrinkPolicy& policy) {
  if (!(policy.max_shrink >= 0 && policy.max_shrink <= 1))
    return Status::InvalidArgument("max shrink must be between 0 and 1");
  std::vector<std::string> shrunk;
  for (const auto& [source, was] : before) {
    const auto it = after.find(source);
    const uint64_t now = it == after.end() ? 0 : it->second;
    if (was == 0 || now >= was) continue;
    const double lost = static_cast<double>(was - now) / static_cast<double>(was);
    if (lost <= policy.max_shrink) continue;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%.1f%%", 100 * lost);
    shrunk.push_back("'" + source + "' " + std::to_string(was) + " -> " + std::to_string(now) +
                     " entities (-" + percent + ")");
  }
  if (shrunk.empty()) return Status::Ok();
  std::string list;
  for (const std::string& s : shrunk) list += (list.empty() ? "" : ", ") + s;
  char limit[16];
  std::snprintf(limit, sizeof limit, "%g", policy.max_shrink);
  return Status::InvalidArgument(
      "list update refused: " + list + " since the previous version, more than the allowed " +
      limit + " (a truncated download or the wrong file?); check the list files, or accept with " +
      policy.override_hint);
}

Result<double> ParseMaxShrink(std::string_view text) {
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v) || v < 0 || v > 1)
    return Status::InvalidArgument("max shrink '" + s + "': give a number from 0 to 1");
  return v;
}

Result<ShrinkPolicy> ReloadShrinkPolicy(std::string_view max_shrink) {
  ShrinkPolicy policy;
  policy.override_hint = "POST /admin/reload?max_shrink=1";
  if (!max_shrink.empty()) {
    auto parsed = ParseMaxShrink(max_shrink);
    if (!parsed.ok()) return parsed.status();
    policy.max_shrink = *parsed;
  }
  return policy;
}

Status CheckSnapshotShrink(const Snapshot& serving, const Snapshot& next,
                           const ShrinkPolicy& policy) {
  if (policy.max_shrink >= 1 || next.hash == serving.hash) return Status::Ok();
  return CheckShrink(CountBySource(serving), CountBySource(next), policy);
}

}  // namespace partyscreen
