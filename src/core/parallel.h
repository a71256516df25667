// ParallelFor: runs fn(0..n-1) on up to `threads` threads, handing out `block` indexes at a time
// (1 balances uneven items; larger blocks cost fewer atomic operations for many small ones).
// ParallelSort: std::sort on up to `threads` threads (sorted runs merged in place), on plain
// std::threads: no TBB, whose allocator (libtbbmalloc) keeps the sort's buffers cached outside
// malloc (RSS drift over server reloads, docs/BENCHMARKS_SERVER.md section 4).
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

// Sorts [begin, end) by `less` like std::sort (not stable); `threads` as for ParallelFor.
template <typename It, typename Less>
void ParallelSort(It begin, It end, size_t threads, Less less) {
  const size_t n = static_cast<size_t>(end - begin);
  const size_t runs = std::min(threads, n / 4096 + 1);  // small inputs: one thread
  if (runs <= 1) {
    std::sort(begin, end, less);
    return;
  }
  std::vector<It> bounds;
  for (size_t r = 0; r <= runs; ++r) bounds.push_back(begin + static_cast<ptrdiff_t>(n * r / runs));
  ParallelFor(runs, runs, [&](size_t r) { std::sort(bounds[r], bounds[r + 1], less); });
  // Merge neighbouring runs pairwise, the merges of one round in parallel.
  for (size_t width = 1; width < runs; width *= 2) {
    const size_t pairs = (runs + 2 * width - 1) / (2 * width);
    ParallelFor(pairs, runs, [&](size_t p) {
      const size_t lo = p * 2 * width, mid = lo + width, hi = std::min(runs, lo + 2 * width);
      if (mid < hi) std::inplace_merge(bounds[lo], bounds[mid], bounds[hi], less);
    });
  }
}

}  // namespace partyscreen
