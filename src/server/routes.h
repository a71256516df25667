// How endpoints are wired: the state they share, and the guard every route goes through.
//
// Guard() wraps a handler so that, in order: the caller is authenticated (unless the route is
// public or auth is off) -> 401; admin routes need an admin key -> 403; the caller's token bucket
// is charged -> 429 with Retry-After; the current engine is pinned in the RequestContext; the
// handler runs (an exception becomes a JSON 500 without details); the request is counted in the
// metrics under the route pattern. Each routes_*.cc registers one group of endpoints.
// Thread safety: ServerState members are each thread-safe; handlers run concurrently.
#pragma once

#include <httplib.h>

#include <functional>
#include <optional>
#include <string>

#include "partyscreen/decide.h"
#include "partyscreen/store.h"
#include "server/engine_holder.h"
#include "server/metrics.h"
#include "server/rate_limit.h"
#include "server/request_context.h"
#include "server/server.h"

namespace partyscreen::server {

struct ServerState {
  ServerState(ServerOptions opts, std::shared_ptr<const Engine> engine,
              DecisionRules decision_rules)
      : options(std::move(opts)),
        engines(std::move(engine)),
        limiter(options.rate_limit_per_second),
        rules(std::move(decision_rules)) {}

  const ServerOptions options;
  EngineHolder engines;
  RateLimiter limiter;
  Metrics metrics;
  const DecisionRules rules;           // for POST /check
  std::unique_ptr<AuditWriter> audit;  // null when options.audit_db is empty; thread-safe Append

  // Appends one screening to the audit trail (no-op without --db).
  void Audit(const RequestContext& ctx, const Query& q, const ScreenOptions& o,
             const std::vector<Hit>& hits, const char* kind) const {
    if (audit)
      audit->Append(
          ScreeningAuditRecord(ctx.caller.key_name, q, *ctx.engine->screener, o, hits, kind));
  }
};

enum class Access { kPublic, kKey, kAdmin };

using RouteHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const RequestContext&)>;

httplib::Server::Handler Guard(ServerState& state, std::string route, Access access,
                               RouteHandler handler);

void RegisterScreenRoutes(httplib::Server& http, ServerState& state);  // POST /screen
void RegisterMatchRoutes(httplib::Server& http, ServerState& state);   // POST /match/{dataset}
void RegisterCheckRoutes(httplib::Server& http, ServerState& state);   // POST /check
// GET /entities/{id}, GET /lists, GET /healthz, GET /readyz, GET /metrics, POST /admin/reload
void RegisterAdminRoutes(httplib::Server& http, ServerState& state);

}  // namespace partyscreen::server
