// RequestContext::ShouldStop and the answer of a request that stopped early.
#include <iomanip>
#include <sstream>

#include "server/http_json.h"
#include "server/routes.h"

namespace partyscreen::server {

std::string_view StopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::kBudget:
      return "budget";
    case StopReason::kClientGone:
      return "client_gone";
    case StopReason::kShutdown:
      return "shutdown";
    case StopReason::kNone:
      break;
  }
  return "";
}

StopReason RequestContext::ShouldStop() const {
  if (connection != nullptr) {
    if (connection->Stopping()) return StopReason::kShutdown;
    if (connection->PeerClosed()) return StopReason::kClientGone;
  }
  if (Clock::now() >= deadline) return StopReason::kBudget;
  return StopReason::kNone;
}

void SendStopped(ServerState& state, httplib::Response& res, StopReason reason, size_t done,
                 size_t total) {
  state.metrics.RecordStopped(StopReasonName(reason));
  const std::string progress =
      " after " + std::to_string(done) + " of " + std::to_string(total) + " queries";
  switch (reason) {
    case StopReason::kShutdown:
      return SendError(res, 503, "shutting_down", "the server is stopping" + progress);
    case StopReason::kClientGone:  // nobody will read this
      return SendError(res, 503, "client_gone", "the client disconnected" + progress);
    default: {
      std::ostringstream budget;
      budget << state.options.request_budget_seconds;
      res.set_header("Retry-After", "1");
      return SendError(res, 503, "budget_exceeded",
                       "the request used up its work budget of " + budget.str() + " s" + progress +
                           "; send fewer or shorter queries per request");
    }
  }
}

}  // namespace partyscreen::server
