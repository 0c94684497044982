#include "sim/stats/stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

// Expected values come from statistical tables and from the textbook formulas
// evaluated by hand (with the tabulated z = 1.959964 and t quantiles), never
// from the code under test.

namespace twsim {
namespace {

TEST(StatsTest, MeanAndSampleStddev) {
  // Given the classic sample 2,4,4,4,5,5,7,9; then the mean is 5 and the
  // sample (n-1) standard deviation is sqrt(32/7).
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};
  EXPECT_DOUBLE_EQ(mean(x), 5.0);
  EXPECT_NEAR(sample_stddev(x), std::sqrt(32.0 / 7.0), 1e-12);
}

TEST(StatsTest, UndefinedStatisticsAreNaN) {
  EXPECT_TRUE(std::isnan(mean({})));
  EXPECT_TRUE(std::isnan(sample_stddev({3.0})));
  EXPECT_TRUE(std::isnan(student_t_quantile(0.975, 0)));
  EXPECT_TRUE(std::isnan(student_t_quantile(1.0, 5)));
  EXPECT_TRUE(std::isnan(normal_quantile(0)));
  EXPECT_TRUE(std::isnan(wilson_ci95(0, 0).lo));
  EXPECT_TRUE(std::isnan(percentile_nearest_rank({}, 50)));
}

TEST(StatsTest, StudentTQuantilesMatchTables) {
  // Two-sided 95% critical values from any t table.
  struct Case {
    double df, expected;
  } cases[] = {{1, 12.706205}, {4, 2.776445},  {7, 2.364624},
               {9, 2.262157},  {19, 2.093024}, {30, 2.042272}};
  for (const Case& c : cases) {
    EXPECT_NEAR(student_t_quantile(0.975, c.df), c.expected, 1e-6) << "df=" << c.df;
  }
  EXPECT_NEAR(student_t_quantile(0.025, 9), -2.262157, 1e-6);
}

TEST(StatsTest, NormalQuantileMatchesTable) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959964, 1e-6);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(normal_quantile(0.95), 1.644854, 1e-6);
}

TEST(StatsTest, MeanCiOnHandComputedSample) {
  // 5 -/+ t(0.975, 7) * sqrt(32/7) / sqrt(8) = 5 -/+ 2.364624 * 0.755929.
  const MeanCi m = mean_ci95({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_DOUBLE_EQ(m.mean, 5.0);
  EXPECT_NEAR(m.ci.lo, 3.212512, 1e-5);
  EXPECT_NEAR(m.ci.hi, 6.787488, 1e-5);
}

TEST(StatsTest, MeanCiKeepsEachSampleSizesQuantile) {
  // The t quantile is remembered per df: asked for df = 1, then 7, then 1
  // again, each interval still uses its own (tables: t(0.975, 1) = 12.706205,
  // and {0, 2} has sd sqrt(2) and n = 2, so the half-width is t itself).
  for (int pass = 0; pass < 2; ++pass) {
    const MeanCi two = mean_ci95({0, 2});
    EXPECT_NEAR(two.ci.hi - two.mean, 12.706205, 1e-5) << "pass " << pass;
    const MeanCi eight = mean_ci95({2, 4, 4, 4, 5, 5, 7, 9});
    EXPECT_NEAR(eight.ci.lo, 3.212512, 1e-5) << "pass " << pass;
  }
}

TEST(StatsTest, MeanCiOfConstantSampleCollapses) {
  const MeanCi m = mean_ci95({7, 7, 7});
  EXPECT_EQ(m.mean, 7);
  EXPECT_EQ(m.ci.lo, 7);
  EXPECT_EQ(m.ci.hi, 7);
}

TEST(StatsTest, MeanCiOfOneValueIsUndefined) {
  const MeanCi m = mean_ci95({7});
  EXPECT_EQ(m.mean, 7);
  EXPECT_TRUE(std::isnan(m.ci.lo));
  EXPECT_TRUE(std::isnan(m.ci.hi));
}

TEST(StatsTest, WilsonMatchesFormulaByHand) {
  // (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), z = 1.959964.
  struct Case {
    std::int64_t k, n;
    double lo, hi;
  } cases[] = {
      {0, 10, 0.0, 0.277533},
      {10, 10, 0.722467, 1.0},
      {5, 10, 0.236593, 0.763407},
      {1, 1, 0.206549, 1.0},
      // The published example: Wilson 95% for 81/263 is about [0.2553, 0.3662].
      {81, 263, 0.255289, 0.366210},
  };
  for (const Case& c : cases) {
    const Interval w = wilson_ci95(c.k, c.n);
    EXPECT_NEAR(w.lo, c.lo, 1e-5) << c.k << "/" << c.n;
    EXPECT_NEAR(w.hi, c.hi, 1e-5) << c.k << "/" << c.n;
  }
  const Interval published = wilson_ci95(81, 263);
  EXPECT_NEAR(published.lo, 0.2553, 1e-3);
  EXPECT_NEAR(published.hi, 0.3662, 1e-3);
}

TEST(StatsTest, WilsonStaysInsideUnitInterval) {
  for (std::int64_t n : {1, 2, 5, 20, 1000}) {
    for (std::int64_t k = 0; k <= n; k += (n > 20 ? 97 : 1)) {
      const Interval w = wilson_ci95(k, n);
      EXPECT_GE(w.lo, 0.0);
      EXPECT_LE(w.hi, 1.0);
      EXPECT_LE(w.lo, static_cast<double>(k) / n);
      EXPECT_GE(w.hi, static_cast<double>(k) / n);
    }
  }
}

TEST(StatsTest, PercentileIsNearestRank) {
  // Wikipedia's "Percentile" nearest-rank example: 15, 20, 35, 40, 50.
  const std::vector<double> x{50, 15, 40, 20, 35};  // order must not matter
  EXPECT_EQ(percentile_nearest_rank(x, 0), 15);
  EXPECT_EQ(percentile_nearest_rank(x, 5), 15);
  EXPECT_EQ(percentile_nearest_rank(x, 30), 20);
  EXPECT_EQ(percentile_nearest_rank(x, 40), 20);
  EXPECT_EQ(percentile_nearest_rank(x, 50), 35);
  EXPECT_EQ(percentile_nearest_rank(x, 99), 50);
  EXPECT_EQ(percentile_nearest_rank(x, 100), 50);
  EXPECT_TRUE(std::isnan(percentile_nearest_rank(x, 101)));
}

TEST(StatsTest, PairedRatioIsGeometricMeanWithLogTInterval) {
  // Ratios 2 and 4: geometric mean sqrt(8); log ratios ln 2, ln 4 with
  // s = ln 2 / sqrt 2, so exp(mean -/+ 12.706205 * s / sqrt 2).
  const PairedRatio r = paired_ratio_ci95({2, 8}, {1, 2});
  EXPECT_EQ(r.pairs, 2);
  EXPECT_NEAR(r.ratio, std::sqrt(8.0), 1e-12);
  EXPECT_NEAR(r.ci.lo, 0.0345996, 1e-6);
  EXPECT_NEAR(r.ci.hi, 231.2168, 1e-3);
}

TEST(StatsTest, PairedRatioSkipsNonPositivePairs) {
  // Given pairs (0,1), (3,0), (-1,2), (6,3); then only 6/3 is used.
  const PairedRatio r = paired_ratio_ci95({0, 3, -1, 6}, {1, 0, 2, 3});
  EXPECT_EQ(r.pairs, 1);
  EXPECT_DOUBLE_EQ(r.ratio, 2.0);
  EXPECT_TRUE(std::isnan(r.ci.lo));
  EXPECT_TRUE(std::isnan(r.ci.hi));
}

TEST(StatsTest, PairedRatioWithNoUsablePairsIsNaN) {
  const PairedRatio r = paired_ratio_ci95({0, 0}, {5, 5});
  EXPECT_EQ(r.pairs, 0);
  EXPECT_TRUE(std::isnan(r.ratio));
}

TEST(StatsTest, PairedRatioOfIdenticalRatiosHasZeroWidth) {
  const PairedRatio r = paired_ratio_ci95({10, 20, 30}, {5, 10, 15});
  EXPECT_EQ(r.pairs, 3);
  EXPECT_NEAR(r.ratio, 2.0, 1e-12);
  EXPECT_NEAR(r.ci.lo, 2.0, 1e-12);
  EXPECT_NEAR(r.ci.hi, 2.0, 1e-12);
}

}  // namespace
}  // namespace twsim
