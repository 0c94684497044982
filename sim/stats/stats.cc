#include "sim/stats/stats.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace twsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Boost.Math's default policy throws on domain errors; the callers below check
// their arguments first, and this policy turns anything left into NaN so that
// the core never throws.
using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

}  // namespace

double mean(const std::vector<double>& x) {
  if (x.empty()) return kNaN;
  double sum = 0;
  for (double v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

double sample_stddev(const std::vector<double>& x) {
  if (x.size() < 2) return kNaN;
  const double m = mean(x);
  double ss = 0;
  for (double v : x) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

double student_t_quantile(double p, double df) {
  if (!(p > 0 && p < 1 && df > 0)) return kNaN;
  return boost::math::quantile(boost::math::students_t_distribution<double, NoThrow>(df), p);
}

double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) return kNaN;
  return boost::math::quantile(boost::math::normal_distribution<double, NoThrow>(0, 1), p);
}

namespace {

// t(0.975, df), remembered per thread: a sweep asks it for the same df
// (replications - 1) for every metric of every point, and Boost computes each
// in microseconds (a tenth of writing the phase diagram's results).
double t975(std::size_t df) {
  constexpr std::size_t kRemembered = 1 << 16;
  if (df >= kRemembered) return student_t_quantile(0.975, static_cast<double>(df));
  thread_local std::vector<double> known;
  if (df >= known.size()) known.resize(df + 1, kNaN);
  if (std::isnan(known[df])) known[df] = student_t_quantile(0.975, static_cast<double>(df));
  return known[df];
}

}  // namespace

MeanCi mean_ci95(const std::vector<double>& x) {
  const double m = mean(x);
  if (x.size() < 2) return {m, {kNaN, kNaN}};
  const double n = static_cast<double>(x.size());
  const double half = t975(x.size() - 1) * sample_stddev(x) / std::sqrt(n);
  return {m, {m - half, m + half}};
}

Interval wilson_ci95(std::int64_t k, std::int64_t n) {
  if (n <= 0 || k < 0 || k > n) return {kNaN, kNaN};
  static const double z = normal_quantile(0.975);
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double centre = p + z2 / (2 * nn);
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  const double denom = 1 + z2 / nn;
  // At k = 0 (k = n) the lower (upper) end is exactly 0 (1); computed, it
  // would be off by rounding.
  const double lo = k == 0 ? 0.0 : std::max(0.0, (centre - half) / denom);
  const double hi = k == n ? 1.0 : std::min(1.0, (centre + half) / denom);
  return {lo, hi};
}

double percentile_nearest_rank(std::vector<double> x, double p) {
  if (x.empty() || !(p >= 0 && p <= 100)) return kNaN;
  const double n = static_cast<double>(x.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100 * n));
  if (rank < 1) rank = 1;
  if (rank > x.size()) rank = x.size();
  auto nth = x.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(x.begin(), nth, x.end());
  return *nth;
}

PairedRatio paired_ratio_ci95(const std::vector<double>& old_values,
                              const std::vector<double>& new_values) {
  std::vector<double> log_ratios;
  const std::size_t n = std::min(old_values.size(), new_values.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double a = old_values[i], b = new_values[i];
    if (!(a > 0 && b > 0 && std::isfinite(a) && std::isfinite(b))) continue;
    log_ratios.push_back(std::log(a) - std::log(b));
  }
  const int pairs = static_cast<int>(log_ratios.size());
  if (pairs == 0) return {kNaN, {kNaN, kNaN}, 0};
  const MeanCi m = mean_ci95(log_ratios);
  return {std::exp(m.mean), {std::exp(m.ci.lo), std::exp(m.ci.hi)}, pairs};
}

}  // namespace twsim
