#include <charconv>
#include <chrono>

#include "core/strings.h"
#include "server/http_json.h"
#include "server/routes.h"

namespace partyscreen::server {

namespace {

Clock::duration Seconds(double s) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// The caller's key as sent: from the connection's raw request head when there is one (cpp-httplib
// percent-decodes header values and cuts them at a NUL, so "KEY%00x" would read as "KEY").
// `subscription-key` (what the trade.gov CSL API's clients send) stands in for X-API-Key.
std::optional<Caller> Authenticate(const ServerState& state, const httplib::Request& req) {
  if (const Connection* c = ThisConnection(); c != nullptr) {
    const std::string_view head = c->RawHead();
    const std::string_view x_api_key = RawHeaderValue(head, "X-API-Key");
    return state.options.api_keys.Authenticate(
        RawHeaderValue(head, "Authorization"),
        x_api_key.empty() ? RawHeaderValue(head, "subscription-key") : x_api_key);
  }
  const std::string x_api_key = req.get_header_value("X-API-Key");
  return state.options.api_keys.Authenticate(
      req.get_header_value("Authorization"),
      x_api_key.empty() ? req.get_header_value("subscription-key") : x_api_key);
}

// Runs the checks before the handler; false when the request was answered with an error.
bool Admit(ServerState& state, Access access, const httplib::Request& req, httplib::Response& res,
           RequestContext& ctx) {
  if (access == Access::kPublic || !state.options.require_auth) {
    ctx.caller = Caller{"anonymous", !state.options.require_auth};
  } else {
    std::optional<Caller> caller = Authenticate(state, req);
    if (!caller) {
      res.set_header("WWW-Authenticate", "Bearer");
      SendError(res, 401, "unauthorized",
                "missing or unknown API key (send 'Authorization: Bearer KEY', 'X-API-Key: KEY' or "
                "'subscription-key: KEY')");
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

// Content-Length as declared: nullopt when absent, -1 when not a number.
std::optional<long long> DeclaredLength(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  const std::string v = req.get_header_value("Content-Length");
  unsigned long long n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || v.empty() || n > (1ull << 62)) return -1;
  return static_cast<long long>(n);
}

std::string TooLarge(const ServerState& state) {
  return "request body exceeds the limit of " + std::to_string(state.options.max_body_bytes) +
         " bytes";
}

// Reads the body into ctx.body (at most --max-body bytes after decoding); false when answered.
bool ReadBody(ServerState& state, const httplib::Request& req, const httplib::ContentReader& reader,
              httplib::Response& res, RequestContext& ctx) {
  // A request with neither Content-Length nor chunked encoding has no body (RFC 9112 6.3); never
  // read "until the client closes".
  const std::optional<long long> length = DeclaredLength(req);
  if (!req.has_header("Transfer-Encoding") && (!length || *length == 0)) return true;
  if (Connection* c = ThisConnection(); c != nullptr)
    c->BeginBody(Clock::now() + Seconds(state.options.body_timeout_seconds));
  bool too_large = false;
  const bool complete = reader([&](const char* data, size_t n) {
    if (ctx.body.size() + n > state.options.max_body_bytes) {
      too_large = true;
      return false;
    }
    ctx.body.append(data, n);
    return true;
  });
  if (complete && !too_large) return true;
  CloseAfterAnswer(req);
  if (too_large) {
    SendError(res, 413, "body_too_large", TooLarge(state));
  } else {
    SendError(res, 400, "bad_request", "request body incomplete, malformed or too slow");
  }
  return false;
}

// One of the --threads work slots, held until the request is answered.
class WorkSlot {
 public:
  explicit WorkSlot(WorkSlots& slots) : slots_(slots) {}
  ~WorkSlot() {
    if (held_) slots_.Release();
  }
  bool Acquire(Clock::time_point deadline) { return held_ = slots_.TryAcquireUntil(deadline); }

 private:
  WorkSlots& slots_;
  bool held_ = false;
};

void Serve(ServerState& state, const std::string& route, Access access, const RouteHandler& handler,
           const httplib::Request& req, httplib::Response& res,
           const httplib::ContentReader* body) {
  const auto t0 = Clock::now();
  RequestContext ctx;
  AccessNote note;
  note.keep_names = state.options.log_queries;
  if (state.access_log) ctx.access = &note;
  ctx.remote_addr = req.remote_addr;
  ctx.connection = ThisConnection();
  ctx.deadline = t0 + Seconds(state.options.request_budget_seconds);
  WorkSlot slot(state.work_slots);
  if (!Admit(state, access, req, res, ctx)) {
    if (body != nullptr) CloseAfterAnswer(req);  // the body stays unread
  } else if (body == nullptr || ReadBody(state, req, *body, res, ctx)) {
    // GET routes are cheap look-ups and never wait; POST routes compute and take a slot.
    if (body != nullptr && !slot.Acquire(ctx.deadline)) {
      SendError(res, 503, "busy", "no work slot became free within the request budget");
    } else {
      ctx.engine = state.engines.Current();
      try {
        handler(req, res, ctx);
      } catch (const std::exception&) {
        SendError(res, 500, "internal", "internal server error");
      }
    }
  }
  state.RecordRequest(req, route, res.status,
                      std::chrono::duration<double>(Clock::now() - t0).count(), &ctx);
}

}  // namespace

void ServerState::RecordRequest(const httplib::Request& req, std::string_view route, int status,
                                double seconds, const RequestContext* ctx) {
  metrics.RecordRequest(route, status, seconds);
  if (!access_log) return;
  AccessRecord r;
  r.remote = req.remote_addr;
  r.key = ctx != nullptr ? std::string_view(ctx->caller.key_name) : std::string_view();
  r.method = req.method;
  r.route = route;
  r.path = req.path;
  r.status = status;
  r.seconds = seconds;
  r.note = ctx != nullptr ? ctx->access : nullptr;
  access_log->Write(r);
}

httplib::Server::Handler Guard(ServerState& state, std::string route, Access access,
                               RouteHandler handler) {
  return [&state, route = std::move(route), access, handler = std::move(handler)](
             const httplib::Request& req, httplib::Response& res) {
    Serve(state, route, access, handler, req, res, nullptr);
  };
}

httplib::Server::HandlerWithContentReader GuardWithBody(ServerState& state, std::string route,
                                                        Access access, RouteHandler handler) {
  return [&state, route = std::move(route), access, handler = std::move(handler)](
             const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader& reader) {
    Serve(state, route, access, handler, req, res, &reader);
  };
}

httplib::Server::HandlerWithResponse PreRouting(ServerState& state) {
  return [&state](const httplib::Request& req, httplib::Response& res) {
    auto refuse = [&](int status, std::string_view code, const std::string& message) {
      CloseAfterAnswer(req);
      SendError(res, status, code, message);
      state.RecordRequest(req, "(unrouted)", status, 0, nullptr);
      return httplib::Server::HandlerResponse::Handled;
    };
    const bool post = req.method == "POST";
    if (!post && req.method != "GET" && req.method != "HEAD")
      return refuse(405, "method_not_allowed", "only GET, HEAD and POST are served");
    const bool encoded = req.has_header("Transfer-Encoding");
    if (encoded && !IEquals(Trim(req.get_header_value("Transfer-Encoding")), "chunked"))
      return refuse(501, "unsupported_transfer_encoding",
                    "only the chunked transfer encoding is supported");
    const std::optional<long long> length = DeclaredLength(req);
    if (length && *length < 0) return refuse(400, "bad_request", "Content-Length is not a number");
    if (!post && (encoded || (length && *length > 0)))
      return refuse(400, "bad_request", "a " + req.method + " request may not have a body");
    if (length && static_cast<unsigned long long>(*length) > state.options.max_body_bytes)
      return refuse(413, "body_too_large", TooLarge(state));
    return httplib::Server::HandlerResponse::Unhandled;
  };
}

httplib::Server::Expect100ContinueHandler ExpectContinue(ServerState& state) {
  return [&state](const httplib::Request& req, httplib::Response& res) {
    const std::optional<long long> length = DeclaredLength(req);
    if (length &&
        (*length < 0 || static_cast<unsigned long long>(*length) > state.options.max_body_bytes)) {
      CloseAfterAnswer(req);
      SendError(res, 413, "body_too_large", TooLarge(state));
      return 413;
    }
    return 100;
  };
}

httplib::Server::HandlerWithContentReader UnknownPost(ServerState& state) {
  return
      [&state](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&) {
        CloseAfterAnswer(req);
        SendError(res, 404, "not_found", "no such endpoint");
        state.RecordRequest(req, "(unrouted)", 404, 0, nullptr);
      };
}

}  // namespace partyscreen::server
