// Writing alert events (include/partyscreen/store/alert_events.h) inside a write transaction the
// caller holds, so that an alert and its event commit together. Internal to src/store/: the
// re-screen's commits (rescreen_run.h) call it.
#pragma once

#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/alert_events.h"
#include "store/sql.h"

namespace partyscreen::store {

// Numbers `events` after the last event committed (the counter read under the transaction's
// write lock, so commit order is seq order), gives each an id when it has none, and inserts them.
Status AppendAlertEventsInTransaction(SqlConnection& conn, std::vector<AlertEvent>& events);

}  // namespace partyscreen::store
