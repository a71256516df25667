// A loaded Snapshot as bytes and back: what the parsed-list cache (match/snapshot_cache.h) keeps
// on disk so that a process screening against unchanged list files does not parse them again.
//
// Contract: DecodeSnapshot(EncodeSnapshot(s)) equals s in every field of every entity, source and
// issue, and in the hash (the id index is rebuilt). The encoding is for this binary only: the
// cache keys its files by the binary's build id, so no version field is needed beyond the magic.
// DecodeSnapshot never reads past its input: damaged or foreign bytes give Corrupt, never a crash.
#pragma once

#include <string>
#include <string_view>

#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"

namespace partyscreen {

std::string EncodeSnapshot(const Snapshot& snapshot);
Result<Snapshot> DecodeSnapshot(std::string_view bytes);

}  // namespace partyscreen
