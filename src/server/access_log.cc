#include "server/access_log.h"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>

#include "core/clock.h"

namespace partyscreen::server {

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<AccessLog>(new AccessLog(stdout, false));
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) return Status::IoError("--access-log " + path + ": " + std::strerror(errno));
  return std::unique_ptr<AccessLog>(new AccessLog(f, true));
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

std::string AccessLog::Line(const AccessRecord& r, double unix_seconds) {
  const std::time_t whole = static_cast<std::time_t>(std::floor(unix_seconds));
  const int millis = static_cast<int>((unix_seconds - static_cast<double>(whole)) * 1000);
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char time[96];
  std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
  nlohmann::ordered_json j;
  j["time"] = time;
  j["remote"] = r.remote;
  j["key"] = r.key.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.key);
  j["method"] = r.method;
  j["route"] = r.route;
  j["path"] = r.path;
  j["status"] = r.status;
  j["latency_ms"] = std::round(r.seconds * 1e6) / 1e3;
  j["queries"] = r.note ? r.note->queries : 0;
  if (r.note && r.note->keep_names) j["names"] = r.note->names;
  // Names and paths come from the client: invalid UTF-8 is replaced, never a reason to fail.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AccessLog::Write(const AccessRecord& record) {
  const double now = UnixSeconds();
  std::string line = Line(record, now);
  line += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
    failures_.fetch_add(1);
}

}  // namespace partyscreen::server
