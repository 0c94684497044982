// The replications a Wilson interval needs to separate an estimate from a
// target (sim/stats/wilson_sample_size.h), against hand calculations of
// n > z^2 t (1 - t) / (p - t)^2 with z = 1.959964 (z^2 = 3.841459).
#include "sim/stats/wilson_sample_size.h"

#include <gtest/gtest.h>

#include "sim/stats/stats.h"

namespace twsim {
namespace {

TEST(WilsonSampleSizeTest, HandCalculations) {
  // 3.841459 x 0.25 / 0.25 = 3.84: n = 4.
  EXPECT_EQ(wilson_replications_to_separate(0.0, 0.5), 4);
  EXPECT_EQ(wilson_replications_to_separate(1.0, 0.5), 4);
  // 3.841459 x 0.25 / 0.0025 = 384.1: the textbook 385.
  EXPECT_EQ(wilson_replications_to_separate(0.45, 0.5), 385);
  // 3.841459 x 0.25 / 0.04 = 24.01: n = 25.
  EXPECT_EQ(wilson_replications_to_separate(0.3, 0.5), 25);
  // A rare target: 3.841459 x 0.05 x 0.95 / 0.05^2 = 72.99: n = 73.
  EXPECT_EQ(wilson_replications_to_separate(0.0, 0.05), 73);
  EXPECT_EQ(wilson_replications_to_separate(0.5, 0.5), -1);
}

TEST(WilsonSampleSizeTest, TheIntervalAtThatCountExcludesTheTargetAndOneFewerDoesNot) {
  // k = 0 of 4 and of 3 runs: Wilson upper ends z^2/n / (1 + z^2/n) =
  // 0.960 / 1.960 = 0.490 and 1.280 / 2.280 = 0.562 (hand-computed).
  EXPECT_NEAR(wilson_ci95(0, 4).hi, 0.490, 0.001);
  EXPECT_LT(wilson_ci95(0, 4).hi, 0.5);
  EXPECT_NEAR(wilson_ci95(0, 3).hi, 0.562, 0.001);
  // k = 0 of 73 against 0.05: 3.8415 / 76.8415 = 0.04999 < 0.05; of 72: 0.0506.
  EXPECT_LT(wilson_ci95(0, 73).hi, 0.05);
  EXPECT_GT(wilson_ci95(0, 72).hi, 0.05);
}

}  // namespace
}  // namespace twsim
