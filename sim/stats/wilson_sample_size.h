// How many replications a Wilson interval needs to tell an observed
// proportion from a target: what `twsim threshold` reports when its interval
// is unresolved at the replications given.
#ifndef TWSIM_STATS_WILSON_SAMPLE_SIZE_H_
#define TWSIM_STATS_WILSON_SAMPLE_SIZE_H_

#include <cstdint>

namespace twsim {

// The smallest n at which the 95% Wilson interval of a proportion observed
// as p_hat lies wholly on one side of `target`, if p_hat stayed as observed.
// The Wilson score interval (Wilson 1927, the inversion of the score test) is
// exactly the set of t with |p_hat - t| <= z sqrt(t (1 - t) / n): its
// half-width is taken at the tested probability, here the target. So the
// target lies outside iff n > z^2 t (1 - t) / (p_hat - t)^2, z =
// normal_quantile(0.975); e.g. p_hat 0.45 against t 0.5: n > 384.1, n = 385.
// -1 when p_hat == target (no n separates them).
// REQUIRES: 0 <= p_hat <= 1, 0 < target < 1.
std::int64_t wilson_replications_to_separate(double p_hat, double target);

}  // namespace twsim

#endif  // TWSIM_STATS_WILSON_SAMPLE_SIZE_H_
