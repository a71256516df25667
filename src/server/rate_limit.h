// Per-caller rate limiting with token buckets.
//
// Each caller (API key name, or client address when auth is off) has a bucket holding at most
// `burst` tokens, refilled at `rate_per_second`; a request takes one token or is refused with the
// time until the next token (the Retry-After of a 429). A rate of 0 disables the limiter.
// Thread safety: Acquire() from any thread (one mutex; the critical section is a few arithmetic
// operations). Memory: one small bucket per distinct caller name, which auth bounds to the
// configured keys (and to client addresses under --no-auth).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace partyscreen::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // burst <= 0 means "same as the rate" (at least 1).
  explicit RateLimiter(double rate_per_second, double burst = 0);

  struct Decision {
    bool allowed = true;
    int retry_after_seconds = 0;  // whole seconds (>= 1) when refused
  };
  Decision Acquire(std::string_view caller, Clock::time_point now = Clock::now());

  bool enabled() const { return rate_ > 0; }

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  const double rate_;
  const double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace partyscreen::server
