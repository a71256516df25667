#include "notify/event_payload.h"

namespace partyscreen {

std::string EventType(const AlertEvent& e) {
  return "alert." + std::string(AlertEventKindName(e.kind));
}

nlohmann::json EventPayload(const AlertEvent& e) {
  return {{"event_id", e.id},
          {"type", EventType(e)},
          {"seq", e.seq},
          {"time", e.time},
          {"customer_id", e.customer_id},
          {"customer_name", e.customer_name},
          {"entity_id", e.entity_id},
          {"entity_name", e.entity_name},
          {"list", e.list},
          {"matched_name", e.matched_name},
          {"score", e.score},
          {"state", e.state},
          {"snapshot", e.snapshot},
          {"run_id", e.run_id},
          {"reason", e.reason}};
}

}  // namespace partyscreen
