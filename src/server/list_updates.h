// `serve --update-every`: the `lists update` cycle (update/updater.h) on a timer inside the
// server, then an atomic reload when a new list version became active.
//
// Every ServerOptions::update_every_seconds the thread updates ServerOptions::update_dir from
// update_sources; a source that fails keeps its version (logged); when the active version changed
// the engines are reloaded from the server's lists (which name the directory), exactly like
// POST /admin/reload, and the outcome is counted in the reload metrics. The shrink check is the
// updater's, per source (update_max_shrink). With ServerOptions::audit_db, the reload is followed
// by the delta re-screen of the register from the snapshot served before (update_rescreen.h),
// then `rescreened` is called (the server pokes its webhook deliveries); a re-screen that fails is
// logged and retried at the next tick from the same base until it succeeds.
// Thread safety: Start from the server's controlling thread (before any Stop); Stop from any
// thread, concurrently and more than once (Server::Stop's contract): one caller joins the timer
// thread, the others wait for that join.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace partyscreen::server {

struct ServerState;
struct Engine;

class ListUpdates {
 public:
  ListUpdates(ServerState& state, std::function<void()> rescreened)
      : state_(state), rescreened_(std::move(rescreened)) {}
  ~ListUpdates() { Stop(); }
  ListUpdates(const ListUpdates&) = delete;
  ListUpdates& operator=(const ListUpdates&) = delete;

  // Starts the timer thread when the options ask for updates; otherwise does nothing.
  void Start();
  // Wakes the thread and waits for it (an update in progress stops its download, keeping every
  // source as it was). Any thread; returns once the timer thread has finished.
  void Stop();
  // One update now, then a reload if the version changed and the re-screen (also what the timer
  // runs).
  void RunOnce();

 private:
  // The update and the reload; true when a new version is being served.
  bool UpdateAndReload();
  // The delta re-screen from rescreen_base_ to the engine served now (cleared once done).
  void Rescreen();

  ServerState& state_;
  std::function<void()> rescreened_;
  // Served before the last new version(s), while the register has not been re-screened since.
  std::shared_ptr<const Engine> rescreen_base_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  // Guards thread_ in Stop(): without it two Stop()s at once both saw it joinable and joined it
  // twice (a data race on thread_; the second pthread_join is undefined). Held while joining; the
  // timer thread never takes it. Separate from mu_, which the timer thread needs to finish.
  std::mutex join_mu_;
  std::thread thread_;
};

}  // namespace partyscreen::server
