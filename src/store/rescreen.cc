// Re-screening the customer register, full pass (Rescreener::All): every customer screened
// against the current lists, committed chunk by chunk through a RescreenRun (rescreen_run.h).
// The delta pass (Rescreener::Delta) is in rescreen_delta.cc.
#include "partyscreen/store/rescreen.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lists/shrink_check.h"
#include "store/rescreen_run.h"
#include "store/sql.h"
#include "store/store_rows.h"

namespace partyscreen {

namespace {

using store::AsInt;
using store::RescreenRun;
using store::SqlConnection;
using store::SqlRow;

// The current lists against the last snapshot archived before them (none: nothing to compare).
Status CheckShrinkSinceLastArchived(SqlConnection& conn, const Snapshot& snap,
                                    const RescreenOptions& options) {
  if (options.max_shrink >= 1) return Status::Ok();
  auto previous =
      conn.Query("SELECT hash FROM snapshots WHERE hash <> ? ORDER BY saved_at DESC, hash LIMIT 1",
                 {snap.hash});
  if (!previous.ok()) return previous.status();
  if (previous->empty()) return Status::Ok();
  SourceCounts before;
  Status s = conn.ForEachRow("SELECT entity_id FROM snapshot_entities WHERE snapshot_hash = ?",
                             {store::AsText((*previous)[0][0])}, [&](const SqlRow& row) {
                               CountEntitySource(store::AsText(row[0]), before);
                               return Status::Ok();
                             });
  if (!s.ok()) return s;
  return CheckShrink(before, CountBySource(snap), store::ShrinkPolicyOf(options));
}

}  // namespace

Result<RescreenReport> Rescreener::All(const RescreenOptions& options) {
  store::Stopwatch total;
  RescreenReport report;
  report.snapshot = screener_.snapshot().hash;
  SqlConnection& conn = store::ConnectionOf(db_);
  Status s = CheckShrinkSinceLastArchived(conn, screener_.snapshot(), options);
  if (!s.ok()) return s;
  s = SnapshotArchive(db_).Save(screener_.snapshot());
  if (!s.ok()) return s;
  RescreenRun run(conn, screener_, options, report);
  s = run.StartOrResume("all", "");
  if (!s.ok()) return s;
  report.run_id = run.run_id();
  auto count = CustomerRegister(db_).Count();
  if (!count.ok()) return count.status();
  std::string last = run.resume_after();
  uint64_t done = 0;
  if (report.resumed) {
    auto before = conn.Query("SELECT COUNT(*) FROM customers WHERE id <= ?", {last});
    if (!before.ok()) return before.status();
    done = static_cast<uint64_t>(AsInt((*before)[0][0]));
  }
  const int64_t page = static_cast<int64_t>(std::max<size_t>(1, options.customers_per_chunk));
  for (;;) {
    auto rows =
        conn.Query(store::SelectCustomerRecords("c.id > ? ORDER BY c.id LIMIT ?"), {last, page});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) break;
    std::vector<CustomerRecord> records;
    for (const SqlRow& r : *rows) records.push_back(store::CustomerRecordFromRow(r));
    s = run.ScreenFullyInChunks(records);
    if (!s.ok()) return s;
    last = records.back().customer.id;
    done += records.size();
    if (options.progress) options.progress(done, *count);
  }
  s = run.Finish(nlohmann::json{{"mode", "all"}}.dump(), {});
  if (!s.ok()) return s;
  report.seconds = total.Lap();
  return report;
}

}  // namespace partyscreen
