// Request metrics in the Prometheus text exposition format (GET /metrics).
//
// Counts requests by route (the route pattern, never the raw path, so label cardinality is fixed)
// and status code, a latency histogram per route, hits returned, snapshot reloads by result,
// protective events (audit writes that failed, connections refused at the cap, requests stopped
// early and why), and takes the current snapshot's description when rendering.
// Thread safety: Record*() and Render() from any thread (one mutex; a few increments each).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partyscreen::server {

// What /metrics reports about the snapshot being served.
struct SnapshotGauge {
  std::string hash;
  std::string engine_version;
  uint64_t entities = 0;
  double loaded_unix_seconds = 0;
  double load_seconds = 0;
  uint64_t generation = 0;  // 1 for the snapshot loaded at start, +1 per successful reload
  std::vector<std::pair<std::string, double>> list_age_seconds;  // source -> age, dated ones
};

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram buckets; +Inf is implicit.
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

  void RecordRequest(std::string_view route, int status, double seconds);
  void RecordHits(uint64_t hits);
  void RecordReload(bool ok);
  // A screening answered 503 because its audit record could not be written.
  void RecordAuditFailure();
  // A connection answered 503 and closed because --max-connections were open.
  void RecordConnectionRejected();
  // A request stopped before its last query: "budget", "client_gone" or "shutdown".
  void RecordStopped(std::string_view reason);

  std::string Render(const SnapshotGauge& snapshot) const;
  uint64_t audit_failures() const;

 private:
  struct Histogram {
    std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // non-cumulative counts
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  uint64_t hits_ = 0;
  uint64_t reloads_ok_ = 0;
  uint64_t reloads_failed_ = 0;
  uint64_t audit_failures_ = 0;
  uint64_t connections_rejected_ = 0;
  std::map<std::string, uint64_t, std::less<>> stopped_;
};

}  // namespace partyscreen::server
