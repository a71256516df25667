// `partyscreen lists`: load the lists and print each source with its counts and publication date,
// and the snapshot hash; --issues adds every skipped or repaired record, --formats prints the
// formats --list accepts (and loads nothing). Args + Run, so the command is tested in-process;
// the CLI11 registration only fills the Args.
//
// Exit code: 0, or 1 when the lists cannot be loaded. `out`: the report (text, or JSON with
// --json). `err`: why the lists could not be loaded, and the loader's notes (skipped records,
// stale lists).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "lists/staleness.h"

namespace partyscreen::cli {

struct ListsArgs {
  std::vector<std::string> lists;                     // --list; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
  bool json = false;
  bool issues = false;   // also every skipped or repaired record
  bool formats = false;  // only the supported formats, one a line
};

int RunLists(const ListsArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
