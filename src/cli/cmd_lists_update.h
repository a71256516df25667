// `partyscreen lists update`: downloads the official lists into a list directory, verifies them
// and switches the active version atomically (update/updater.h). Args + Run, tested in-process.
#pragma once

#include <ostream>
#include <string>

namespace partyscreen::cli {

struct ListsUpdateArgs {
  std::string dir;             // --dir: the list directory (required)
  std::string sources;         // --sources: a sources file; "" = the shipped data/sources.tsv
  double max_shrink = 0.05;    // --max-shrink: share of a source's entities that may disappear
  long timeout_seconds = 600;  // --timeout: per file
};

// Writes one line per source to `out` (updated / unchanged / FAILED with the reason) and the
// active manifest. Exit code: 0 when every source updated or was unchanged, 1 when any failed (the
// others are still applied) or the directory cannot be used, 2 for a bad sources file.
int RunListsUpdate(const ListsUpdateArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
