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

// For a reload (POST /admin/reload): the policy for the caller's override text `max_shrink` ("" for
// kDefaultMaxShrink; a bad value is an InvalidArgument), quoting the endpoint's override.
Result<ShrinkPolicy> ReloadShrinkPolicy(std::string_view max_shrink);

// CheckShrink of the snapshot about to be served against the one being served (Ok when they
// are the same version or the policy accepts anything).
Status CheckSnapshotShrink(const Snapshot& serving, const Snapshot& next,
                           const ShrinkPolicy& policy);

}  // namespace partyscreen
