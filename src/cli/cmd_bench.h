// `partyscreen bench`: measure index build, queries/s (one thread, median of --rounds passes, and
// --threads), per-query latency (p50/p99/max) and memory on real lists. Args + Run, so the
// command is tested in-process; the CLI11 registration only fills the Args.
//
// Exit code: 0; 1 when the lists, --in or --aliases-tsv fail or there is no query; 2 on a usage
// error (threshold, rounds). --in is read before the lists are loaded. `out`: the report. `err`:
// errors and the loader's notes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/options.h"

namespace partyscreen::cli {

struct BenchArgs {
  std::vector<std::string> lists;                     // --list; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
  std::string in;                              // queries; "" = 5000 made from the lists' own names
  int threads = 2;                             // for the throughput run
  int rounds = 5;                              // single-thread passes, 1-1000
  double threshold = kEngineDefaultThreshold;  // 0-1
  std::string aliases_tsv;  // also write entity_id<TAB>name for every name of the lists
};

int RunBench(const BenchArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
