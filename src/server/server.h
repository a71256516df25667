// The partyscreen HTTP API server: screening, yente-compatible matching, entity look-up, list
// information, decisions, health, Prometheus metrics and atomic snapshot reloads over HTTP/1.1
// JSON (cpp-httplib). docs/API.md documents every endpoint, the error format and the security
// model.
//
// Lifecycle: Server::Create loads the lists and builds the engine (nothing listens yet); Start()
// binds (refusing a port another process listens on) and serves in the background, one thread per
// connection (server/http_listener.h); Stop() (or SIGINT/SIGTERM in `partyscreen serve`) stops
// accepting, wakes idle connections, stops multi-query requests before their next query, and lets
// Wait() return once every connection has finished. Each request takes its own
// reference to the current engine, so a reload never pulls an engine from under a request in
// flight. Thread safety: Start/Stop/Wait from one controlling thread; port() and Stop() from any
// thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lists/staleness.h"
#include "notify/deliverer.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"
#include "server/auth.h"
#include "update/sources.h"

namespace partyscreen::server {

struct ServerOptions {
  // Address to bind. Loopback by default: exposing the server is a deliberate choice.
  std::string host = "127.0.0.1";
  // TCP port; 0 picks a free port (read it back with Server::port()).
  int port = 8080;
  // Lists to load (and to reload on POST /admin/reload). Empty: the bundled default snapshot.
  std::vector<ListSpec> lists;
  // A list older than this is stale: /readyz and the workbench's lists page warn
  // (lists/staleness.h; `serve --max-list-age`).
  double max_list_age_days = kDefaultMaxListAgeDays;
  // Requests worked on at once (screening, matching, decisions, reload). Each open connection
  // has a thread of its own (see max_connections); this bounds how many of them compute at once,
  // the others wait for a slot. Health, readiness and metrics never wait.
  int threads = 16;
  // Open connections at once; one more is answered 503 and closed. A slow or idle client holds
  // one of these (and a thread, not a work slot) until its timeout below. At most 900 (the
  // HTTP library refuses descriptors >= 1024).
  size_t max_connections = 512;
  // Seconds a request's line and headers may take to arrive from their first byte (slow clients
  // are cut off, however steadily they trickle); a new connection's first byte is awaited as long.
  double header_timeout_seconds = 10;
  // Seconds a request body may take to arrive once the request is admitted (key checked).
  double body_timeout_seconds = 30;
  // Seconds a kept-alive connection may wait for its next request.
  double idle_timeout_seconds = 5;
  // Largest accepted request body, after any Content-Encoding is undone and whatever the
  // transfer encoding (Content-Length, chunked or read to close); larger bodies get 413. The key
  // is checked before any of the body is read.
  size_t max_body_bytes = 1 << 20;
  // Longest name accepted in a query, in characters (code points); longer names get 422 naming
  // the field. Matching cost grows with the name's length.
  size_t max_name_chars = 300;
  // Lowest threshold a request may ask for: lower ones are raised to it (the answer reports the
  // threshold used). Threshold 0 made every listed name a candidate; 0 here allows it.
  double min_threshold = 0.3;
  // Seconds of work one request may take: a multi-query request that runs past it stops before
  // its next query and gets 503 budget_exceeded. A request also stops when its client disconnects
  // or the server is stopping.
  double request_budget_seconds = 10;
  // Most queries in one POST /screen batch or POST /match request; more get 413.
  size_t max_queries = 100;
  // Per API key token bucket: sustained requests per second (burst of the same size).
  // 0 disables rate limiting.
  double rate_limit_per_second = 0;
  // Caller identities. Empty with require_auth = true makes Create() fail.
  ApiKeyRing api_keys;
  // false (`--no-auth`) serves without keys: every caller is "anonymous" and may reload.
  bool require_auth = true;
  // Keep-alive requests per connection before the server closes it.
  size_t keep_alive_max_requests = 1000;
  // SQLite file or PostgreSQL URL of the audit trail (include/partyscreen/store.h); every
  // screening through /screen and /match is durable, with the caller's key name, BEFORE it is
  // answered: SQLite, written to the audit journal (AuditJournalPath) and committed in batches
  // behind the answers; PostgreSQL, committed. If it cannot be (disk full, database gone, journal
  // backlog full) the request gets 503 audit_unavailable, the failure is logged and counted in
  // /metrics. "" = no audit.
  std::string audit_db;
  // Seconds an answer waits for its audit record (commit, or journal rotation) before 503.
  double audit_timeout_seconds = 10;
  // `serve --update-every` (server/list_updates.h): every update_every_seconds (0: never) the
  // list directory update_dir (which `lists` must name) is updated from update_sources, and the
  // lists are reloaded when a new version became active. update_max_shrink: the updater's
  // per-source shrink limit. With audit_db, each new version is followed by the delta re-screen
  // of the database's customer register (server/update_rescreen.h), audited.
  std::string update_dir;
  std::vector<ListSource> update_sources;
  double update_every_seconds = 0;
  double update_max_shrink = 0.05;
  // `serve --access-log`: one JSON line per request (server/access_log.h) to this file, "-" for
  // standard output, "" for none; log_queries: the lines also carry the names screened.
  std::string access_log;
  bool log_queries = false;
  // Needs audit_db: new and reopened alerts in its outbox (alert_events.h) are POSTed to each of
  // `webhooks` (none: no deliveries) by server/notifications.h at start, after each re-screen and
  // every webhook_retry_seconds while any is undelivered; webhook_policy: retries within a round
  // and dead letters.
  std::vector<Webhook> webhooks;
  double webhook_retry_seconds = 60;
  RetryPolicy webhook_policy;
  // The reviewer workbench under /ui/ (docs/WORKBENCH.md; needs audit_db, accounts from
  // `partyscreen users add`). Four-eyes rule: clearing an alert (false positive) whose score is at
  // least four_eyes_score (0: no score rule), or whose outcome is BLOCK when four_eyes_block,
  // waits until a supervisor other than the proposer confirms it. ui_secure_cookie: the session
  // cookie is marked Secure (set it when TLS terminates in front of the server).
  double four_eyes_score = 0;
  bool four_eyes_block = false;
  bool ui_secure_cookie = false;
  // Several servers on one PostgreSQL audit_db (server/heartbeat.h): this server's id in the
  // heartbeat table ("" = "<hostname>:<port>"), and how often it records the snapshot it serves
  // (and reads the others'; 0 = never). A server is live for the others while its last beat is
  // at most 3 periods old. Without a PostgreSQL audit_db nothing is recorded.
  std::string server_id;
  double heartbeat_seconds = 10;
};

class Server {
 public:
  // Validates the options and loads the lists; fails (nothing listening) on a bad option, missing
  // keys or a list that does not load.
  static Result<std::unique_ptr<Server>> Create(ServerOptions options);
  ~Server();  // stops the server if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port and starts serving in the background. IoError if the port cannot be bound,
  // in particular when another process listens on it.
  Status Start();
  // The bound port (after Start()).
  int port() const;
  // Stops accepting and closes connections; safe from any thread and more than once.
  void Stop();
  // Blocks until the server has stopped and every connection is closed.
  void Wait();
  // Requests refused (503) so far because their audit records could not be committed.
  uint64_t audit_write_failures() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partyscreen::server
