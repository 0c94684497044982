#include "sim/core/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace twsim {
namespace {

TEST(RandomTest, SameNameSameNumbers) {
  RandomStream a(7, 3, "wake"), b(7, 3, "wake");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
}

TEST(RandomTest, StreamsDifferByNameReplicationSeedAndIndex) {
  const std::uint64_t base = stream_seed(7, 3, "wake");
  EXPECT_NE(base, stream_seed(7, 3, "layout"));
  EXPECT_NE(base, stream_seed(7, 4, "wake"));
  EXPECT_NE(base, stream_seed(8, 3, "wake"));
  EXPECT_NE(stream_seed(7, 3, "watchdog", 0), stream_seed(7, 3, "watchdog", 1));
}

TEST(RandomTest, StreamSeedsAreTheSeedsEveryEarlierRunUsed) {
  // Values printed by the build before StreamSeeds existed: a change here
  // changes every result twsim has written.
  EXPECT_EQ(stream_seed(7, 3, "watchdog", 5), 4583269678529486909ull);
  EXPECT_EQ(stream_seed(1, 0, "placement"), 13269462161946669804ull);
  const StreamSeeds watchdog(7, 3, "watchdog");
  for (std::uint64_t cpu = 0; cpu < 64; ++cpu) {
    EXPECT_EQ(watchdog.of(cpu), stream_seed(7, 3, "watchdog", cpu)) << cpu;
  }
}

TEST(RandomTest, UniformMomentsMatchTheory) {
  // Given 200k draws, then mean ~ 1/2 and variance ~ 1/12 within 5 sigma.
  RandomStream r(1, 0, "moments");
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum2 += u * u;
  }
  const double mean = sum / n, var = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(var, 1.0 / 12, 0.002);
}

TEST(RandomTest, BelowIsUniformOverSmallRange) {
  RandomStream r(2, 0, "below");
  int counts[6] = {};
  const int n = 60000;
  for (int i = 0; i < n; ++i) ++counts[r.below(6)];
  // Each bin ~ Binomial(n, 1/6): sd = sqrt(n * 1/6 * 5/6) ~ 91.
  for (int c : counts) EXPECT_NEAR(c, n / 6, 5 * 91);
}

TEST(RandomTest, SamplePrefixIsAUniformSampleOfAPermutation) {
  RandomStream r(3, 0, "sample");
  const int n = 5, trials = 50000;
  int first[n] = {};
  for (int t = 0; t < trials; ++t) {
    std::vector<int> v = {0, 1, 2, 3, 4};
    sample_prefix(&v, 2, &r);
    std::vector<int> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    ASSERT_EQ(sorted, (std::vector<int>{0, 1, 2, 3, 4}));  // still a permutation
    ++first[v[0]];
  }
  // Each item leads with probability 1/5: Binomial(50000, 0.2), sd ~ 89.
  for (int c : first) EXPECT_NEAR(c, trials / n, 5 * 89);
  std::vector<int> untouched = {7, 8, 9};
  sample_prefix(&untouched, 0, &r);
  EXPECT_EQ(untouched, (std::vector<int>{7, 8, 9}));
}

TEST(RandomTest, ExponentialMeanMatches) {
  RandomStream r(3, 0, "exp");
  const int n = 200000;
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += r.exponential(2.5);
  EXPECT_NEAR(sum / n, 2.5, 5 * 2.5 / std::sqrt(n));
}

TEST(RandomTest, BetweenCoversBothEnds) {
  RandomStream r(4, 0, "between");
  bool lo = false, hi = false;
  for (int i = 0; i < 1000; ++i) {
    const auto v = r.between(-2, 2);
    ASSERT_GE(v, -2);
    ASSERT_LE(v, 2);
    lo |= v == -2;
    hi |= v == 2;
  }
  EXPECT_TRUE(lo && hi);
}

}  // namespace
}  // namespace twsim

namespace twsim {
namespace {

// Mean and variance of a Poisson(mean) sample are both `mean`; checked within
// 5 standard errors (the variance of the sample variance is ~2 mean^2 / n
// for large means, mean + 2 mean^2 in general; a generous bound is used).
void check_poisson(double mean) {
  RandomStream r(5, 0, "poisson");
  const int n = 100000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double k = static_cast<double>(r.poisson(mean));
    ASSERT_GE(k, 0);
    sum += k;
    sum2 += k * k;
  }
  const double m = sum / n, var = sum2 / n - m * m;
  EXPECT_NEAR(m, mean, 5 * std::sqrt(mean / n)) << "mean " << mean;
  EXPECT_NEAR(var, mean, 5 * std::sqrt((mean + 2 * mean * mean) / n)) << "mean " << mean;
}

TEST(RandomTest, PoissonMomentsSmallAndLargeMeans) {
  for (double mean : {0.3, 4.0, 9.9, 10.0, 37.5, 1e4, 1e8}) check_poisson(mean);
}

}  // namespace
}  // namespace twsim
