// What a route handler knows about the request beyond HTTP: who is calling (for the audit trail)
// and which engine serves it (taken once when the request starts, so one request never mixes two
// snapshots even if a reload happens meanwhile).
// Thread safety: one per request, read-only in the handler.
#pragma once

#include <memory>
#include <string>

#include "server/auth.h"
#include "server/engine_holder.h"

namespace partyscreen::server {

struct RequestContext {
  Caller caller;                         // key name ("anonymous" under --no-auth) and admin flag
  std::string remote_addr;               // client address as seen by the socket
  std::shared_ptr<const Engine> engine;  // the engine serving this request; never null
};

}  // namespace partyscreen::server
