// Progress of long commands (`batch`, `customers import`, `rescreen`) on stderr:
//     "\rbatch: 12000 / 50000 rows (24%), 5210 rows/s, ETA 7 s"
// rewritten in place (carriage return), at most every `min_interval` and always for the last
// update, then a newline from Finish (or the destructor). Commands print it when stderr is a
// terminal or with --progress (`WantProgress`), never into a pipe unless asked.
// Thread safety: one thread calls Update (the commands call it between chunks).
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace partyscreen::cli {

// Whether to show progress: asked with --progress, or stderr is a terminal.
bool WantProgress(bool asked);

class ProgressMeter {
 public:
  using Clock = std::chrono::steady_clock;
  // `out` null: a meter that prints nothing. `what`: the command ("batch"); `unit`: "rows".
  ProgressMeter(std::ostream* out, std::string what, std::string unit,
                Clock::duration min_interval = std::chrono::milliseconds(200));
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  void Update(uint64_t done, uint64_t total);
  void Finish();  // ends the line (once), if anything was printed

 private:
  std::ostream* out_;
  std::string what_, unit_;
  Clock::duration min_interval_;
  Clock::time_point start_, last_{};
  bool printed_ = false;
};

// The line Update prints, without the carriage return: rate in units/s, ETA in seconds (both
// left out before anything is done).
std::string ProgressLine(const std::string& what, const std::string& unit, uint64_t done,
                         uint64_t total, double seconds);

}  // namespace partyscreen::cli
