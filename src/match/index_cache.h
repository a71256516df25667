// The index cache: a built Screener kept on disk (Screener::SaveIndex), so that the next process
// screening against the same lists reads it (Screener::LoadIndex) instead of normalising every
// listed name again: what makes a short `batch` or `screen` cost its queries, not the index build.
//
// A cached file is named by a key over everything its contents depend on: the snapshot's hash
// (the bytes of every list file), the engine version, and the identity of the code and data that
// computed it (the GNU build ids of the program or module holding this code and of the libraries
// that compute with it: ICU with its data, OpenCC, the C and C++ runtimes, TBB; and the size and
// time of OpenCC's dictionaries). Another binary, list or library never reads a
// file it did not write; without a build id nothing is cached. Derived data only: a missing,
// damaged or foreign file is rebuilt (and rewritten), so deleting the directory costs time, never
// correctness. The newest `keep` files (by last use) are kept, older ones removed. The files hold
// every listed name (an organisation's own lists too): they are written owner-only (0600), and
// directories the cache creates are 0700.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "partyscreen/screener.h"

namespace partyscreen {

// $PARTYSCREEN_INDEX_CACHE if set ("" or "off": no cache), else $XDG_CACHE_HOME/partyscreen, else
// $HOME/.cache/partyscreen; empty (no cache) when none is set.
std::string DefaultIndexCacheDir();

struct IndexCacheOutcome {
  bool read = false;     // the index came from the cache
  bool written = false;  // it was built and saved
  std::string note;      // why the cache was not used or written (empty when all went well)
};

// Screener::Build, through the cache in `dir` (empty: plain Build). Never fails because of the
// cache: a file that cannot be read or written is reported in `outcome` and the index built.
Result<std::unique_ptr<Screener>> BuildWithIndexCache(std::shared_ptr<const Snapshot> snapshot,
                                                      const std::string& dir,
                                                      IndexCacheOutcome* outcome = nullptr,
                                                      size_t keep = 4);

// LoadSnapshot (default options) through the cache in `dir` (empty: plain LoadSnapshot): the
// parsed lists are kept beside the indexes (".pssnap" files, the newest `keep`), keyed by the
// ListSpecs as given, the working directory and the code identity as above, and served only
// while what the parse read is unchanged: the contents of every file read, and the names, sizes
// and modification times of the files in their directories and in every directory given (a new
// companion file is a change). A file that changes during the parse is not cached. Never fails
// because of the cache (`outcome` says what happened); the snapshot equals LoadSnapshot's.
Result<Snapshot> LoadSnapshotWithCache(const std::vector<ListSpec>& lists, const std::string& dir,
                                       IndexCacheOutcome* outcome = nullptr, size_t keep = 4);

// The cache key of a snapshot in this process (hex), or empty when the program has no build id.
std::string IndexCacheKey(const Snapshot& snapshot);

}  // namespace partyscreen
