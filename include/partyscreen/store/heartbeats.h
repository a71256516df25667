// Server heartbeats: every `serve --db postgresql://...` process sharing one database records
// which list snapshot it serves, so that each server can tell whether the others serve the same
// one (GET /readyz, docs/SCALE.md).
//
// One row per server id (table server_heartbeats, schema migration 9): the snapshot hash, when it
// was loaded, the engine version and reload generation, the address it listens on, when the
// process started and its last beat. Ages are measured on the DATABASE's clock (PostgreSQL
// clock_timestamp(), SQLite julianday('now')), so servers whose own clocks disagree still agree
// on how old a beat is.
// Ownership: HeartbeatTable borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h).
// Durability: Beat, Remove and Prune are one statement each (committed at once). Heartbeats are
// state, not records: they are not in the audit trail.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

struct ServerHeartbeat {
  std::string server_id;           // unique per server (serve --server-id; default host:port)
  std::string snapshot;            // hash of the snapshot it serves
  std::string engine;              // EngineVersion()
  double loaded_unix_seconds = 0;  // when that snapshot was loaded
  uint64_t generation = 0;         // 1 at start, +1 per reload
  std::string listen;              // "host:port"
  std::string started_at;          // UtcNowIso() of the server's start
  // Read back by List() only:
  std::string beat_at;     // UtcNowIso() of the last beat, by the writer's clock
  double age_seconds = 0;  // database clock now - last beat
};

class HeartbeatTable {
 public:
  explicit HeartbeatTable(Database& db) : db_(db) {}

  // Inserts or replaces the row of beat.server_id, stamped with the database's clock.
  Status Beat(const ServerHeartbeat& beat);
  // Every row whose last beat is at most max_age_seconds old, by server id.
  Result<std::vector<ServerHeartbeat>> List(double max_age_seconds);
  // Deletes the row of `server_id` (a server stopping cleanly); absent is fine.
  Status Remove(const std::string& server_id);
  // Deletes the rows of servers silent for more than `older_than_seconds` (killed, never back).
  Status Prune(double older_than_seconds);

 private:
  Database& db_;
};

}  // namespace partyscreen
