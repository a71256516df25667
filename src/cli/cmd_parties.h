// `partyscreen parties`: how the loaded listings group into parties (parties/parties.h), with the
// reason of every merge. Args + Run, so the command is tested in-process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "lists/staleness.h"

namespace partyscreen::cli {

struct PartiesArgs {
  std::vector<std::string> lists;                     // --list; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
  bool grouped = false;                               // list every party of two or more listings
  std::string name;  // only parties with a listing whose name contains this
  bool json = false;
};

// Exit code: 0, or 1 when the lists cannot be loaded. `out`: the report (text, or JSON with
// --json). `err`: why the lists could not be loaded, and the loader's notes (skipped records,
// stale lists).
int RunParties(const PartiesArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
