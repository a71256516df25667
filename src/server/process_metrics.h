// The standard Prometheus process metrics of the running server, read from /proc/self (Linux):
// process_cpu_seconds_total, process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds, process_threads, process_start_time_seconds. A value that
// cannot be read is left out, never made up. Thread-safe (reads files only).
#pragma once

#include <string>

namespace partyscreen::server {

// The metrics in the Prometheus text format, each with HELP and TYPE lines.
std::string RenderProcessMetrics();

}  // namespace partyscreen::server
