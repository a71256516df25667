#include "server/engine_holder.h"

#include <malloc.h>

#include <chrono>
#include <optional>
#include <thread>

#include "core/clock.h"

namespace partyscreen::server {

std::string RedactPaths(std::string_view message) {
  std::string out;
  size_t i = 0;
  while (i < message.size()) {
    const bool starts_path =
        message[i] == '/' &&
        (i == 0 || message[i - 1] == ' ' || message[i - 1] == '\'' || message[i - 1] == '"' ||
         message[i - 1] == '(' || message[i - 1] == '=');
    if (!starts_path) {
      out += message[i++];
      continue;
    }
    size_t end = i;
    while (end < message.size() && message[end] != ' ' && message[end] != ':' &&
           message[end] != '\'' && message[end] != '"' && message[end] != ')' &&
           message[end] != ',')
      ++end;
    const std::string_view path = message.substr(i, end - i);
    const size_t slash = path.find_last_of('/');
    out += path.substr(slash + 1);
    i = end;
  }
  return out;
}

Result<std::shared_ptr<const Engine>> LoadEngine(const std::vector<ListSpec>& lists,
                                                 uint64_t generation, const SnapshotCheck& check) {
  const auto t0 = std::chrono::steady_clock::now();
  Result<Snapshot> snapshot = LoadSnapshot(lists.empty() ? DefaultListSpecs() : lists);
  if (!snapshot.ok())
    return Status(
        Status::InvalidArgument("list load failed: " + RedactPaths(snapshot.status().ToString())));
  if (check)
    if (Status s = check(*snapshot); !s.ok()) return s;
  auto shared = std::make_shared<const Snapshot>(std::move(snapshot).value());
  Result<std::unique_ptr<Screener>> screener = Screener::Build(shared);
  if (!screener.ok())
    return Status(
        Status::Internal("index build failed: " + RedactPaths(screener.status().ToString())));
  // The engine's memory goes back to the system when the engine is freed, which is when the last
  // request holding it finishes: often after the reload that replaced it, on a request's thread
  // (and arena). Trimming only at the swap left those pages cached (RSS 215 -> ~500 MB over
  // reloads under load).
  std::shared_ptr<Engine> engine(new Engine, [](Engine* e) {
    delete e;
    malloc_trim(0);
  });
  engine->screener = std::move(screener).value();
  engine->parties = std::make_shared<const Parties>(Parties::Build(*shared));
  engine->catalog = std::make_shared<const YenteCatalog>(YenteCatalog::Build(*shared));
  engine->generation = generation;
  engine->load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  engine->loaded_unix_seconds = UnixSeconds();
  return std::shared_ptr<const Engine>(std::move(engine));
}

EngineHolder::EngineHolder(std::shared_ptr<const Engine> initial) : current_(std::move(initial)) {}

std::shared_ptr<const Engine> EngineHolder::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

Result<std::shared_ptr<const Engine>> EngineHolder::Reload(
    const std::vector<ListSpec>& lists,
    const std::function<Status(const Snapshot& serving, const Snapshot& next)>& check) {
  std::unique_lock<std::mutex> reload_lock(reload_mu_, std::try_to_lock);
  if (!reload_lock.owns_lock())
    return Status(Status::Unsupported("a reload is already in progress"));
  // Load on a short-lived thread of its own rather than on whichever pool thread took the request:
  // glibc gives each thread its own malloc arena, and engines built in turn on up to --threads
  // different pool threads left freed engines' pages cached in as many arenas (measured: RSS
  // 100 MB -> 600 MB over 20 reloads). A fresh thread reuses the arena the previous loader
  // released.
  std::optional<Result<std::shared_ptr<const Engine>>> loaded;
  const std::shared_ptr<const Engine> serving = Current();
  const uint64_t generation = serving->generation + 1;
  SnapshotCheck check_loaded;
  if (check) check_loaded = [&](const Snapshot& next) { return check(serving->snapshot(), next); };
  std::thread loader([&] { loaded.emplace(LoadEngine(lists, generation, check_loaded)); });
  loader.join();
  Result<std::shared_ptr<const Engine>> next = std::move(*loaded);
  if (!next.ok()) return next.status();
  std::shared_ptr<const Engine> previous;
  {
    std::lock_guard<std::mutex> lock(mu_);
    previous = std::move(current_);
    current_ = *next;
  }
  // Release `previous` outside the lock: if no request holds it, it is freed (and its pages handed
  // back, see LoadEngine) now, else when the last request holding it finishes. Trim anyway: the
  // loader's and the reload request's temporary allocations are free now.
  previous.reset();
  malloc_trim(0);
  return next;
}

}  // namespace partyscreen::server
