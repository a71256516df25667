// The server's webhook deliveries (ServerOptions::webhook): a thread that drains the database's
// alert outbox (notify/deliverer.h) at start (events left undelivered before a restart), whenever
// Poke() is called (after a re-screen) and every webhook_retry_seconds while events are pending.
// Each round's outcome is logged on stderr. Does nothing without a webhook.
// Thread safety: Start/Stop from the server's controlling thread; Poke from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "partyscreen/status.h"
#include "partyscreen/store/database.h"
#include "server/server.h"

namespace partyscreen::server {

class Notifications {
 public:
  explicit Notifications(const ServerOptions& options) : options_(options) {}
  ~Notifications() { Stop(); }
  Notifications(const Notifications&) = delete;
  Notifications& operator=(const Notifications&) = delete;

  // Creates the webhook's cursor (so it receives every event committed from now on) and starts
  // the thread. An error (the database cannot be opened) leaves nothing running.
  Status Start();
  void Poke();
  // Ends a round in progress (its POST or backoff) and waits for the thread.
  void Stop();

 private:
  void Loop();
  // One delivery round on `db` (opened if null, dropped after a database error), logged; true
  // while events are pending.
  bool Round(std::unique_ptr<Database>& db, const RetryPolicy& policy);
  bool Stopping();

  const ServerOptions& options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool poked_ = false;
  std::thread thread_;
};

}  // namespace partyscreen::server
