// ParallelFor (core/parallel.h): every index exactly once, whatever the thread count and block;
// ParallelSort: std::sort's order for any size and thread count;
// also the smallest program ThreadSanitizer runs ParallelFor in (tools/sanitize.sh tsan).
#include "core/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <vector>

namespace partyscreen {
namespace {

TEST(ParallelForTest, EveryIndexOnceForEveryThreadCountAndBlock) {
  for (size_t n : {0u, 1u, 7u, 1000u})
    for (size_t threads : {1u, 2u, 3u, 8u})
      for (size_t block : {0u, 1u, 16u, 5000u}) {
        std::vector<int> seen(n, 0);  // each slot written by the one thread given its index
        ParallelFor(
            n, threads, [&](size_t i) { ++seen[i]; }, block);
        EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), static_cast<long>(n))
            << "n=" << n << " threads=" << threads << " block=" << block;
      }
}

TEST(ParallelForTest, ResultsWrittenByWorkersAreVisibleAfterItReturns) {
  // ParallelFor joins its threads: plain writes made by them are read here without atomics.
  std::vector<uint64_t> squares(10000);
  ParallelFor(
      squares.size(), 4, [&](size_t i) { squares[i] = uint64_t{i} * i; }, 64);
  uint64_t sum = std::accumulate(squares.begin(), squares.end(), uint64_t{0});
  EXPECT_EQ(sum, uint64_t{9999} * 10000 * 19999 / 6);
}

TEST(ParallelForTest, SharedStateNeedsItsOwnSynchronisation) {
  std::atomic<uint64_t> total{0};
  ParallelFor(5000, 4, [&](size_t i) { total.fetch_add(i, std::memory_order_relaxed); });
  EXPECT_EQ(total.load(), uint64_t{4999} * 5000 / 2);
}

TEST(ParallelSortTest, SameOrderAsStdSortForEverySizeAndThreadCount) {
  // Many equal keys: the pairs compare by both fields, a strict total order, so the result is
  // exactly std::sort's (UnitIndex::Build's comparator is of this kind).
  for (size_t n : {0u, 1u, 4095u, 4097u, 20000u, 100003u})
    for (size_t threads : {1u, 2u, 3u, 5u, 8u}) {
      std::vector<std::pair<uint32_t, uint32_t>> v(n);
      uint64_t x = 12345;
      for (auto& p : v) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        p = {static_cast<uint32_t>(x >> 60), static_cast<uint32_t>(x >> 20)};
      }
      std::vector<std::pair<uint32_t, uint32_t>> expected = v;
      std::sort(expected.begin(), expected.end());
      ParallelSort(v.begin(), v.end(), threads, std::less<>());
      EXPECT_EQ(v, expected) << "n=" << n << " threads=" << threads;
    }
}

TEST(ParallelForTest, ThreadsOrAllCores) {
  EXPECT_EQ(ThreadsOrAllCores(3), 3u);
  EXPECT_GE(ThreadsOrAllCores(0), 1u);
}

}  // namespace
}  // namespace partyscreen
