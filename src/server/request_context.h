// What a route handler knows about the request beyond HTTP: who is calling (for the audit trail),
// which engine serves it (taken once when the request starts, so one request never mixes two
// snapshots even if a reload happens meanwhile), its body, and whether it should stop working:
// a multi-query handler calls ShouldStop() before each query and answers StopError() if so.
// Thread safety: one per request, read-only in the handler.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "server/access_log.h"
#include "server/auth.h"
#include "server/connection.h"
#include "server/engine_holder.h"

namespace partyscreen::server {

enum class StopReason { kNone, kBudget, kClientGone, kShutdown };

// "budget", "client_gone", "shutdown" (metric labels); "" for kNone.
std::string_view StopReasonName(StopReason reason);

struct RequestContext {
  Caller caller;                         // key name ("anonymous" under --no-auth) and admin flag
  std::string remote_addr;               // client address as seen by the socket
  std::shared_ptr<const Engine> engine;  // the engine serving this request; never null
  std::string body;                      // the request body (POST), at most --max-body bytes
  Clock::time_point deadline = Clock::time_point::max();  // end of the work budget
  const Connection* connection = nullptr;  // the client's connection; null in unit tests
  AccessNote* access = nullptr;            // what the access log records; null without one

  // For the access log: the handler screens `name` (counted; kept with --log-queries).
  void NoteQuery(std::string_view name) const {
    if (access == nullptr) return;
    ++access->queries;
    if (access->keep_names) access->names.emplace_back(name);
  }

  // Why the handler should stop now (work budget spent, client gone, server stopping), or kNone.
  StopReason ShouldStop() const;
};

}  // namespace partyscreen::server
