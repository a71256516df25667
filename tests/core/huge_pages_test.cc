#include "core/huge_pages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/binary_io.h"

namespace partyscreen {
namespace {

// A large array lands on a 2 MiB boundary (where a huge page can back it) and holds what is
// written; a small one comes from the ordinary heap; both free without complaint (ASan checks).
TEST(HugePageAllocator, LargeArraysAreAlignedSmallOnesAreOrdinary) {
  std::vector<uint64_t, HugePageAllocator<uint64_t>> large(kHugePageMinBytes / 8 + 1);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(large.data()) % kHugePageBytes, 0u);
  for (size_t i = 0; i < large.size(); ++i) large[i] = i * 3;
  uint64_t sum = 0;
  for (uint64_t v : large) sum += v;
  const uint64_t n = large.size();
  EXPECT_EQ(sum, 3 * n * (n - 1) / 2);
  std::vector<uint32_t, HugePageAllocator<uint32_t>> small(10, 7);
  EXPECT_EQ(small[9], 7u);
  small.resize(kHugePageMinBytes / 4 + 5, 1);  // grows from the heap into a huge allocation
  EXPECT_EQ(small[9], 7u);
  EXPECT_EQ(small.back(), 1u);
}

// BinaryReader reads into such an array as into a plain vector.
TEST(HugePageAllocator, PodVectorsRoundTrip) {
  std::vector<uint32_t> values(kHugePageMinBytes / 4 + 3);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<uint32_t>(i ^ 0x5a5a);
  BinaryWriter out;
  out.PodVector(values);
  BinaryReader in(out.bytes());
  const auto read = in.PodVector<uint32_t, HugePageAllocator<uint32_t>>();
  ASSERT_EQ(read.size(), values.size());
  EXPECT_TRUE(std::equal(read.begin(), read.end(), values.begin()));
}

}  // namespace
}  // namespace partyscreen
