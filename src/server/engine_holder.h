// The engine being served, and atomic replacement of it (POST /admin/reload).
//
// An Engine is an immutable bundle: the Screener (which owns its Snapshot) plus when and how it
// was loaded. Current() hands out a shared_ptr copy, so a request keeps the engine it started with
// alive until it finishes even if a reload swaps in a new one meanwhile; the old engine is freed
// when its last request lets go. Reload() loads and indexes outside any lock the requests take,
// then swaps under a mutex held only for a pointer copy. One reload runs at a time; a second one
// asked for meanwhile is refused (kUnsupported -> 409) rather than queued.
// A reload that fails leaves the current engine serving.
// Thread safety: every method from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "parties/parties.h"
#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"
#include "server/yente_catalog.h"

namespace partyscreen::server {

struct Engine {
  std::shared_ptr<const Screener> screener;
  std::shared_ptr<const Parties> parties;  // the snapshot's listings grouped (parties/parties.h)
  std::shared_ptr<const YenteCatalog> catalog;  // datasets, topics, referents (yente_catalog.h)
  double loaded_unix_seconds = 0;
  double load_seconds = 0;  // load + index build
  uint64_t generation = 0;

  const Snapshot& snapshot() const { return screener->snapshot(); }
};

// A test of a freshly loaded snapshot before its index is built (the reload's shrink check):
// anything but Ok stops the load with that status.
using SnapshotCheck = std::function<Status(const Snapshot& loaded)>;

// Loads `lists` (the bundled default snapshot when empty), runs `check` (if any) on the snapshot
// and builds the engine. A load error's message has absolute paths reduced to file names (it may
// be shown to API callers).
Result<std::shared_ptr<const Engine>> LoadEngine(const std::vector<ListSpec>& lists,
                                                 uint64_t generation,
                                                 const SnapshotCheck& check = {});

// "/srv/lists/sdn.csv line 3: bad" -> "sdn.csv line 3: bad": no server paths in responses.
std::string RedactPaths(std::string_view message);

class EngineHolder {
 public:
  explicit EngineHolder(std::shared_ptr<const Engine> initial);

  std::shared_ptr<const Engine> Current() const;

  // Loads `lists`, checks the snapshot with `check` (given the one being served and the new one)
  // and swaps the new engine in. On failure, or when the check refuses, the current engine stays.
  Result<std::shared_ptr<const Engine>> Reload(
      const std::vector<ListSpec>& lists,
      const std::function<Status(const Snapshot& serving, const Snapshot& next)>& check = {});

 private:
  mutable std::mutex mu_;  // guards current_ (pointer copies only)
  std::shared_ptr<const Engine> current_;
  std::mutex reload_mu_;  // one reload at a time
};

}  // namespace partyscreen::server
