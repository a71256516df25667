// `partyscreen batch`: screen a query file (JSON lines or CSV with a header) in parallel and write
// the results in input order to --out (written aside and renamed when complete: a killed run
// leaves the previous results intact): JSON lines {id, name, hits[, decision]} per query, or CSV
// (one row per hit) when --out ends in .csv or --format csv (cli/batch_output.h). Args + Run, so
// the command is tested in-process; the CLI11 registration only fills the Args.
//
// Exit code: 0; 3 when some input lines were not screened (each named on `err` as "(skipped)";
// the results are complete for every line read); 1 when the query file, lists, rules, output or
// audit trail fail; 2 on a usage error (threshold, format). The query file is read before any list
// is loaded. `out`: nothing (the results go to the --out file). `err`: the skipped lines, errors,
// the loader's notes, progress (with `progress`) and the closing "batch: N queries, ..." summary.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/options.h"

namespace partyscreen::cli {

struct BatchArgs {
  std::vector<std::string> lists;                     // --list; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
  std::string in;                                     // required: the query file
  std::string out;                                    // required: the results file
  double threshold = kEngineDefaultThreshold;         // 0-1
  size_t limit = 10;                                  // hits per query
  int threads = 1;
  bool explain = false;            // add the explanation to every hit
  bool decide = false;             // add the legal outcome per query (embedded rules)
  std::vector<std::string> eccns;  // with decide: the items' ECCNs
  std::string db;                  // append every screening to this audit trail
  std::string format;              // --format: "", "csv", "jsonl" ("" = by --out's extension)
  bool progress = false;  // rows done, rate and ETA on `err` (the CLI: --progress or stderr a tty)
  // Not an option: where the screener goes when done (main's CliContext::left_at_exit, set by
  // the registration); null (tests): freed as usual.
  std::shared_ptr<const void>* left_at_exit = nullptr;
};

int RunBatch(const BatchArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
