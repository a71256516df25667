#include "server/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace partyscreen::server {
namespace {

// The fields of /proc/self/stat after the command name (which may hold spaces): field 3 is [0].
std::vector<std::string> StatFields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  std::getline(in, line);
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

std::optional<double> BootTime() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double t = 0;
      if (in >> t) return t;
      return std::nullopt;
    }
    in.ignore(1 << 20, '\n');
  }
  return std::nullopt;
}

void Gauge(std::ostringstream& out, const char* name, const char* type, const char* help,
           double value) {
  out << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n"
      << name << " " << value << "\n";
}

}  // namespace

std::string RenderProcessMetrics() {
  std::ostringstream out;
  out.precision(15);
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  const std::vector<std::string> stat = StatFields();
  // Fields (man 5 proc, numbered from 1): 14 utime, 15 stime, 20 num_threads, 22 starttime,
  // 23 vsize, 24 rss (pages); stat[0] is field 3.
  if (stat.size() > 21 && ticks > 0) {
    Gauge(out, "process_cpu_seconds_total", "counter", "User and system CPU time spent in seconds.",
          (std::stod(stat[11]) + std::stod(stat[12])) / ticks);
    Gauge(out, "process_threads", "gauge", "Number of OS threads in the process.",
          std::stod(stat[17]));
    Gauge(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.",
          std::stod(stat[20]));
    Gauge(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
          std::stod(stat[21]) * page);
    if (const std::optional<double> boot = BootTime())
      Gauge(out, "process_start_time_seconds", "gauge",
            "Start time of the process since unix epoch in seconds.",
            *boot + std::stod(stat[19]) / ticks);
  }
  std::error_code ec;
  size_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec))
    ++fds;
  if (!ec) Gauge(out, "process_open_fds", "gauge", "Number of open file descriptors.", fds);
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0)
    Gauge(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.",
          static_cast<double>(limit.rlim_cur));
  return out.str();
}

}  // namespace partyscreen::server
