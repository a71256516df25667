// The access log of `serve --access-log FILE` (issue 15): one JSON line per request, written when
// it is answered: time, client address, API key name, method, route, path, status, latency and
// how many names it screened; the names themselves only with `--log-queries` (they are the
// screening's personal data: by default they go to the audit trail, not to a log file).
//
//   {"time":"2026-11-30T19:10:00.123Z","remote":"127.0.0.1","key":"ops","method":"POST",
//    "route":"/screen","path":"/screen","status":200,"latency_ms":0.84,"queries":1}
//
// Thread safety: Write may be called from any thread; lines never interleave. A line that cannot
// be written is counted (failures()), never fatal to the request.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"

namespace partyscreen::server {

// What a request's handler noted for the access log: the names it screened.
struct AccessNote {
  bool keep_names = false;  // --log-queries
  size_t queries = 0;
  std::vector<std::string> names;
};

struct AccessRecord {
  std::string_view remote, key, method, route, path;
  int status = 0;
  double seconds = 0;
  const AccessNote* note = nullptr;  // null: the request never reached a handler
};

class AccessLog {
 public:
  // Appends to `path`, or writes to standard output for "-". IoError if the file cannot be opened.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& path);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Write(const AccessRecord& record);
  uint64_t failures() const { return failures_.load(); }

  // The JSON line of a record at `unix_seconds` (without the newline).
  static std::string Line(const AccessRecord& record, double unix_seconds);

 private:
  AccessLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  std::mutex mu_;
  std::FILE* file_;
  bool owned_;
  std::atomic<uint64_t> failures_{0};
};

}  // namespace partyscreen::server
