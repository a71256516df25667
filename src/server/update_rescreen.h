// The delta re-screen `serve --update-every` runs with --db once a new list version is served:
// Rescreener::Delta (include/partyscreen/store/rescreen.h) of the database's customer register,
// from the snapshot served before to the one served now, audited like `partyscreen rescreen
// --since-snapshot` (one record per affected customer and one for the run). Its new and reopened
// alerts go to the database's outbox with them (alert_events.h).
// Thread safety: opens its own connection; one call at a time per database.
#pragma once

#include <string>

#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"
#include "partyscreen/store/rescreen.h"

namespace partyscreen::server {

// `max_shrink`: the update's own limit (the updater already checked each source against it).
Result<RescreenReport> RescreenAfterUpdate(const std::string& db_location, const Snapshot& base,
                                           const Screener& current, double max_shrink);

// "delta re-screen against 1a2b3c4d5e6f: 3 affected, 120 carried forward; 2 new alert(s), 1
// cleared, 5 event(s) queued (0.8 s)" for the log.
std::string DescribeRescreen(const RescreenReport& report);

}  // namespace partyscreen::server
