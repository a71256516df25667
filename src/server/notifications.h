// The server's webhook deliveries (ServerOptions::webhooks): one thread per webhook that drains
// the database's alert outbox for it (notify/deliverer.h) at start (events left undelivered before
// a restart), whenever Poke() is called (after a re-screen) and every webhook_retry_seconds while
// events are pending. Each webhook has its own thread and database connection, so a receiver that
// is down delays no other. Each round's outcome is logged on stderr. Does nothing without webhooks.
// Thread safety: Start from the server's controlling thread; Stop (more than once) and Poke from
// any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

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

  // Creates each webhook's cursor (so it receives every event committed from now on) and starts
  // the threads. An error (the database cannot be opened) leaves nothing running.
  Status Start();
  void Poke();
  // Ends the rounds in progress (their POST or backoff) and waits for the threads.
  void Stop();

 private:
  void Loop(const Webhook& hook, uint64_t& seen_pokes);
  // One delivery round for `hook` on `db` (opened if null, dropped after a database error),
  // logged; true while events are pending.
  bool Round(const Webhook& hook, std::unique_ptr<Database>& db, const RetryPolicy& policy);
  bool Stopping();

  const ServerOptions& options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  uint64_t pokes_ = 0;  // each thread compares it with the count it has seen
  // Guards threads_ in Stop(), which Server::Stop() calls from any thread, more than once: without
  // it two Stop()s at once joined the same threads twice and cleared the vector under the other's
  // loop (ThreadSanitizer: data race in std::vector<std::thread>::clear). Held while joining; the
  // delivery threads never take it (they need mu_ to finish).
  std::mutex join_mu_;
  std::vector<std::thread> threads_;
};

}  // namespace partyscreen::server
