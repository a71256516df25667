// How `batch` writes its results: JSON lines (one object per query: id, the screened name, hits,
// and the decision with --decide) or CSV (one row per hit, a query without hits one row with the
// hit columns empty), chosen by --format or else by the --out file's extension (.csv: CSV;
// anything else: JSON lines). CSV cells are quoted as RFC 4180 says when they hold a comma, a
// quote or a line break. Thread safety: a BatchFormatter is immutable, Render runs on any thread
// (the workers render their queries' lines; `batch` writes them in input order).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/decide.h"
#include "partyscreen/screener.h"
#include "partyscreen/status.h"

namespace partyscreen::cli {

enum class BatchFormat { kJsonLines, kCsv };

// `format`: "", "csv", "jsonl" or "json" ("" = by the extension of `out_path`). Anything else is
// InvalidArgument naming the flag.
Result<BatchFormat> ChooseBatchFormat(std::string_view format, std::string_view out_path);

// A CSV cell: as is, or in double quotes with quotes doubled.
std::string CsvCell(std::string_view value);

class BatchFormatter {
 public:
  BatchFormatter(BatchFormat format, bool explain, bool decide);
  // What the file starts with (the CSV header line; nothing for JSON lines).
  std::string Header() const;
  // One query's results (hits at or above the threshold, best first; decision with --decide): a
  // JSON line, or CSV rows, each ending in a line break.
  std::string Render(const Query& query, const std::vector<Hit>& hits,
                     const Decision* decision) const;

 private:
  BatchFormat format_;
  bool explain_, decide_;
};

}  // namespace partyscreen::cli
