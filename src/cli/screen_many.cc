#include "cli/screen_many.h"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>

#include "core/input.h"
#include "records/record_file.h"

namespace partyscreen::cli {

Result<QueryFile> ReadQueries(const std::string& path) {
  auto data = ReadListFile(path);
  if (!data.ok()) return data.status();
  return ParseQueries(*data, path);
}

Result<QueryFile> ParseQueries(std::string_view data, const std::string& path) {
  QueryFile out;
  Status s =
      ForEachRecord(data, path, /*require_id=*/false, [&](uint64_t line, Result<Query> record) {
        if (!record.ok()) {
          out.problems.push_back("line " + std::to_string(line) + ": " + record.status().message());
          return Status::Ok();
        }
        QueryLine ql{line, std::move(record).value()};
        if (ql.query.id.empty()) ql.query.id = std::to_string(line);
        out.queries.push_back(std::move(ql));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

void ScreenInChunks(
    const Screener& screener, const std::vector<QueryLine>& queries, const ScreenOptions& options,
    int threads, ProgressMeter* progress,
    const std::function<void(size_t, size_t, std::vector<std::vector<Hit>>&)>& chunk_done) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::max(1, threads));
  const size_t chunk = 2000;
  std::vector<std::vector<Hit>> hits;
  for (size_t begin = 0; begin < queries.size(); begin += chunk) {
    const size_t end = std::min(queries.size(), begin + chunk);
    hits.assign(end - begin, {});
    tbb::parallel_for(tbb::blocked_range<size_t>(begin, end, 16),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t i = r.begin(); i != r.end(); ++i)
                          hits[i - begin] = screener.Screen(queries[i].query, options);
                      });
    chunk_done(begin, end, hits);
    if (progress) progress->Update(end, queries.size());
  }
  if (progress) progress->Finish();
}

std::vector<std::vector<Hit>> ScreenAll(const Screener& screener,
                                        const std::vector<QueryLine>& queries,
                                        const ScreenOptions& options, int threads,
                                        ProgressMeter* progress) {
  std::vector<std::vector<Hit>> results(queries.size());
  ScreenInChunks(screener, queries, options, threads, progress,
                 [&](size_t begin, size_t end, std::vector<std::vector<Hit>>& hits) {
                   std::move(hits.begin(), hits.end(), results.begin() + begin);
                 });
  return results;
}

}  // namespace partyscreen::cli
