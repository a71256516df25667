#include "server/heartbeat.h"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include "core/clock.h"
#include "server/routes.h"

namespace partyscreen::server {

namespace {

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

// How often the thread looks at the engine's generation (a reload is recorded this soon).
constexpr auto kGenerationPoll = std::chrono::milliseconds(250);
// Rows of servers silent this long are deleted at start.
constexpr double kPruneSeconds = 86400;

}  // namespace

void Heartbeat::Start(int port) {
  const ServerOptions& o = state_.options;
  if (o.audit_db.empty() || !IsPostgresDatabase(o.audit_db) || !(o.heartbeat_seconds > 0)) return;
  listen_ = o.host + ":" + std::to_string(port);
  server_id_ = o.server_id.empty() ? HostName() + ":" + std::to_string(port) : o.server_id;
  started_at_ = UtcNowIso();
  ClusterView view;
  view.enabled = true;
  view.server_id = server_id_;
  view.live_seconds = 3 * o.heartbeat_seconds;
  view.error = "no heartbeat round has run yet";
  state_.cluster.Publish(view);
  thread_ = std::thread([this] { Loop(); });
}

void Heartbeat::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  std::lock_guard join(join_mu_);
  if (!thread_.joinable()) return;
  thread_.join();
  auto db = Database::Open(state_.options.audit_db);
  Status s = db.ok() ? HeartbeatTable(**db).Remove(server_id_) : db.status();
  if (!s.ok())
    std::cerr << "partyscreen: heartbeat: could not remove this server's row (" << s.message()
              << "); it drops out of the live servers after "
              << 3 * state_.options.heartbeat_seconds << " s\n";
}

void Heartbeat::Loop() {
  std::unique_ptr<Database> db;
  const auto period = std::chrono::duration<double>(state_.options.heartbeat_seconds);
  uint64_t beaten_generation = 0;
  auto next = std::chrono::steady_clock::now();
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const uint64_t generation = state_.engines.Current()->generation;
    const auto now = std::chrono::steady_clock::now();
    if (generation != beaten_generation || now >= next) {
      lock.unlock();
      Round(db, generation);
      lock.lock();
      beaten_generation = generation;
      next = std::chrono::steady_clock::now() +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
    }
    wake_.wait_for(lock, kGenerationPoll, [this] { return stopping_; });
  }
}

void Heartbeat::Round(std::unique_ptr<Database>& db, uint64_t generation) {
  ClusterView view = state_.cluster.Read();
  const std::shared_ptr<const Engine> engine = state_.engines.Current();
  Status status;
  if (!db) {
    auto opened = Database::Open(state_.options.audit_db);
    if (opened.ok()) {
      db = std::move(opened).value();
      (void)HeartbeatTable(*db).Prune(kPruneSeconds);  // tidiness only
    } else {
      status = opened.status();
    }
  }
  if (db) {
    ServerHeartbeat beat;
    beat.server_id = server_id_;
    beat.snapshot = engine->snapshot().hash;
    beat.engine = EngineVersion();
    beat.loaded_unix_seconds = engine->loaded_unix_seconds;
    beat.generation = generation;
    beat.listen = listen_;
    beat.started_at = started_at_;
    HeartbeatTable table(*db);
    status = table.Beat(beat);
    if (status.ok()) {
      auto live = table.List(view.live_seconds);
      if (live.ok()) {
        view.others.clear();
        for (ServerHeartbeat& b : *live)
          if (b.server_id != server_id_) view.others.push_back(std::move(b));
        view.known = true;
        view.checked_unix = UnixSeconds();
      } else {
        status = live.status();
      }
    }
  }
  if (!status.ok()) {
    if (view.error != status.message())
      std::cerr << "partyscreen: heartbeat: " << status.message() << "; retried in "
                << state_.options.heartbeat_seconds << " s\n";
    db.reset();  // reconnect next round
    view.error = status.message();
  } else {
    view.error.clear();
  }
  state_.cluster.Publish(std::move(view));
}

}  // namespace partyscreen::server
