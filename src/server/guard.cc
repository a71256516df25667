#include <chrono>

#include "server/http_json.h"
#include "server/routes.h"

namespace partyscreen::server {

namespace {

// Runs the checks before the handler; false when the request was answered with an error.
bool Admit(ServerState& state, Access access, const httplib::Request& req, httplib::Response& res,
           RequestContext& ctx) {
  if (access == Access::kPublic || !state.options.require_auth) {
    ctx.caller = Caller{"anonymous", !state.options.require_auth};
  } else {
    std::optional<Caller> caller = state.options.api_keys.Authenticate(
        req.get_header_value("Authorization"), req.get_header_value("X-API-Key"));
    if (!caller) {
      res.set_header("WWW-Authenticate", "Bearer");
      SendError(
          res, 401, "unauthorized",
          "missing or unknown API key (send 'Authorization: Bearer KEY' or 'X-API-Key: KEY')");
      return false;
    }
    ctx.caller = *caller;
  }
  if (access == Access::kAdmin && !ctx.caller.admin) {
    SendError(res, 403, "forbidden", "this endpoint needs an admin key");
    return false;
  }
  if (access != Access::kPublic) {
    const std::string bucket =
        state.options.require_auth ? "key:" + ctx.caller.key_name : "addr:" + req.remote_addr;
    const RateLimiter::Decision d = state.limiter.Acquire(bucket);
    if (!d.allowed) {
      res.set_header("Retry-After", std::to_string(d.retry_after_seconds));
      SendError(res, 429, "rate_limited",
                "rate limit exceeded; retry after " + std::to_string(d.retry_after_seconds) + " s");
      return false;
    }
  }
  return true;
}

}  // namespace

httplib::Server::Handler Guard(ServerState& state, std::string route, Access access,
                               RouteHandler handler) {
  return [&state, route = std::move(route), access, handler = std::move(handler)](
             const httplib::Request& req, httplib::Response& res) {
    const auto t0 = std::chrono::steady_clock::now();
    RequestContext ctx;
    ctx.remote_addr = req.remote_addr;
    if (Admit(state, access, req, res, ctx)) {
      ctx.engine = state.engines.Current();
      try {
        handler(req, res, ctx);
      } catch (const std::exception&) {
        SendError(res, 500, "internal", "internal server error");
      }
    }
    state.metrics.RecordRequest(
        route, res.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  };
}

}  // namespace partyscreen::server
