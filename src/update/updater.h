// `partyscreen lists update`: downloads the official list files, verifies them and switches the
// active version of each source atomically (lists/manifest.h has the directory layout).
//
// For every source of the sources file (update/sources.h), in order:
//   1. its files are downloaded into a staging directory (update/fetch.h);
//   2. verified: they must load (the parsers refuse truncated XML, files that are mostly
//      malformed and files with no record), and the source must not have lost more than
//      `max_shrink` of the entities of its active version (a download cut short, an excerpt or
//      the wrong file looks like a mass delisting);
//   3. a version equal (by SHA-256) to the active one is "unchanged": nothing is archived, its
//      retrieval time is renewed (the copy was confirmed current);
//   4. a new version is moved into archive/<id>/<sha256>/, files and all.
// Then, if any source changed, a new numbered manifest is written and made current.json by an
// atomic rename. A source that fails keeps its active version and the report says why; the others
// still update. Sources on the active manifest but no longer in the sources file are kept.
// One update runs at a time per directory (a lock file); readers are never blocked.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "lists/manifest.h"
#include "partyscreen/status.h"
#include "update/fetch.h"
#include "update/sources.h"

namespace partyscreen {

// The default share of a source's entities that may disappear between two downloads.
inline constexpr double kDefaultUpdateMaxShrink = 0.05;

struct UpdateOptions {
  std::string dir;  // the list directory; created if missing
  double max_shrink = kDefaultUpdateMaxShrink;
  FetchOptions fetch;
  // Progress lines ("ofac-sdn: downloading sdn.csv"); may be empty.
  std::function<void(const std::string&)> progress;
};

enum class SourceOutcome { kUpdated, kUnchanged, kFailed };

struct SourceUpdate {
  std::string id;
  SourceOutcome outcome = SourceOutcome::kFailed;
  std::string detail;     // why it failed; "" otherwise
  uint64_t entities = 0;  // of the version now active (0 when none is)
  std::string sha256;     // of the version now active ("" when none is)
};

struct UpdateReport {
  std::vector<SourceUpdate> sources;
  bool switched = false;         // a new manifest became current
  uint64_t manifest_number = 0;  // of the current manifest after the update (0: none)
  bool AnyFailed() const;
};

// Err only when the directory itself cannot be used (not writable, locked by another update, a
// damaged current manifest); per-source failures are in the report.
Result<UpdateReport> UpdateLists(const std::vector<ListSource>& sources,
                                 const UpdateOptions& options);

}  // namespace partyscreen
