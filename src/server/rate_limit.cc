#include "server/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace partyscreen::server {

RateLimiter::RateLimiter(double rate_per_second, double burst)
    : rate_(std::max(0.0, rate_per_second)),
      burst_(burst > 0 ? burst : std::max(1.0, rate_per_second)) {}

RateLimiter::Decision RateLimiter::Acquire(std::string_view caller, Clock::time_point now) {
  if (!enabled()) return {};
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = buckets_.try_emplace(std::string(caller));
  Bucket& bucket = it->second;
  if (inserted) {
    bucket.tokens = burst_;
  } else {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, elapsed) * rate_);
  }
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return {};
  }
  const double wait = (1 - bucket.tokens) / rate_;
  return {false, std::max(1, static_cast<int>(std::ceil(wait)))};
}

}  // namespace partyscreen::server
