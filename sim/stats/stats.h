// Summary statistics over replications: means with Student-t intervals,
// Wilson intervals for detector-firing probabilities, nearest-rank
// percentiles, and the paired old/new ratio. Plain functions over vectors of
// doubles; they never throw. Where a statistic is undefined (an empty sample,
// an interval from a single value, no usable pairs) it is NaN, which the
// writers print as an empty CSV cell or JSON null.
#ifndef TWSIM_STATS_STATS_H_
#define TWSIM_STATS_STATS_H_

#include <cstdint>
#include <vector>

namespace twsim {

// A two-sided interval; both ends NaN when undefined.
struct Interval {
  double lo;
  double hi;
};

// Arithmetic mean; NaN if `x` is empty.
double mean(const std::vector<double>& x);

// Sample standard deviation (divisor n - 1); NaN if fewer than two values.
double sample_stddev(const std::vector<double>& x);

// Quantile function of Student's t distribution with `df` degrees of freedom
// (e.g. student_t_quantile(0.975, 9) = 2.262157). NaN unless 0 < p < 1 and
// df > 0.
double student_t_quantile(double p, double df);

// Quantile function of the standard normal distribution; NaN unless 0 < p < 1.
double normal_quantile(double p);

// The mean of `x` and its two-sided 95% Student-t confidence interval,
// mean -/+ t(0.975, n-1) * s / sqrt(n). With one value the interval is NaN;
// with no spread it collapses onto the mean.
struct MeanCi {
  double mean;
  Interval ci;
};
MeanCi mean_ci95(const std::vector<double>& x);

// The 95% Wilson score interval for a binomial proportion with `k` successes
// in `n` trials:
//   (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n),  p = k/n,
// z = normal_quantile(0.975). Unlike the Wald interval it stays inside [0, 1]
// and is not degenerate at k = 0 or k = n. NaN if n <= 0.
// REQUIRES: 0 <= k <= n.
Interval wilson_ci95(std::int64_t k, std::int64_t n);

// The p-th percentile (0 <= p <= 100) by the nearest-rank definition: the
// smallest value such that at least p% of the sample is <= it, i.e. the
// ceil(p/100 * n)-th smallest value (the 1st for p = 0). Always one of the
// sample's values. NaN if `x` is empty or p is outside [0, 100].
double percentile_nearest_rank(std::vector<double> x, double p);

// The paired ratio old/new over replications that share random numbers:
// r_i = old[i] / new[i] for each i below min(old.size(), new.size()),
// skipping pairs where either value is <= 0 (or not finite). Summarised as the
// geometric mean exp(mean(log r_i)) with the 95% Student-t interval of
// mean(log r_i) mapped back through exp. `pairs` is the number of pairs used;
// with none, ratio and interval are NaN; with one, the interval is NaN.
struct PairedRatio {
  double ratio;
  Interval ci;
  int pairs;
};
PairedRatio paired_ratio_ci95(const std::vector<double>& old_values,
                              const std::vector<double>& new_values);

}  // namespace twsim

#endif  // TWSIM_STATS_STATS_H_
