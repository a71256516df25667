#include "core/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace partyscreen {

namespace {

// fsync of the file or directory at `path`; false (errno set) on failure.
bool SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Removes the files "<path>.tmp.<pid>" that a process killed while writing `path` left behind
// (its pid is no longer running).
void RemoveAbandonedTemporaries(const std::string& path) {
  const std::filesystem::path target(path);
  const std::string prefix = target.filename().string() + ".tmp.";
  std::error_code ec;
  const std::filesystem::path dir =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid_text = name.substr(prefix.size());
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
      std::filesystem::remove(entry.path(), ec);
  }
}

}  // namespace

AtomicFile::AtomicFile(std::string path, std::string tmp)
    : path_(std::move(path)), tmp_(std::move(tmp)) {}

Result<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  RemoveAbandonedTemporaries(path);
  std::unique_ptr<AtomicFile> file(
      new AtomicFile(path, path + ".tmp." + std::to_string(::getpid())));
  file->out_.open(file->tmp_, std::ios::binary | std::ios::trunc);
  if (!file->out_) {
    return Status::IoError(path + ": cannot write (temporary " + file->tmp_ +
                           "): " + std::strerror(errno));
  }
  return file;
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ec;
  std::filesystem::remove(tmp_, ec);
}

Status AtomicFile::Commit() {
  out_.flush();
  const bool written = static_cast<bool>(out_);
  out_.close();
  if (!written || out_.fail())
    return Status::IoError(path_ + ": write failed (disk full?); the previous file is unchanged");
  if (!SyncPath(tmp_, O_RDONLY))
    return Status::IoError(tmp_ + ": fsync failed: " + std::strerror(errno));
  if (::rename(tmp_.c_str(), path_.c_str()) != 0)
    return Status::IoError(path_ + ": cannot replace: " + std::strerror(errno));
  committed_ = true;
  // The rename itself is durable once the directory is synced; a failure here does not undo it.
  std::string dir = std::filesystem::path(path_).parent_path().string();
  SyncPath(dir.empty() ? "." : dir, O_RDONLY | O_DIRECTORY);
  return Status::Ok();
}

}  // namespace partyscreen
