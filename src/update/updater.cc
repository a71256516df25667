#include "update/updater.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "core/atomic_file.h"
#include "lists/shrink_check.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {

namespace fs = std::filesystem;

bool UpdateReport::AnyFailed() const {
  return std::any_of(sources.begin(), sources.end(),
                     [](const SourceUpdate& s) { return s.outcome == SourceOutcome::kFailed; });
}

namespace {

std::string NowIso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// An exclusive lock on DIR/.update.lock for the life of the object (released by the kernel if
// the process dies).
class DirLock {
 public:
  static Result<DirLock> Take(const std::string& dir) {
    const std::string path = (fs::path(dir) / ".update.lock").string();
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IoError(path + ": cannot open the update lock");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Status::IoError(dir + ": another `lists update` is running on this directory");
    }
    return DirLock(fd);
  }
  DirLock(DirLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  DirLock(const DirLock&) = delete;
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_;
};

Status WriteFileAtomically(const std::string& path, const std::string& text) {
  auto f = AtomicFile::Create(path);
  if (!f.ok()) return f.status();
  (*f)->stream() << text;
  return (*f)->Commit();
}

const ManifestSource* FindSource(const Manifest& m, const std::string& id) {
  for (const ManifestSource& s : m.sources)
    if (s.id == id) return &s;
  return nullptr;
}

// Downloads, verifies and archives one source. On success `entry` is the version to make active
// (a new one, or the active one with a renewed retrieval time when unchanged).
SourceUpdate UpdateOne(const ListSource& source, const ManifestSource* active,
                       const UpdateOptions& options, ManifestSource* entry) {
  SourceUpdate r;
  r.id = source.id;
  if (active) {
    r.entities = active->entities;
    r.sha256 = active->sha256;
  }
  auto say = [&](const std::string& what) {
    if (options.progress) options.progress(source.id + ": " + what);
  };
  const fs::path staging =
      fs::path(options.dir) / "incoming" / (source.id + "." + std::to_string(::getpid()));
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(staging, ec);
  auto failed = [&](const std::string& why) {
    fs::remove_all(staging, ec);
    r.outcome = SourceOutcome::kFailed;
    r.detail = why + (active ? "; keeping the version retrieved " + active->retrieved
                             : "; no version of this source is active");
    return r;
  };
  if (ec) return failed("cannot create " + staging.string() + ": " + ec.message());
  const std::string retrieved = NowIso();
  for (const SourceFile& file : source.files) {
    say("downloading " + file.url);
    const Status got = FetchToFile(file.url, (staging / file.name).string(), options.fetch);
    if (!got.ok()) return failed("download failed: " + got.message());
  }
  const std::string primary = (staging / source.files.front().name).string();
  auto loaded = LoadSnapshot({ListSpec(primary, source.format)});
  if (!loaded.ok()) return failed("the download does not load: " + loaded.status().message());
  const SourceInfo& info = loaded->sources.front();
  const uint64_t entities = loaded->entities.size();
  if (active && active->sha256 == info.sha256) {
    fs::remove_all(staging, ec);
    *entry = *active;
    entry->retrieved = retrieved;
    r.outcome = SourceOutcome::kUnchanged;
    say("unchanged");
    return r;
  }
  if (active) {
    ShrinkPolicy policy;
    policy.max_shrink = options.max_shrink;
    policy.override_hint = "--max-shrink 1";
    const Status shrink =
        CheckShrink({{source.id, active->entities}}, {{source.id, entities}}, policy);
    if (!shrink.ok()) return failed(shrink.message());
  }
  const fs::path version_dir = fs::path("archive") / source.id / info.sha256;
  const fs::path target = fs::path(options.dir) / version_dir;
  if (fs::exists(target, ec)) {
    fs::remove_all(staging, ec);  // this content was archived before (e.g. a list rolled back)
  } else {
    fs::create_directories(target.parent_path(), ec);
    fs::rename(staging, target, ec);
    if (ec) return failed("cannot archive into " + target.string() + ": " + ec.message());
  }
  entry->id = source.id;
  entry->format = source.format;
  entry->path = (version_dir / source.files.front().name).string();
  entry->sha256 = info.sha256;
  entry->retrieved = retrieved;
  entry->entities = entities;
  r.outcome = SourceOutcome::kUpdated;
  r.entities = entities;
  r.sha256 = info.sha256;
  say("updated: " + std::to_string(entities) + " entities, sha256 " + info.sha256.substr(0, 12));
  return r;
}

}  // namespace

Result<UpdateReport> UpdateLists(const std::vector<ListSource>& sources,
                                 const UpdateOptions& options) {
  if (options.dir.empty()) return Status::InvalidArgument("lists update: no list directory given");
  if (!(options.max_shrink >= 0 && options.max_shrink <= 1))
    return Status::InvalidArgument("--max-shrink must be between 0 and 1");
  std::error_code ec;
  for (const char* sub : {"archive", "manifests", "incoming"})
    fs::create_directories(fs::path(options.dir) / sub, ec);
  if (ec)
    return Status::IoError(options.dir + ": cannot create the list directory: " + ec.message());
  auto lock = DirLock::Take(options.dir);
  if (!lock.ok()) return lock.status();
  // Staging left by an update that was killed (no other update runs: the lock is ours).
  for (const auto& left : fs::directory_iterator(fs::path(options.dir) / "incoming", ec))
    fs::remove_all(left.path(), ec);

  const std::string current_path = (fs::path(options.dir) / kManifestFile).string();
  Manifest active;
  if (fs::exists(current_path, ec)) {
    auto read = ReadManifest(current_path);
    if (!read.ok()) return read.status();
    active = std::move(read).value();
  }
  UpdateReport report;
  Manifest next = active;
  bool changed = false, renewed = false;
  for (const ListSource& source : sources) {
    if (options.fetch.cancelled && options.fetch.cancelled()) break;  // the rest stay as they are
    const ManifestSource* was = FindSource(active, source.id);
    ManifestSource entry;
    SourceUpdate r = UpdateOne(source, was, options, &entry);
    if (r.outcome != SourceOutcome::kFailed) {
      auto it = std::find_if(next.sources.begin(), next.sources.end(),
                             [&](const ManifestSource& s) { return s.id == source.id; });
      if (it == next.sources.end())
        next.sources.push_back(entry);
      else
        *it = entry;
      changed = changed || r.outcome == SourceOutcome::kUpdated;
      renewed = true;
    }
    report.sources.push_back(std::move(r));
  }
  if (changed) {
    next.number = active.number + 1;
    next.created = NowIso();
    char name[32];
    std::snprintf(name, sizeof name, "%06llu.json", static_cast<unsigned long long>(next.number));
    const std::string json = ManifestToJson(next);
    const Status archived =
        WriteFileAtomically((fs::path(options.dir) / "manifests" / name).string(), json);
    if (!archived.ok()) return archived;
    const Status switched = WriteFileAtomically(current_path, json);
    if (!switched.ok()) return switched;
    report.switched = true;
  } else if (renewed && active.number > 0) {
    // Same files, confirmed current now: only the retrieval times move (same snapshot hash).
    const Status written = WriteFileAtomically(current_path, ManifestToJson(next));
    if (!written.ok()) return written;
  }
  report.manifest_number = changed ? next.number : active.number;
  return report;
}

}  // namespace partyscreen
