// Medians and ranges over repeated curves, against hand calculations.
#include "sim/calibrate/repeat_spread.h"

#include <gtest/gtest.h>

namespace twsim {
namespace {

// Three repeats of a 4-point curve (16, 32, 64, 128 KiB).
std::vector<std::vector<ChasePoint>> three_repeats() {
  return {{{16 << 10, 1.0}, {32 << 10, 1.2}, {64 << 10, 5.0}, {128 << 10, 90}},
          {{16 << 10, 2.0}, {32 << 10, 1.0}, {64 << 10, 4.0}, {128 << 10, 100}},
          {{16 << 10, 1.1}, {32 << 10, 1.1}, {64 << 10, 6.0}, {128 << 10, 80}}};
}

TEST(RepeatSpreadTest, MedianCurveTakesEachPointsMiddleRepeat) {
  const std::vector<ChasePoint> m = median_curve(three_repeats());
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].bytes, 16 << 10);
  EXPECT_DOUBLE_EQ(m[0].ns_per_load, 1.1);
  EXPECT_DOUBLE_EQ(m[1].ns_per_load, 1.1);
  EXPECT_DOUBLE_EQ(m[2].ns_per_load, 5.0);
  EXPECT_DOUBLE_EQ(m[3].ns_per_load, 90);
}

TEST(RepeatSpreadTest, PointAndLevelRanges) {
  const auto repeats = three_repeats();
  const Range r0 = point_range(repeats, 0);
  EXPECT_DOUBLE_EQ(r0.min, 1.0);
  EXPECT_DOUBLE_EQ(r0.max, 2.0);
  // Levels end at 32, 64 and 96 KiB: per repeat L1 = the median of its first
  // two points (1.1, 1.5, 1.1), L2 = its 64 KiB point (5, 4, 6), DRAM = its
  // 128 KiB point (90, 100, 80); so by hand L1 [1.1, 1.5], L2 [4, 6], DRAM
  // [80, 100], and DRAM's spread against 90 is 20/90.
  const std::int64_t bounds[3] = {32 << 10, 64 << 10, 96 << 10};
  const std::array<Range, 4> levels = level_ranges(repeats, bounds, 64);
  EXPECT_DOUBLE_EQ(levels[0].min, 1.1);
  EXPECT_DOUBLE_EQ(levels[0].max, 1.5);
  EXPECT_DOUBLE_EQ(levels[1].min, 4.0);
  EXPECT_DOUBLE_EQ(levels[1].max, 6.0);
  EXPECT_DOUBLE_EQ(levels[3].min, 80);
  EXPECT_DOUBLE_EQ(levels[3].max, 100);
  EXPECT_DOUBLE_EQ(spread_percent(levels[3], 90), 100.0 * 20 / 90);
  EXPECT_EQ(spread_percent({1, 2}, 0), 0);
}

}  // namespace
}  // namespace twsim
