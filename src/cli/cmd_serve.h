// `partyscreen serve`: the HTTP API (src/server/, docs/API.md) in the foreground until SIGINT or
// SIGTERM (a second one exits at once). Args + Run; the CLI11 registration only fills the Args.
// RunServe blocks SIGINT and SIGTERM in the calling thread (and the threads it starts) and waits
// for one of them, so tests call it only for the usage errors it reports before starting.
//
// With --db, --update-every is followed by the delta re-screen of the register after each new
// list version (server/update_rescreen.h); --webhook URL --webhook-secret-file F (needs --db)
// POSTs the database's new and reopened alert events (server/notifications.h), retried every
// --webhook-retry-every while undelivered.
//
// Exit code: 0 after a clean stop; 2 on a usage error (--listen, --rate-limit, API keys,
// --update-every, the webhook flags), reported before any list is loaded; 1 if the server could not
// start (or
// --update-dir holds no list version and the first update found none) or if any screening was
// refused because the audit trail (--db) could not be written. `out`: nothing. `err`: progress
// ("loading lists...", "serving on HOST:PORT", "stopping", "stopped"), warnings and errors.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/webhooks.h"
#include "lists/staleness.h"
#include "server/server.h"

namespace partyscreen::cli {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";              // HOST:PORT, :PORT or PORT
  std::vector<std::string> lists;                     // --list; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
  int threads = 16;                                   // requests computed at once
  std::string api_keys;                               // file of API keys; "" = api_keys_env
  std::string api_keys_env;                // 'name:key,...' (the CLI: $PARTYSCREEN_API_KEYS)
  bool no_auth = false;                    // serve without authentication
  size_t max_body = 1 << 20;               // bytes
  size_t max_queries = 100;                // per request
  std::string rate_limit = "0";            // N or N/s per API key; 0 = unlimited
  std::string db;                          // audit trail; "" = none
  std::string update_dir;                  // list directory served and kept by updates; "" = none
  std::string update_every;                // "6h", "30m", "90s"; "" = no timed updates
  std::string sources;                     // sources file for the updates; "" = the shipped one
  std::string data_dir;                    // where the bundled snapshot is read without --list
  std::string access_log;                  // JSON-lines access log: a file, "-" = stdout, "" = none
  bool log_queries = false;                // the access log also names the screened names
  WebhookArgs webhook;                     // --webhook, --webhook-secret-file
  std::string webhook_retry_every = "1m";  // period of retries while events are undelivered
  std::string heartbeat_every = "10s";     // PostgreSQL --db: snapshot heartbeat period; 0 = off
  server::ServerOptions defaults;          // timeouts, limits: the other flags
};

int RunServe(const ServeArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
