#include "server/server.h"

#include <chrono>
#include <cmath>
#include <iostream>
#include <thread>

#include "server/http_json.h"
#include "server/http_listener.h"
#include "server/list_updates.h"
#include "server/notifications.h"
#include "server/routes.h"

namespace partyscreen::server {

struct Server::Impl {
  Impl(std::unique_ptr<ServerState> s, ListenerOptions listener)
      : state(std::move(s)),
        http(std::move(listener)),
        notifications(state->options),
        updates(*state, [this] { notifications.Poke(); }),
        heartbeat(*state) {}
  std::unique_ptr<ServerState> state;
  HttpListener http;
  Notifications notifications;  // before `updates`, which pokes it
  ListUpdates updates;
  Heartbeat heartbeat;
  std::thread listener;
  int port = 0;
};

namespace {

Status ValidateOptions(const ServerOptions& o) {
  if (o.threads < 1) return Status::InvalidArgument("--threads must be at least 1");
  if (o.max_connections < 1 || o.max_connections > 900)
    return Status::InvalidArgument("--max-connections must be in [1, 900]");
  for (auto [value, flag] : {std::pair{o.header_timeout_seconds, "--header-timeout"},
                             std::pair{o.body_timeout_seconds, "--body-timeout"},
                             std::pair{o.idle_timeout_seconds, "--idle-timeout"},
                             std::pair{o.request_budget_seconds, "--request-budget"},
                             std::pair{o.audit_timeout_seconds, "--audit-timeout"}})
    if (!(value > 0 && value <= 3600))
      return Status::InvalidArgument(std::string(flag) + " must be in (0, 3600] seconds");
  if (o.max_name_chars < 1) return Status::InvalidArgument("--max-name-chars must be at least 1");
  if (!(o.min_threshold >= 0 && o.min_threshold <= 1))
    return Status::InvalidArgument("--min-threshold must be in [0, 1]");
  if (o.max_body_bytes < 64) return Status::InvalidArgument("--max-body must be at least 64 bytes");
  if (o.max_queries < 1) return Status::InvalidArgument("--max-queries must be at least 1");
  if (!(o.max_list_age_days > 0) || !std::isfinite(o.max_list_age_days))
    return Status::InvalidArgument("--max-list-age must be a positive period, e.g. 2d");
  if (o.rate_limit_per_second < 0)
    return Status::InvalidArgument("--rate-limit must not be negative");
  if (o.port < 0 || o.port > 65535) return Status::InvalidArgument("port must be in [0, 65535]");
  if (o.update_every_seconds < 0 || (o.update_every_seconds > 0 && o.update_dir.empty()))
    return Status::InvalidArgument("--update-every needs --update-dir, and a positive period");
  if (!o.webhooks.empty() && o.audit_db.empty())
    return Status::InvalidArgument("--webhook needs --db (the alerts and their outbox live there)");
  if (!o.webhooks.empty() && !(o.webhook_retry_seconds > 0))
    return Status::InvalidArgument("--webhook-retry-every must be a positive period");
  if (o.heartbeat_seconds < 0 || o.heartbeat_seconds > 3600)
    return Status::InvalidArgument("--heartbeat-every must be in [0, 3600] seconds");
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
  auto state_ptr = std::make_unique<ServerState>(std::move(options), std::move(engine).value(),
                                                 std::move(rules).value());
  ServerState& state = *state_ptr;
  if (!state.options.audit_db.empty()) {
    // SQLite: answers wait for the journal's write(), commits follow in batches; PostgreSQL:
    // for its commit (no journal; see docs/STORE.md).
    AuditWriterOptions writer;
    writer.journal = AuditJournalPath(state.options.audit_db);
    Result<std::unique_ptr<AuditWriter>> audit = AuditWriter::Open(state.options.audit_db, writer);
    if (!audit.ok()) return audit.status();
    state.audit = std::move(audit).value();
    const AuditJournalRecovery& found = state.audit->recovery();
    if (!found.dropped.empty())
      std::cerr << "partyscreen: audit journal " << writer.journal << ": dropped " << found.dropped
                << " (written while the server was killed; it was never answered)\n";
    if (found.replayed > 0)
      std::cerr << "partyscreen: audit journal " << writer.journal << ": " << found.replayed
                << " record(s) of screenings answered before the last stop committed now\n";
  }
  if (!state.options.access_log.empty()) {
    Result<std::unique_ptr<AccessLog>> log = AccessLog::Open(state.options.access_log);
    if (!log.ok()) return log.status();
    state.access_log = std::move(log).value();
  }
  const auto seconds = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  ListenerOptions listener;
  listener.max_connections = state.options.max_connections;
  listener.header_timeout = seconds(state.options.header_timeout_seconds);
  listener.body_timeout = seconds(state.options.body_timeout_seconds);
  listener.idle_timeout = seconds(state.options.idle_timeout_seconds);
  listener.keep_alive_max_requests = state.options.keep_alive_max_requests;
  listener.on_rejected = [&state] { state.metrics.RecordConnectionRejected(); };
  auto impl = std::make_unique<Impl>(std::move(state_ptr), std::move(listener));
  HttpListener& http = impl->http;

  http.set_payload_max_length(state.options.max_body_bytes);
  http.set_keep_alive_max_count(state.options.keep_alive_max_requests);
  http.set_keep_alive_timeout(static_cast<time_t>(state.options.idle_timeout_seconds));
  // Errors cpp-httplib produces itself (no route, bad request line...) get the JSON error shape and
  // are counted under the route "(unrouted)"; responses a handler already filled are left alone.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [&state](const httplib::Request& req, httplib::Response& res) {
        if (res.body.empty()) {
          SendJson(res, res.status, DefaultErrorBody(res.status));
          state.RecordRequest(req, "(unrouted)", res.status, 0, nullptr);
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendError(res, 500, "internal", "internal server error");
      });
  http.set_pre_routing_handler(PreRouting(state));
  http.set_expect_100_continue_handler(ExpectContinue(state));
  RegisterScreenRoutes(http, state);
  RegisterMatchRoutes(http, state);
  RegisterCheckRoutes(http, state);
  RegisterAdminRoutes(http, state);
  RegisterCslRoutes(http, state);
  RegisterOpenApiRoutes(http, state);
  RegisterUiRoutes(http, state);
  RegisterYenteRoutes(http, state);
  http.Post(".*", UnknownPost(state));  // last: only POSTs no route above took
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  Wait();
}

Status Server::Start() {
  const ServerOptions& o = impl_->state->options;
  if (Status s = impl_->notifications.Start(); !s.ok()) return s;
  Result<int> port = impl_->http.Bind(o.host, o.port);
  if (!port.ok()) return port.status();
  impl_->port = *port;
  impl_->listener = std::thread([this] { impl_->http.Serve(); });
  impl_->updates.Start();
  impl_->heartbeat.Start(impl_->port);
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

uint64_t Server::audit_write_failures() const { return impl_->state->metrics.audit_failures(); }

void Server::Stop() {
  impl_->heartbeat.Stop();
  impl_->updates.Stop();
  impl_->notifications.Stop();
  impl_->http.Stop();
}

void Server::Wait() {
  if (impl_->listener.joinable()) impl_->listener.join();
  impl_->http.WaitForConnections();
}

}  // namespace partyscreen::server
