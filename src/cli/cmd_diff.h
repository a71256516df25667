// `partyscreen diff OLD NEW`: the entities added, removed and changed (with the fields that
// changed) between two list versions, each given as list specs (FORMAT:PATH, comma-separated) or
// as a snapshot hash stored in the database of --db. Args + Run, so the command is tested
// in-process; the CLI11 registration only fills the Args.
//
// Exit code: 0, or 1 when a version cannot be loaded. `out`: the diff (text: "+ id  name",
// "- id  name", "~ id  name  (fields)"; JSON with --json: before/after of every changed field).
// `err`: errors and the loader's notes.
#pragma once

#include <ostream>
#include <string>

namespace partyscreen::cli {

struct DiffArgs {
  std::string db;
  std::string old_spec, new_spec;
  bool json = false;
};

int RunDiff(const DiffArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
