// The partyscreen HTTP API server: screening, yente-compatible matching, entity look-up, list
// information, decisions, health, Prometheus metrics and atomic snapshot reloads over HTTP/1.1
// JSON (cpp-httplib). docs/API.md documents every endpoint, the error format and the security
// model.
//
// Lifecycle: Server::Create loads the lists and builds the engine (nothing listens yet); Start()
// binds and serves on a background thread pool; Stop() (or SIGINT/SIGTERM in `partyscreen serve`)
// stops accepting and lets Wait() return. Requests run on the pool; each one takes its own
// reference to the current engine, so a reload never pulls an engine from under a request in
// flight. Thread safety: Start/Stop/Wait from one controlling thread; port() and Stop() from any
// thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"
#include "server/auth.h"

namespace partyscreen::server {

struct ServerOptions {
  // Address to bind. Loopback by default: exposing the server is a deliberate choice.
  std::string host = "127.0.0.1";
  // TCP port; 0 picks a free port (read it back with Server::port()).
  int port = 8080;
  // Lists to load (and to reload on POST /admin/reload). Empty: the bundled default snapshot.
  std::vector<ListSpec> lists;
  // Worker threads. cpp-httplib serves one keep-alive connection per thread at a time, so this is
  // also the number of connections served concurrently; more connections wait for a free thread.
  int threads = 16;
  // Largest accepted request body; larger bodies get 413.
  size_t max_body_bytes = 1 << 20;
  // Most queries in one POST /screen batch or POST /match request; more get 413.
  size_t max_queries = 100;
  // Per API key token bucket: sustained requests per second (burst of the same size).
  // 0 disables rate limiting.
  double rate_limit_per_second = 0;
  // Caller identities. Empty with require_auth = true makes Create() fail.
  ApiKeyRing api_keys;
  // false (`--no-auth`) serves without keys: every caller is "anonymous" and may reload.
  bool require_auth = true;
  // Keep-alive requests per connection before the server closes it (lets other connections in).
  size_t keep_alive_max_requests = 1000;
  // SQLite file or PostgreSQL URL of the audit trail (include/partyscreen/store.h); every
  // screening through /screen and /match is appended with the caller's key name. "" = no audit.
  std::string audit_db;
};

class Server {
 public:
  // Validates the options and loads the lists; fails (nothing listening) on a bad option, missing
  // keys or a list that does not load.
  static Result<std::unique_ptr<Server>> Create(ServerOptions options);
  ~Server();  // stops the server if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port and starts serving in the background. IoError if the port cannot be bound.
  Status Start();
  // The bound port (after Start()).
  int port() const;
  // Stops accepting and closes connections; safe from any thread and more than once.
  void Stop();
  // Blocks until the server has stopped.
  void Wait();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partyscreen::server
