#include "server/update_rescreen.h"

#include "fmt/format.h"
#include "partyscreen/store/database.h"
#include "partyscreen/store/snapshots.h"

namespace partyscreen::server {

Result<RescreenReport> RescreenAfterUpdate(const std::string& db_location, const Snapshot& base,
                                           const Screener& current, double max_shrink) {
  auto db = Database::Open(db_location);
  if (!db.ok()) return db.status();
  RescreenOptions options;
  options.max_shrink = max_shrink;
  return Rescreener(**db, current).Delta(EntitySetOf(base), options);
}

std::string DescribeRescreen(const RescreenReport& r) {
  return fmt::format(
      "delta re-screen from {} to {}: {} screened, {} affected, {} carried forward; {} new "
      "alert(s), {} cleared, {} alert event(s) queued ({:.1f} s)",
      r.base_snapshot.substr(0, 12), r.snapshot.substr(0, 12), r.customers_screened,
      r.customers_rescored, r.customers_carried_forward, r.new_alerts.size(),
      r.cleared_alerts.size(), r.alert_events, r.seconds);
}

}  // namespace partyscreen::server
