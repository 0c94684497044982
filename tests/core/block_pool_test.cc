// The block pool's size classes (sim/core/block_pool.cc): multiples of 16
// bytes up to 512, then 1024, 2048, 4096. A freed block is handed out again
// for the next allocation of its class and of no other.
#include "sim/core/block_pool.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace twsim {
namespace {

// Whether a block freed at `freed` bytes comes back for `asked` bytes.
bool reused(std::size_t freed, std::size_t asked) {
  void* block = pool_allocate(freed);
  pool_free(block, freed);
  void* again = pool_allocate(asked);
  const bool same = again == block;
  pool_free(again, asked);
  if (!same) {  // leave the list as it was: take the freed block back
    pool_free(pool_allocate(freed), freed);
  }
  return same;
}

TEST(BlockPoolTest, SixteenByteClassesUpTo512) {
  // 336 (a worker's exit frame) shares the class 321..336 and no other.
  EXPECT_TRUE(reused(336, 321));
  EXPECT_TRUE(reused(336, 336));
  EXPECT_FALSE(reused(336, 337));
  EXPECT_FALSE(reused(336, 320));
  EXPECT_TRUE(reused(1, 16));
  EXPECT_FALSE(reused(16, 17));
  EXPECT_TRUE(reused(512, 497));
}

TEST(BlockPoolTest, PowersOfTwoAbove512) {
  EXPECT_TRUE(reused(513, 1024));
  EXPECT_FALSE(reused(512, 513));
  EXPECT_TRUE(reused(1025, 2048));
  EXPECT_TRUE(reused(4096, 2049));
  EXPECT_FALSE(reused(2048, 2049));
}

TEST(BlockPoolTest, KeepsAtMostFourMiBFreePerClass) {
  // Given 20,000 frames of 336 bytes in flight at once (6.7 MB); when all
  // are freed; then the class keeps 4 MiB of them (12,484 blocks: it stops
  // keeping once it holds 4 MiB or more) and malloc gets the rest.
  std::vector<void*> blocks;
  for (int i = 0; i < 20000; ++i) blocks.push_back(pool_allocate(336));
  const std::size_t before = pool_bytes_kept(336);
  EXPECT_LT(before, std::size_t{336} * 20000);
  for (void* b : blocks) pool_free(b, 336);
  EXPECT_EQ(pool_bytes_kept(336), std::size_t{12484} * 336);
  // A class keeps its own: 320-byte blocks are another list.
  EXPECT_LE(pool_bytes_kept(320), std::size_t{4} << 20);
}

TEST(BlockPoolTest, BlocksAreAlignedAndWritableToTheirSize) {
  for (const std::size_t size : {1, 16, 80, 336, 500, 1000, 4096, 10000}) {
    auto* p = static_cast<unsigned char*>(pool_allocate(size));
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % alignof(std::max_align_t), 0u) << size;
    for (std::size_t i = 0; i < size; ++i) p[i] = static_cast<unsigned char>(i);
    pool_free(p, size);
  }
}

}  // namespace
}  // namespace twsim
