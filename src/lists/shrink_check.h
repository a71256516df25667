// The shrink check: refuses a new version of a list that lost too many of its entities.
//
// A list that shrinks by half from one version to the next is far more likely a truncated
// download, an excerpt or the wrong file than a real mass delisting, and swapping it in silently
// stops every hit on the lost entities (and a re-screen clears their alerts). Wherever a list
// version replaces a previous one of the same source, the caller compares the two with
// CheckShrink: the server's POST /admin/reload (previous = the snapshot being served) and
// `rescreen` (previous = the base snapshot, or the last one archived in the store).
// A source is the part of an entity id before ':' ("ofac", "un", "csl", ...).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"

namespace partyscreen {

// The default share of a source's entities that may disappear between two versions.
inline constexpr double kDefaultMaxShrink = 0.5;

struct ShrinkPolicy {
  // Refuse when a source keeps fewer than (1 - max_shrink) of the entities it had: 0.5 (default)
  // refuses a source that lost more than half; 1 accepts anything (the override); 0 refuses any
  // loss. A source missing from the new version counts as having lost everything.
  double max_shrink = kDefaultMaxShrink;
  // How the caller's user overrides the check, quoted in the error (e.g. "--max-shrink 1").
  std::string override_hint = "--max-shrink 1";
};

using SourceCounts = std::map<std::string, uint64_t, std::less<>>;  // source -> entities

// Adds one entity id to `counts` under its source.
void CountEntitySource(std::string_view entity_id, SourceCounts& counts);
SourceCounts CountBySource(const Snapshot& snapshot);

// Ok, or InvalidArgument naming every source that shrank beyond the policy (before -> after) and
// the override. An out-of-range max_shrink is an InvalidArgument too.
Status CheckShrink(const SourceCounts& before, const SourceCounts& after,
                   const ShrinkPolicy& policy);

// Parses a --max-shrink value: a number in [0, 1].
Result<double> ParseMaxShrink(std::string_view text);

// For a reload (POST /admin/reload): loads `lists` (the default specs when empty) and checks them
// against `serving`. `max_shrink` is the caller's override text, "" for kDefaultMaxShrink (a bad
// value is an InvalidArgument). A load error gives Ok: the reload itself reports it.
// Cost: one extra parse of the list files (no index build) before the reload's own.
Status CheckReloadShrink(const Snapshot& serving, const std::vector<ListSpec>& lists,
                         std::string_view max_shrink);

}  // namespace partyscreen
