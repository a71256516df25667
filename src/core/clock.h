// The wall clock as Unix seconds: list ages, heartbeats, session expiries, response times.
#pragma once

#include <chrono>

namespace partyscreen {

// Seconds since 1970-01-01 UTC (system_clock), with fractions.
inline double UnixSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace partyscreen
