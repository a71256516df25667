// The JSON of one alert event (include/partyscreen/store/alert_events.h): the body POSTed to a
// webhook and the line `partyscreen alerts --new-since --json` prints. One flat object:
//   {"event_id", "type" ("alert.new" | "alert.reopened"), "seq", "time", "customer_id",
//    "customer_name", "entity_id", "entity_name", "list", "matched_name", "score", "state",
//    "snapshot", "run_id", "reason"}
// docs/UPDATES.md documents it for receivers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "partyscreen/store/alert_events.h"

namespace partyscreen {

nlohmann::json EventPayload(const AlertEvent& event);
// "alert.new" or "alert.reopened" (also the X-Partyscreen-Event header).
std::string EventType(const AlertEvent& event);

}  // namespace partyscreen
