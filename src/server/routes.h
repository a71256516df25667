// How endpoints are wired: the state they share, and the guard every route goes through.
//
// Guard() wraps a handler so that, in order: the caller is authenticated from the request's raw
// header bytes (unless the route is public or auth is off) -> 401; admin routes need an admin key
// -> 403; the caller's token bucket is charged -> 429 with Retry-After; only then is a POST body
// read, at most --max-body bytes whatever its encoding -> 413 (a request refused before its body
// is read closes its connection); a work slot is taken (--threads at once; public routes skip
// this); the current engine is pinned in the RequestContext; the handler runs (an exception
// becomes a JSON 500 without details); the request is counted in the metrics under the route
// pattern. Each routes_*.cc registers one group of endpoints.
// Thread safety: ServerState members are each thread-safe; handlers run concurrently.
#pragma once

#include <httplib.h>

#include <array>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "partyscreen/decide.h"
#include "partyscreen/store.h"
#include "server/access_log.h"
#include "server/engine_holder.h"
#include "server/heartbeat.h"
#include "server/metrics.h"
#include "server/rate_limit.h"
#include "server/request_context.h"
#include "server/server.h"

namespace partyscreen::server {

// At most N holders at once; the others wait (until a deadline). libstdc++'s counting_semaphore
// polls with sleeps in its timed wait, which cost CPU with many waiters.
class WorkSlots {
 public:
  explicit WorkSlots(size_t n) : free_(n) {}
  bool TryAcquireUntil(Clock::time_point deadline) {
    std::unique_lock lock(mu_);
    if (!freed_.wait_until(lock, deadline, [&] { return free_ > 0; })) return false;
    --free_;
    return true;
  }
  void Release() {
    {
      std::lock_guard lock(mu_);
      ++free_;
    }
    freed_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable freed_;
  size_t free_;
};

struct ServerState {
  ServerState(ServerOptions opts, std::shared_ptr<const Engine> engine,
              DecisionRules decision_rules)
      : options(std::move(opts)),
        engines(std::move(engine)),
        limiter(options.rate_limit_per_second),
        rules(std::move(decision_rules)),
        work_slots(static_cast<size_t>(options.threads)) {}

  const ServerOptions options;
  EngineHolder engines;
  RateLimiter limiter;
  Metrics metrics;
  const DecisionRules rules;              // for POST /check
  std::unique_ptr<AuditWriter> audit;     // null when options.audit_db is empty; thread-safe
  std::unique_ptr<AccessLog> access_log;  // null when options.access_log is empty; thread-safe
  WorkSlots work_slots;                   // requests computing at once (options.threads)
  std::shared_ptr<void> ui;               // the workbench's state (server/ui/ui_state.h)
  ClusterBoard cluster;                   // the other servers on the database (heartbeat.h)

  // Commits the audit records of one request's screenings before it is answered (no-op without
  // --db). On failure the error is logged (at most once a second) and counted; the caller then
  // answers 503 audit_unavailable instead of the results.
  Status CommitAudit(std::vector<AuditRecord> records);

  // Counts an answered request in the metrics and writes its access-log line. `ctx`: null when
  // the request was refused before a route took it.
  void RecordRequest(const httplib::Request& req, std::string_view route, int status,
                     double seconds, const RequestContext* ctx);

 private:
  std::mutex audit_log_mu_;
  Clock::time_point audit_logged_{};
  uint64_t audit_unlogged_ = 0;
};

// The record of one screening by the caller of `ctx`, for ServerState::CommitAudit.
AuditRecord AuditOf(const RequestContext& ctx, const Query& q, const ScreenOptions& o,
                    const std::vector<Hit>& hits, const char* kind);

// Answers a request that ShouldStop(): 503 budget_exceeded / shutting_down (or, for a client that
// left, nothing anyone will read); counts it. `done` of `total` queries were screened.
void SendStopped(ServerState& state, httplib::Response& res, StopReason reason, size_t done,
                 size_t total);
// 503 audit_unavailable for a failed CommitAudit.
void SendAuditFailure(httplib::Response& res, const Status& status);

enum class Access { kPublic, kKey, kAdmin };

using RouteHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const RequestContext&)>;

// For GET routes (no body is read).
httplib::Server::Handler Guard(ServerState& state, std::string route, Access access,
                               RouteHandler handler);
// For POST routes: the body is read into RequestContext::body after the caller is admitted.
httplib::Server::HandlerWithContentReader GuardWithBody(ServerState& state, std::string route,
                                                        Access access, RouteHandler handler);
// Rules for every request, before routing: only GET, HEAD and POST, bodies only on POST, a
// declared Content-Length within --max-body (413 without reading it).
httplib::Server::HandlerWithResponse PreRouting(ServerState& state);
// Expect: 100-continue: 413 instead of 100 when the declared body is too large.
httplib::Server::Expect100ContinueHandler ExpectContinue(ServerState& state);
// A POST to no route: 404 without reading the body.
httplib::Server::HandlerWithContentReader UnknownPost(ServerState& state);

void RegisterScreenRoutes(httplib::Server& http, ServerState& state);  // POST /screen
void RegisterMatchRoutes(httplib::Server& http, ServerState& state);   // POST /match/{dataset}
void RegisterCheckRoutes(httplib::Server& http, ServerState& state);   // POST /check
// GET /entities/{id}, GET /lists, GET /healthz, GET /readyz, GET /metrics, POST /admin/reload
void RegisterAdminRoutes(httplib::Server& http, ServerState& state);
// GET /consolidated_screening_list/search, GET /consolidated_screening_list/sources
void RegisterCslRoutes(httplib::Server& http, ServerState& state);
// GET /openapi.json
void RegisterOpenApiRoutes(httplib::Server& http, ServerState& state);
// The reviewer workbench: HTML pages under /ui/ with session logins (server/ui/, not in the
// OpenAPI document: it is not an API).
void RegisterUiRoutes(httplib::Server& http, ServerState& state);
// GET /search/{dataset}, GET /catalog, GET /algorithms (yente's, beside /match)
void RegisterYenteRoutes(httplib::Server& http, ServerState& state);

// The OpenAPI 3.1 document served at /openapi.json (data/openapi.json, compiled in).
std::string_view OpenApiDocument();

// Every route the Register* functions above add, as method and OpenAPI path (which is also the
// route label in the metrics). A route added above belongs here and in data/openapi.json; the
// server tests check all three agree.
struct RouteSpec {
  std::string_view method, path;
};
inline constexpr std::array<RouteSpec, 15> kRoutes{{
    {"post", "/screen"},
    {"post", "/match/{dataset}"},
    {"post", "/check"},
    {"get", "/entities/{id}"},
    {"get", "/lists"},
    {"get", "/healthz"},
    {"get", "/readyz"},
    {"get", "/metrics"},
    {"post", "/admin/reload"},
    {"get", "/consolidated_screening_list/search"},
    {"get", "/consolidated_screening_list/sources"},
    {"get", "/openapi.json"},
    {"get", "/search/{dataset}"},
    {"get", "/catalog"},
    {"get", "/algorithms"},
}};

}  // namespace partyscreen::server
