#include "sim/stats/wilson_sample_size.h"

#include <cmath>

#include "sim/stats/stats.h"

namespace twsim {

std::int64_t wilson_replications_to_separate(double p_hat, double target) {
  const double d = p_hat - target;
  if (d == 0) return -1;
  const double z = normal_quantile(0.975);
  const double bound = z * z * target * (1 - target) / (d * d);
  // Strictly above the bound: at n == bound the target is the interval's end.
  return static_cast<std::int64_t>(std::floor(bound)) + 1;
}

}  // namespace twsim
