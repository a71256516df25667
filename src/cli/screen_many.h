// What `batch` and `bench` share: reading a query file (records/record_file.h: JSON lines or CSV
// with a header) and screening many queries in parallel, results in input order.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cli/progress.h"
#include "partyscreen/screener.h"
#include "partyscreen/status.h"

namespace partyscreen::cli {

struct QueryLine {
  uint64_t line = 0;  // 1-based line of the file
  Query query;
};

struct QueryFile {
  std::vector<QueryLine> queries;     // the good records; one without an id gets its line number
  std::vector<std::string> problems;  // "line N: reason", one per record skipped
};

// Error: the file cannot be read, or is not a query file at all.
Result<QueryFile> ReadQueries(const std::string& path);

// Screens every query with `threads` workers (at least 1); results[i] belongs to queries[i].
// With `progress`, updates it after every chunk (rows done of all).
std::vector<std::vector<Hit>> ScreenAll(const Screener& screener,
                                        const std::vector<QueryLine>& queries,
                                        const ScreenOptions& options, int threads,
                                        ProgressMeter* progress);

}  // namespace partyscreen::cli
