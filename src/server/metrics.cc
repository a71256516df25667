#include "server/metrics.h"

#include <sstream>

namespace partyscreen::server {

namespace {

// Label values are route patterns and hashes we control, but escape anyway (\ " and newline).
std::string LabelValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::RecordRequest(std::string_view route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{std::string(route), status}];
  Histogram& h = latency_[std::string(route)];
  size_t i = 0;
  while (i < kLatencyBuckets.size() && seconds > kLatencyBuckets[i]) ++i;
  if (i < kLatencyBuckets.size()) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::RecordHits(uint64_t hits) {
  std::lock_guard<std::mutex> lock(mu_);
  hits_ += hits;
}

void Metrics::RecordReload(bool ok) {
  std::lock_guard<std::mutex> lock(mu_);
  ++(ok ? reloads_ok_ : reloads_failed_);
}

void Metrics::RecordAuditFailure() {
  std::lock_guard<std::mutex> lock(mu_);
  ++audit_failures_;
}

uint64_t Metrics::audit_failures() const {
  std::lock_guard<std::mutex> lock(mu_);
  return audit_failures_;
}

void Metrics::RecordConnectionRejected() {
  std::lock_guard<std::mutex> lock(mu_);
  ++connections_rejected_;
}

void Metrics::RecordStopped(std::string_view reason) {
  std::lock_guard<std::mutex> lock(mu_);
  ++stopped_[std::string(reason)];
}

std::string Metrics::Render(const SnapshotGauge& snapshot) const {
  std::ostringstream out;
  out.precision(9);
  std::lock_guard<std::mutex> lock(mu_);
  out << "# HELP partyscreen_http_requests_total HTTP requests by route and status code.\n"
      << "# TYPE partyscreen_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "partyscreen_http_requests_total{route=\"" << LabelValue(key.first) << "\",code=\""
        << key.second << "\"} " << n << "\n";
  out << "# HELP partyscreen_http_errors_total HTTP responses with a 4xx or 5xx status.\n"
      << "# TYPE partyscreen_http_errors_total counter\n";
  std::map<int, uint64_t> errors;
  for (const auto& [key, n] : requests_)
    if (key.second >= 400) errors[key.second] += n;
  for (const auto& [code, n] : errors)
    out << "partyscreen_http_errors_total{code=\"" << code << "\"} " << n << "\n";
  out << "# HELP partyscreen_http_request_duration_seconds Request latency by route.\n"
      << "# TYPE partyscreen_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out << "partyscreen_http_request_duration_seconds_bucket{route=\"" << LabelValue(route)
          << "\",le=\"" << kLatencyBuckets[i] << "\"} " << cumulative << "\n";
    }
    out << "partyscreen_http_request_duration_seconds_bucket{route=\"" << LabelValue(route)
        << "\",le=\"+Inf\"} " << h.count << "\n"
        << "partyscreen_http_request_duration_seconds_sum{route=\"" << LabelValue(route) << "\"} "
        << h.sum << "\n"
        << "partyscreen_http_request_duration_seconds_count{route=\"" << LabelValue(route) << "\"} "
        << h.count << "\n";
  }
  out << "# HELP partyscreen_hits_total Hits returned by /screen, /match and /check.\n"
      << "# TYPE partyscreen_hits_total counter\n"
      << "partyscreen_hits_total " << hits_ << "\n"
      << "# HELP partyscreen_snapshot_reloads_total Snapshot reloads by result.\n"
      << "# TYPE partyscreen_snapshot_reloads_total counter\n"
      << "partyscreen_snapshot_reloads_total{result=\"ok\"} " << reloads_ok_ << "\n"
      << "partyscreen_snapshot_reloads_total{result=\"error\"} " << reloads_failed_ << "\n"
      << "# HELP partyscreen_audit_write_failures_total Screenings refused (503) because their "
         "audit record could not be written.\n"
      << "# TYPE partyscreen_audit_write_failures_total counter\n"
      << "partyscreen_audit_write_failures_total " << audit_failures_ << "\n"
      << "# HELP partyscreen_connections_rejected_total Connections refused (503) at "
         "--max-connections.\n"
      << "# TYPE partyscreen_connections_rejected_total counter\n"
      << "partyscreen_connections_rejected_total " << connections_rejected_ << "\n"
      << "# HELP partyscreen_requests_stopped_total Requests stopped before their last query.\n"
      << "# TYPE partyscreen_requests_stopped_total counter\n";
  for (const char* reason : {"budget", "client_gone", "shutdown"}) {
    auto it = stopped_.find(std::string_view(reason));
    out << "partyscreen_requests_stopped_total{reason=\"" << reason << "\"} "
        << (it == stopped_.end() ? 0 : it->second) << "\n";
  }
  out << "# HELP partyscreen_snapshot_info The snapshot being served (value is always 1).\n"
      << "# TYPE partyscreen_snapshot_info gauge\n"
      << "partyscreen_snapshot_info{hash=\"" << LabelValue(snapshot.hash) << "\",engine_version=\""
      << LabelValue(snapshot.engine_version) << "\"} 1\n"
      << "# HELP partyscreen_snapshot_entities Entities in the snapshot being served.\n"
      << "# TYPE partyscreen_snapshot_entities gauge\n"
      << "partyscreen_snapshot_entities " << snapshot.entities << "\n"
      << "# HELP partyscreen_snapshot_generation 1 at start, +1 per successful reload.\n"
      << "# TYPE partyscreen_snapshot_generation gauge\n"
      << "partyscreen_snapshot_generation " << snapshot.generation << "\n"
      << "# HELP partyscreen_snapshot_loaded_timestamp_seconds When the snapshot was loaded.\n"
      << "# TYPE partyscreen_snapshot_loaded_timestamp_seconds gauge\n"
      << "partyscreen_snapshot_loaded_timestamp_seconds " << snapshot.loaded_unix_seconds << "\n"
      << "# HELP partyscreen_snapshot_load_seconds Time taken to load lists and build the index.\n"
      << "# TYPE partyscreen_snapshot_load_seconds gauge\n"
      << "partyscreen_snapshot_load_seconds " << snapshot.load_seconds << "\n";
  out << "# HELP partyscreen_list_age_seconds Time since each loaded list was published.\n"
      << "# TYPE partyscreen_list_age_seconds gauge\n";
  for (const auto& [source, age] : snapshot.list_age_seconds)
    out << "partyscreen_list_age_seconds{source=\"" << LabelValue(source) << "\"} " << age << "\n";
  return out.str();
}

}  // namespace partyscreen::server
