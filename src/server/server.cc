#include "server/server.h"

#include <chrono>
#include <thread>

#include "server/http_json.h"
#include "server/routes.h"

namespace partyscreen::server {

struct Server::Impl {
  explicit Impl(std::unique_ptr<ServerState> s) : state(std::move(s)) {}
  std::unique_ptr<ServerState> state;
  httplib::Server http;
  std::thread listener;
  int port = 0;
};

namespace {

Status ValidateOptions(const ServerOptions& o) {
  if (o.threads < 1) return Status::InvalidArgument("--threads must be at least 1");
  if (o.max_body_bytes < 64) return Status::InvalidArgument("--max-body must be at least 64 bytes");
  if (o.max_queries < 1) return Status::InvalidArgument("--max-queries must be at least 1");
  if (o.rate_limit_per_second < 0)
    return Status::InvalidArgument("--rate-limit must not be negative");
  if (o.port < 0 || o.port > 65535) return Status::InvalidArgument("port must be in [0, 65535]");
  if (o.require_auth && o.api_keys.empty())
    return Status::InvalidArgument(
        "no API keys configured: give --api-keys FILE or set PARTYSCREEN_API_KEYS, or pass "
        "--no-auth to serve without authentication");
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  Result<DecisionRules> rules = DecisionRules::Embedded();
  if (!rules.ok()) return rules.status();
  Result<std::shared_ptr<const Engine>> engine = LoadEngine(options.lists, 1);
  if (!engine.ok()) return engine.status();
  auto impl = std::make_unique<Impl>(std::make_unique<ServerState>(
      std::move(options), std::move(engine).value(), std::move(rules).value()));
  ServerState& state = *impl->state;
  if (!state.options.audit_db.empty()) {
    Result<std::unique_ptr<AuditWriter>> audit = AuditWriter::Open(state.options.audit_db);
    if (!audit.ok()) return audit.status();
    state.audit = std::move(audit).value();
  }
  httplib::Server& http = impl->http;

  const int threads = state.options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(state.options.max_body_bytes);
  http.set_keep_alive_max_count(state.options.keep_alive_max_requests);
  // Without TCP_NODELAY a response written as headers + body waits ~40 ms for the client's
  // delayed ACK (Nagle), capping a keep-alive connection at ~25 requests/s.
  http.set_tcp_nodelay(true);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  // Errors cpp-httplib produces itself (no route, body too large...) get the JSON error shape and
  // are counted under the route "(unrouted)"; responses a handler already filled are left alone.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [&state](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) {
          SendJson(res, res.status, DefaultErrorBody(res.status));
          state.metrics.RecordRequest("(unrouted)", res.status, 0);
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendError(res, 500, "internal", "internal server error");
      });
  RegisterScreenRoutes(http, state);
  RegisterMatchRoutes(http, state);
  RegisterCheckRoutes(http, state);
  RegisterAdminRoutes(http, state);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  Wait();
}

Status Server::Start() {
  const ServerOptions& o = impl_->state->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.host);
  } else {
    impl_->port = impl_->http.bind_to_port(o.host, o.port) ? o.port : -1;
  }
  if (impl_->port < 0)
    return Status::IoError("cannot listen on " + o.host + ":" + std::to_string(o.port));
  impl_->listener = std::thread([this] { impl_->http.listen_after_bind(); });
  // Return only once the accept loop runs, so that an early Stop() cannot be missed.
  while (!impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

void Server::Stop() { impl_->http.stop(); }

void Server::Wait() {
  if (impl_->listener.joinable()) impl_->listener.join();
}

}  // namespace partyscreen::server
