// ParallelFor: runs fn(0..n-1) on up to `threads` threads, handing out `block` indexes at a time
// (1 balances uneven items; larger blocks cost fewer atomic operations for many small ones).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace partyscreen {

// `requested` threads, or all cores when 0 (the meaning of 0 in every threads option).
inline size_t ThreadsOrAllCores(size_t requested) {
  return requested ? requested : std::max<size_t>(1, std::thread::hardware_concurrency());
}

// `fn` must be safe to call concurrently for different indexes. Returns when every call returned.
inline void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn,
                        size_t block = 1) {
  block = std::max<size_t>(1, block);
  const size_t workers = std::min(threads, (n + block - 1) / block);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t begin = next.fetch_add(block); begin < n; begin = next.fetch_add(block))
      for (size_t i = begin; i < std::min(n, begin + block); ++i) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& th : pool) th.join();
}

}  // namespace partyscreen
