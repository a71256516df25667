#include "cli/progress.h"

#include <unistd.h>

#include <cmath>
#include <sstream>

namespace partyscreen::cli {

bool WantProgress(bool asked) { return asked || isatty(STDERR_FILENO) != 0; }

std::string ProgressLine(const std::string& what, const std::string& unit, uint64_t done,
                         uint64_t total, double seconds) {
  std::ostringstream line;
  line << what << ": " << done << " / " << total << " " << unit;
  if (total > 0) line << " (" << (100 * done / total) << "%)";
  if (done > 0 && seconds > 0) {
    const double rate = static_cast<double>(done) / seconds;
    line << ", " << std::llround(rate) << " " << unit << "/s";
    if (total >= done)
      line << ", ETA " << std::llround(static_cast<double>(total - done) / rate) << " s";
  }
  return line.str();
}

ProgressMeter::ProgressMeter(std::ostream* out, std::string what, std::string unit,
                             Clock::duration min_interval)
    : out_(out),
      what_(std::move(what)),
      unit_(std::move(unit)),
      min_interval_(min_interval),
      start_(Clock::now()) {}

ProgressMeter::~ProgressMeter() { Finish(); }

void ProgressMeter::Update(uint64_t done, uint64_t total) {
  if (out_ == nullptr) return;
  const Clock::time_point now = Clock::now();
  if (printed_ && done < total && now - last_ < min_interval_) return;
  last_ = now;
  printed_ = true;
  *out_ << "\r"
        << ProgressLine(what_, unit_, done, total,
                        std::chrono::duration<double>(now - start_).count())
        << std::flush;
}

void ProgressMeter::Finish() {
  if (out_ != nullptr && printed_) *out_ << "\n" << std::flush;
  out_ = nullptr;
}

}  // namespace partyscreen::cli
