// `partyscreen compare A B`: score two names against each other with the engine's name scoring
// (no list is loaded) and explain the score; or, with --in, every pair of a JSON-lines file.
// Args + Run, so the command is tested in-process; the CLI11 registration only fills the Args.
//
// Exit code: 0; 1 when --in cannot be read, --out cannot be written, or a line of --in was
// skipped (named on `err`); 2 on a usage error (not two names and no --in, an unknown --schema).
// `out`: the score with its explanation, or with --in and no --out one JSON line {id, score} per
// pair. `err`: errors and skipped lines.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace partyscreen::cli {

struct CompareArgs {
  std::vector<std::string> names;  // two names (ignored with `in`)
  std::string schema;              // of both names; "" = any (a pair's own "schema" wins)
  std::string in;                  // pairs, JSON lines {id, a, b, schema?}
  std::string out;                 // with `in`: the scores' file; "" = `out`
};

int RunCompare(const CompareArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
