// Server heartbeats (heartbeats.h): one upserted row per server, ages on the database's clock.
#include "partyscreen/store/heartbeats.h"

#include "store/sql.h"

namespace partyscreen {

namespace {

// Seconds since the epoch, read from the database's clock, in either dialect.
std::string DbNow(const store::SqlConnection& conn) {
  return conn.dialect() == "postgres"
             ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION)"
             : "((julianday('now') - 2440587.5) * 86400.0)";
}

}  // namespace

Status HeartbeatTable::Beat(const ServerHeartbeat& b) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  return conn.Run(
      "INSERT INTO server_heartbeats (server_id, snapshot, engine, loaded_unix, generation, "
      "listen, started_at, beat_at, beat_unix) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " +
          DbNow(conn) +
          ") ON CONFLICT (server_id) DO UPDATE SET snapshot = excluded.snapshot, engine = "
          "excluded.engine, loaded_unix = excluded.loaded_unix, generation = excluded.generation, "
          "listen = excluded.listen, started_at = excluded.started_at, beat_at = "
          "excluded.beat_at, beat_unix = excluded.beat_unix",
      {b.server_id, b.snapshot, b.engine, b.loaded_unix_seconds, static_cast<int64_t>(b.generation),
       b.listen, b.started_at, UtcNowIso()});
}

Result<std::vector<ServerHeartbeat>> HeartbeatTable::List(double max_age_seconds) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  auto rows = conn.Query(
      "SELECT server_id, snapshot, engine, loaded_unix, generation, listen, started_at, beat_at, " +
      DbNow(conn) + " - beat_unix FROM server_heartbeats ORDER BY server_id");
  if (!rows.ok()) return rows.status();
  std::vector<ServerHeartbeat> out;
  for (const store::SqlRow& r : *rows) {
    ServerHeartbeat b;
    b.server_id = store::AsText(r[0]);
    b.snapshot = store::AsText(r[1]);
    b.engine = store::AsText(r[2]);
    b.loaded_unix_seconds = store::AsDouble(r[3]);
    b.generation = static_cast<uint64_t>(store::AsInt(r[4]));
    b.listen = store::AsText(r[5]);
    b.started_at = store::AsText(r[6]);
    b.beat_at = store::AsText(r[7]);
    b.age_seconds = store::AsDouble(r[8]);
    if (b.age_seconds <= max_age_seconds) out.push_back(std::move(b));
  }
  return out;
}

Status HeartbeatTable::Remove(const std::string& server_id) {
  return store::ConnectionOf(db_).Run("DELETE FROM server_heartbeats WHERE server_id = ?",
                                      {server_id});
}

Status HeartbeatTable::Prune(double older_than_seconds) {
  auto stale = List(1e300);
  if (!stale.ok()) return stale.status();
  for (const ServerHeartbeat& b : *stale)
    if (b.age_seconds > older_than_seconds)
      if (Status s = Remove(b.server_id); !s.ok()) return s;
  return Status::Ok();
}

}  // namespace partyscreen
