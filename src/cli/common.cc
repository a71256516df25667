#include "cli/common.h"

#include <chrono>
#include <thread>

#include "cli/options.h"
#include "core/clock.h"
#include "lists/staleness.h"
#include "match/index_cache.h"

namespace partyscreen::cli {

void PrintError(std::ostream& err, const std::string& message) {
  err << "partyscreen: " << message << "\n";
}

std::shared_ptr<const Snapshot> LoadListsOrReport(const std::vector<std::string>& lists,
                                                  double max_list_age_days, std::ostream& err,
                                                  const std::string& cache_dir) {
  if (Status s = CheckMaxListAge(max_list_age_days); !s.ok()) {
    PrintError(err, s.ToString());
    return nullptr;
  }
  std::vector<ListSpec> specs;
  for (const std::string& l : lists) specs.push_back(ParseListSpec(l));
  if (specs.empty()) specs = DefaultListSpecs();
  IndexCacheOutcome cache;
  auto snap = LoadSnapshotWithCache(specs, cache_dir, &cache);
  if (!cache.note.empty()) err << "partyscreen: note: " << cache.note << "\n";
  if (!snap.ok()) {
    PrintError(err, snap.status().ToString());
    return nullptr;
  }
  uint64_t skipped = 0;
  for (const SourceInfo& s : snap->sources) skipped += s.skipped;
  if (skipped > 0) {
    err << "partyscreen: " << skipped << " malformed record(s) skipped while loading";
    // Issues hold skips and notes alike; name the first so the user knows where to look.
    const ParseIssue& first = snap->issues.front();
    err << "; first issue: " << first.file << " line " << first.line << ": " << first.reason
        << " (see `partyscreen lists --issues`)\n";
  }
  // Old lists screen against yesterday's world: say so on every command that loads them.
  const double now = UnixSeconds();
  const std::string warning =
      StalenessWarning(ListAges(*snap, max_list_age_days, now), lists.empty(), max_list_age_days);
  if (!warning.empty()) err << "partyscreen: warning: " << warning << "\n";
  return std::make_shared<const Snapshot>(std::move(snap).value());
}

std::unique_ptr<Screener> BuildScreenerOrReport(const std::vector<std::string>& lists,
                                                double max_list_age_days, std::ostream& err,
                                                bool use_index_cache) {
  // The fixed tables take about as long as parsing the lists and do not depend on them: they
  // load on a spare core meanwhile (joined before return, on every path).
  std::jthread tables(&Screener::PrepareFixedTables);
  const std::string cache_dir = use_index_cache ? DefaultIndexCacheDir() : std::string();
  auto snap = LoadListsOrReport(lists, max_list_age_days, err, cache_dir);
  if (!snap) return nullptr;
  IndexCacheOutcome cache;
  auto screener = BuildWithIndexCache(snap, cache_dir, &cache);
  if (!cache.note.empty()) err << "partyscreen: note: " << cache.note << "\n";
  if (!screener.ok()) {
    PrintError(err, screener.status().ToString());
    return nullptr;
  }
  return std::move(screener).value();
}

bool OpenOutputOrReport(const std::string& path, std::ostream& err,
                        std::unique_ptr<AtomicFile>* file) {
  if (path.empty()) return true;
  auto created = AtomicFile::Create(path);
  if (!created.ok()) {
    PrintError(err, created.status().ToString());
    return false;
  }
  *file = std::move(created).value();
  return true;
}

}  // namespace partyscreen::cli
