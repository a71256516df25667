#include "server/list_updates.h"

#include <chrono>
#include <iostream>

#include "server/routes.h"
#include "server/update_rescreen.h"
#include "update/updater.h"

namespace partyscreen::server {

void ListUpdates::Start() {
  const ServerOptions& o = state_.options;
  if (o.update_every_seconds <= 0 || o.update_dir.empty()) return;
  thread_ = std::thread([this] {
    const auto every = std::chrono::duration<double>(state_.options.update_every_seconds);
    std::unique_lock<std::mutex> lock(mu_);
    while (!wake_.wait_for(lock, every, [this] { return stopping_; })) {
      lock.unlock();
      RunOnce();
      lock.lock();
    }
  });
}

void ListUpdates::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  std::lock_guard<std::mutex> join_lock(join_mu_);
  if (thread_.joinable()) thread_.join();
}

void ListUpdates::RunOnce() {
  std::shared_ptr<const Engine> before = state_.engines.Current();
  if (UpdateAndReload() && !state_.options.audit_db.empty() && !rescreen_base_)
    rescreen_base_ = std::move(before);
  if (rescreen_base_) Rescreen();
}

void ListUpdates::Rescreen() {
  std::shared_ptr<const Engine> now = state_.engines.Current();
  if (now->snapshot().hash == rescreen_base_->snapshot().hash) {
    rescreen_base_.reset();
    return;
  }
  Result<RescreenReport> r =
      RescreenAfterUpdate(state_.options.audit_db, rescreen_base_->snapshot(), *now->screener,
                          state_.options.update_max_shrink);
  if (r.ok()) {
    std::cerr << "partyscreen: list update: " << DescribeRescreen(*r) << "\n";
    rescreen_base_.reset();
  } else {
    std::cerr << "partyscreen: list update: the delta re-screen of the register failed: "
              << r.status().message() << "; retried at the next update\n";
  }
  if (rescreened_) rescreened_();  // a failed run may have committed chunks with alert events
}

bool ListUpdates::UpdateAndReload() {
  const ServerOptions& o = state_.options;
  UpdateOptions options;
  options.dir = o.update_dir;
  options.max_shrink = o.update_max_shrink;
  options.fetch.user_agent = std::string("partyscreen/") + PARTYSCREEN_VERSION;
  options.fetch.cancelled = [this] {
    std::lock_guard<std::mutex> lock(mu_);
    return stopping_;
  };
  Result<UpdateReport> report = UpdateLists(o.update_sources, options);
  if (!report.ok()) {
    std::cerr << "partyscreen: list update: " << report.status().message() << "\n";
    return false;
  }
  for (const SourceUpdate& s : report->sources)
    if (s.outcome == SourceOutcome::kFailed)
      std::cerr << "partyscreen: list update: " << s.id << " failed: " << s.detail << "\n";
  if (!report->switched) return false;
  Result<std::shared_ptr<const Engine>> next = state_.engines.Reload(o.lists);
  state_.metrics.RecordReload(next.ok());
  if (next.ok())
    std::cerr << "partyscreen: list update: now serving list version " << report->manifest_number
              << " (snapshot " << (*next)->snapshot().hash.substr(0, 12) << ")\n";
  else
    std::cerr << "partyscreen: list update: version " << report->manifest_number
              << " is active on disk but the reload failed: " << next.status().message()
              << "; still serving the previous lists\n";
  return next.ok();
}

}  // namespace partyscreen::server
