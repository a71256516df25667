// What `batch` and `bench` share: reading a query file (records/record_file.h: JSON lines or CSV
// with a header) and screening many queries in parallel, results in input order.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
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
// The same in two steps: the file's bytes (core/input.h ReadListFile: the error when it cannot be
// read), then its records, `path` naming it in messages.
Result<QueryFile> ParseQueries(std::string_view data, const std::string& path);

// Screens every query with `threads` workers (at least 1), a chunk of queries at a time in input
// order: `chunk_done(begin, end, hits)` runs on the calling thread once queries [begin, end) are
// screened, chunks in order, hits[i - begin] being query i's (it may move them out). Memory follows
// the chunk, not the file. With `progress`, updates it after every chunk (rows done of all).
// `chunk_done` may run parallel work of its own: it is limited to `threads` as well.
void ScreenInChunks(
    const Screener& screener, const std::vector<QueryLine>& queries, const ScreenOptions& options,
    int threads, ProgressMeter* progress,
    const std::function<void(size_t, size_t, std::vector<std::vector<Hit>>&)>& chunk_done);

// The same, keeping every result: results[i] belongs to queries[i].
std::vector<std::vector<Hit>> ScreenAll(const Screener& screener,
                                        const std::vector<QueryLine>& queries,
                                        const ScreenOptions& options, int threads,
                                        ProgressMeter* progress);

}  // namespace partyscreen::cli
