#include "cli/cmd_serve.h"

#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/config_file.h"
#include "cli/options.h"
#include "core/strings.h"
#include "lists/manifest.h"
#include "partyscreen/screener.h"
#include "partyscreen/store.h"
#include "server/server.h"
#include "update/updater.h"

namespace partyscreen::cli {

namespace {

// "HOST:PORT", ":PORT" or "PORT".
bool ParseListen(const std::string& text, server::ServerOptions& o) {
  const size_t colon = text.rfind(':');
  const std::string host = colon == std::string::npos ? "" : text.substr(0, colon);
  const std::string port = colon == std::string::npos ? text : text.substr(colon + 1);
  if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5)
    return false;
  if (!host.empty()) o.host = host;
  o.port = std::stoi(port);
  return true;
}

// "200", "200/s".
bool ParseRate(std::string text, double& rate) {
  if (EndsWith(text, "/s")) text.resize(text.size() - 2);
  try {
    size_t used = 0;
    rate = std::stod(text, &used);
    return used == text.size() && rate >= 0;
  } catch (const std::exception&) {
    return false;
  }
}

// `--update-dir`: the directory is served, and when it holds no list version yet one update runs
// before the server starts (so it never starts on nothing). False (error printed) on failure.
bool PrepareUpdates(const std::string& dir, const std::string& sources_file, double max_shrink,
                    server::ServerOptions& o, std::ostream& err) {
  auto sources = ReadSources(sources_file);
  if (!sources.ok()) {
    PrintError(err, sources.status().message());
    return false;
  }
  o.update_dir = dir;
  o.update_sources = std::move(sources).value();
  o.update_max_shrink = max_shrink;
  o.lists.push_back(ListSpec(dir, ""));
  if (std::filesystem::exists(std::filesystem::path(dir) / kManifestFile)) return true;
  UpdateOptions first;
  first.dir = dir;
  first.max_shrink = max_shrink;
  first.progress = [&err](const std::string& line) { err << "partyscreen: " << line << "\n"; };
  auto report = UpdateLists(o.update_sources, first);
  if (!report.ok() || report->manifest_number == 0) {
    PrintError(err,
               dir + ": no list version to serve: " +
                   (report.ok() ? "every source failed (see above)" : report.status().message()));
    return false;
  }
  return true;
}

}  // namespace

int RunServe(const ServeArgs& args, std::ostream& out, std::ostream& err) {
  server::ServerOptions o = args.defaults;
  o.audit_db = args.db;
  if (!ParseListen(args.listen, o)) {
    PrintError(err, "--listen: expected HOST:PORT, got '" + args.listen + "'");
    return 2;
  }
  if (!ParseRate(args.rate_limit, o.rate_limit_per_second)) {
    PrintError(err, "--rate-limit: expected N or N/s, got '" + args.rate_limit + "'");
    return 2;
  }
  for (const std::string& l : args.lists) o.lists.push_back(ParseListSpec(l));
  o.max_list_age_days = args.max_list_age_days;
  if (o.lists.empty() && !args.data_dir.empty()) {
    if (!std::filesystem::is_directory(args.data_dir + "/default")) {
      PrintError(err, "--data-dir: " + args.data_dir + " holds no default/ snapshot");
      return 2;
    }
    o.lists = DefaultListSpecs(args.data_dir);
  }
  if (!args.update_every.empty() &&
      (args.update_dir.empty() || !ParsePeriod(args.update_every, o.update_every_seconds))) {
    PrintError(err, "--update-every: expected a period such as 6h, 30m or 90s, with --update-dir");
    return 2;
  }
  std::optional<std::vector<Webhook>> webhooks = LoadWebhooksOrReport(args.webhook, err);
  if (!webhooks) return 2;
  o.webhooks = std::move(*webhooks);
  o.webhook_policy = args.webhook.policy;
  if (!o.webhooks.empty() && args.db.empty()) {
    PrintError(err, "--webhook needs --db (the alerts and their outbox live there)");
    return 2;
  }
  if (!ParsePeriod(args.webhook_retry_every, o.webhook_retry_seconds)) {
    PrintError(err, "--webhook-retry-every: expected a period such as 1m or 30s");
    return 2;
  }
  if (args.heartbeat_every != "0" && !ParsePeriod(args.heartbeat_every, o.heartbeat_seconds)) {
    PrintError(err, "--heartbeat-every: expected a period such as 10s or 1m, or 0");
    return 2;
  }
  if (args.heartbeat_every == "0") o.heartbeat_seconds = 0;
  if (!args.update_dir.empty() &&
      !PrepareUpdates(args.update_dir, args.sources, o.update_max_shrink, o, err))
    return 1;
  o.threads = args.threads;
  o.access_log = args.access_log;
  o.log_queries = args.log_queries;
  if (args.log_queries && args.access_log.empty()) {
    PrintError(err, "--log-queries needs --access-log");
    return 2;
  }
  o.max_body_bytes = args.max_body;
  o.max_queries = args.max_queries;
  o.require_auth = !args.no_auth;
  if (!args.api_keys.empty()) {
    auto keys = server::ApiKeyRing::LoadFile(args.api_keys);
    if (!keys.ok()) {
      PrintError(err, keys.status().ToString());
      return 2;
    }
    o.api_keys = std::move(keys).value();
  } else if (!args.api_keys_env.empty()) {
    auto keys = server::ApiKeyRing::Parse(args.api_keys_env, ',', "PARTYSCREEN_API_KEYS");
    if (!keys.ok()) {
      PrintError(err, keys.status().ToString());
      return 2;
    }
    o.api_keys = std::move(keys).value();
  }
  if (args.no_auth)
    err << "partyscreen: WARNING: --no-auth: serving without authentication; every "
           "caller can screen and reload\n";
  // Block SIGINT/SIGTERM before any thread starts so only the waiter below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // A fixed mmap threshold: glibc's default one rises to the size of each large block freed
  // (up to 32 MiB), so once the first engine replaced by a reload is freed, the next engines'
  // large arrays come from the heap instead of their own mappings, and the heap fragments: the
  // RSS between reloads crept up ~+12-15 MB over 20 reloads and sat ~45 MB higher (docs/
  // BENCHMARKS_SERVER.md section 4). Fixed at 128 KiB (the default's start) each freed engine's
  // arrays go straight back to the system. Left alone when GLIBC_TUNABLES sets it.
  if (const char* tunables = std::getenv("GLIBC_TUNABLES");
      tunables == nullptr || std::strstr(tunables, "mmap_threshold") == nullptr)
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  err << "partyscreen: loading lists...\n" << std::flush;
  auto server = server::Server::Create(std::move(o));
  if (!server.ok()) {
    PrintError(err, server.status().ToString());
    return 1;
  }
  if (Status s = (*server)->Start(); !s.ok()) {
    PrintError(err, s.ToString());
    return 1;
  }
  err << "partyscreen: serving on " << args.listen.substr(0, args.listen.rfind(':')) << ":"
      << (*server)->port() << " (engine " << EngineVersion() << ")\n"
      << std::flush;
  // First SIGINT/SIGTERM: stop accepting, stop requests before their next query, finish the
  // answers being written. A second one: exit at once. `err` is written by the waiter only while
  // this thread waits for the server.
  std::atomic<bool> finished{false};
  std::thread waiter([&signals, &finished, &err, srv = server->get()] {
    int received = 0;
    sigwait(&signals, &received);
    if (finished) return;
    err << "partyscreen: stopping\n" << std::flush;
    srv->Stop();
    sigwait(&signals, &received);
    if (finished) return;
    err << "partyscreen: second signal: exiting without waiting for requests\n" << std::flush;
    std::_Exit(1);
  });
  (*server)->Wait();
  finished = true;
  // Wake the waiter (the server stopped by a signal, or without one: the socket failed).
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  int exit_code = 0;
  const uint64_t audit_failures = (*server)->audit_write_failures();
  server->reset();  // commits what the audit writer still holds
  if (const std::string journal = AuditJournalPath(args.db);
      !journal.empty() && std::filesystem::exists(journal)) {  // a commit failed at the end
    PrintError(err, "audit journal " + journal +
                        " kept: records answered were not all committed; the next `serve --db` "
                        "on this database replays them");
    exit_code = 1;
  }
  if (audit_failures > 0) {  // each was answered 503 and logged; the run was not clean
    PrintError(err, std::to_string(audit_failures) +
                        " request(s) were refused because the audit trail could not be written");
    exit_code = 1;
  }
  err << "partyscreen: stopped\n";
  return exit_code;
}

void RegisterServeCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the screening HTTP API (see docs/API.md)");
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (loopback by default)")
      ->capture_default_str();
  AddListOption(cmd, &args->lists, &args->max_list_age_days);
  cmd->add_option("--threads,-j", args->threads,
                  "Requests computed at once (every open connection has its own thread)")
      ->capture_default_str();
  cmd->add_option("--api-keys", args->api_keys,
                  "File of API keys, 'name:key' or 'admin:name:key' per line "
                  "(or env PARTYSCREEN_API_KEYS='name:key,...')");
  cmd->add_flag("--no-auth", args->no_auth, "Serve WITHOUT authentication (every caller is admin)");
  cmd->add_option("--max-body", args->max_body, "Largest request body in bytes (413 above)")
      ->capture_default_str();
  cmd->add_option("--max-queries", args->max_queries, "Most queries per request (413 above)")
      ->capture_default_str();
  cmd->add_option("--rate-limit", args->rate_limit,
                  "Requests per second per API key, e.g. 200/s (0 = unlimited)")
      ->capture_default_str();
  AddAuditDbOption(cmd, &args->db,
                   "Audit trail database: every screening is committed with its key name before "
                   "it is answered (503 if it cannot be)");
  cmd->add_option("--update-dir", args->update_dir,
                  "List directory kept by `lists update`: served, and updated by --update-every "
                  "(one update first if it holds no version yet)");
  cmd->add_option("--update-every", args->update_every,
                  "Update --update-dir this often (e.g. 6h, 30m), reload when a list changed and, "
                  "with --db, re-screen the register's customers (delta)");
  cmd->add_option("--sources", args->sources,
                  "Sources file for the updates (default: the shipped data/sources.tsv)");
  AddWebhookOptions(cmd, &args->webhook);
  cmd->add_option("--webhook-retry-every", args->webhook_retry_every,
                  "Retry undelivered alert events this often (e.g. 1m, 30s)")
      ->capture_default_str();
  server::ServerOptions& d = args->defaults;
  cmd->add_option("--update-max-shrink", d.update_max_shrink,
                  "Share of a source's entities an update may lose (default 0.05)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--max-connections", d.max_connections,
                  "Open connections at once; one more gets 503 (max 900)")
      ->capture_default_str();
  cmd->add_option("--header-timeout", d.header_timeout_seconds,
                  "Seconds for a request line and headers to arrive, however slowly sent")
      ->capture_default_str();
  cmd->add_option("--body-timeout", d.body_timeout_seconds,
                  "Seconds for a request body to arrive once the key is checked")
      ->capture_default_str();
  cmd->add_option("--idle-timeout", d.idle_timeout_seconds,
                  "Seconds a kept-alive connection may wait for its next request")
      ->capture_default_str();
  cmd->add_option("--max-name-chars", d.max_name_chars,
                  "Longest name accepted in a query, in characters (422 above)")
      ->capture_default_str();
  cmd->add_option("--min-threshold", d.min_threshold,
                  "Lowest threshold/cutoff a request may use; lower ones are raised to it")
      ->capture_default_str();
  cmd->add_option("--request-budget", d.request_budget_seconds,
                  "Seconds of work per request; a batch past it stops with 503")
      ->capture_default_str();
  cmd->add_option("--audit-timeout", d.audit_timeout_seconds,
                  "Seconds an answer waits for its audit commit before 503")
      ->capture_default_str();
  cmd->add_option("--four-eyes-score", d.four_eyes_score,
                  "Workbench: clearing an alert scoring at least this needs a supervisor's "
                  "confirmation (0: no score rule)")
      ->capture_default_str();
  cmd->add_flag("--four-eyes-block", d.four_eyes_block,
                "Workbench: clearing an alert whose outcome is BLOCK needs a supervisor's "
                "confirmation");
  cmd->add_flag("--ui-secure-cookie", d.ui_secure_cookie,
                "Workbench: mark the session cookie Secure (TLS in front of the server)");
  cmd->add_option("--server-id", d.server_id,
                  "With a PostgreSQL --db: this server's id in the heartbeat table that /readyz "
                  "compares (default: HOSTNAME:PORT)");
  cmd->add_option("--heartbeat-every", args->heartbeat_every,
                  "With a PostgreSQL --db: record the snapshot served this often (and at each "
                  "reload) and read the other servers' (0: never)")
      ->capture_default_str();
  cmd->add_option("--access-log", args->access_log,
                  "Write one JSON line per request (time, key, route, status, latency, queries) "
                  "to this file, or - for standard output");
  cmd->add_flag("--log-queries", args->log_queries,
                "The access log also names the names screened (personal data: off by default)");
  cmd->add_option("--data-dir", args->data_dir,
                  "Directory holding the bundled snapshot (default/), served without --list "
                  "(default: $PARTYSCREEN_DATA_DIR, else beside the installed binary)");
  // Every option above can also come from the environment (PARTYSCREEN_<OPTION>) or a config
  // file (cli/config_file.h). PARTYSCREEN_API_KEYS keeps its own meaning: the keys themselves.
  AddEnvironmentNames(*cmd, {"api-keys"});
  auto config = std::make_shared<std::string>();
  cmd->add_option("--config", *config,
                  "File of serve options, 'option = value' per line (e.g. listen = "
                  "\"0.0.0.0:8080\"); the command line and PARTYSCREEN_<OPTION> override it");
  cmd->callback([args, config, cmd, &ctx]() {
    if (!config->empty()) {
      if (Status s = ApplyConfigFile(*cmd, *config); !s.ok()) {
        PrintError(std::cerr, s.ToString());
        ctx.exit_code = 2;
        return;
      }
    }
    if (const char* env = std::getenv("PARTYSCREEN_API_KEYS"); env) args->api_keys_env = env;
    ctx.exit_code = RunServe(*args, std::cout, std::cerr);
  });
}

}  // namespace partyscreen::cli
