// ParallelFor: runs fn(0..n-1) on up to `threads` threads (work handed out one index at a time,
// so uneven items balance). Internal to src/store/.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace partyscreen::store {

// `fn` must be safe to call concurrently for different indexes. Returns when every call returned.
inline void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn) {
  if (threads <= 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (size_t t = 0; t < std::min(threads, n); ++t)
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) fn(i);
    });
  for (std::thread& th : pool) th.join();
}

}  // namespace partyscreen::store
