// Several servers on one PostgreSQL database: each records the snapshot it serves and reads the
// others' (store/heartbeats.h), so GET /readyz can say when they differ.
//
// With ServerOptions::audit_db naming a PostgreSQL database and heartbeat_seconds > 0, a thread
// upserts this server's row (server id, snapshot hash, loaded at, generation, address) at start,
// within half a second of every reload (it watches the engine's generation) and every
// heartbeat_seconds; after each beat it reads the rows of the other servers that beat within the
// last 3 x heartbeat_seconds (the live ones) and publishes them on the ClusterBoard that /readyz
// reads. /readyz never waits on the database: it reports the last view and how old it is. A
// database error is published too (the view's error) and the next round reconnects. Stop()
// deletes this server's row, so a server stopped cleanly is not reported as live; a killed one
// drops out of the live set after 3 periods, and rows silent for a day are pruned at start.
// SQLite (one machine, one server) and no --db: nothing runs and /readyz is as before.
// Thread safety: ClusterBoard from any thread; Heartbeat::Start from the server's controlling
// thread, Stop from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "partyscreen/store/database.h"
#include "partyscreen/store/heartbeats.h"

namespace partyscreen::server {

struct ServerState;

// What this server last learnt about the others.
struct ClusterView {
  bool enabled = false;     // heartbeats run (PostgreSQL --db)
  std::string server_id;    // this server's id
  bool known = false;       // a round has succeeded since start (else: not yet, or failing)
  std::string error;        // the last round's error, "" when it succeeded
  double checked_unix = 0;  // when the others were last read (this server's clock)
  double live_seconds = 0;  // a server is live when it beat within this many seconds
  std::vector<ServerHeartbeat> others;  // the live servers but this one, by id
};

class ClusterBoard {
 public:
  void Publish(ClusterView view) {
    std::lock_guard lock(mu_);
    view_ = std::move(view);
  }
  ClusterView Read() const {
    std::lock_guard lock(mu_);
    return view_;
  }

 private:
  mutable std::mutex mu_;
  ClusterView view_;
};

class Heartbeat {
 public:
  explicit Heartbeat(ServerState& state) : state_(state) {}
  ~Heartbeat() { Stop(); }
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

  // Starts the thread (when the options ask for it) once the server listens on `port`; the
  // server id defaults to "<hostname>:<port>". The first beat runs on the thread.
  void Start(int port);
  // Ends the thread and deletes this server's row (best effort; logged on failure). Any thread,
  // more than once (Server::Stop's contract).
  void Stop();

 private:
  void Loop();
  // One beat and one read of the others; the view published.
  void Round(std::unique_ptr<Database>& db, uint64_t generation);

  ServerState& state_;
  std::string server_id_, listen_, started_at_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::mutex join_mu_;  // one Stop() joins the thread and removes the row; the others wait
  std::thread thread_;
};

}  // namespace partyscreen::server
