// Counters and totals that stop at the largest int64 instead of wrapping to a
// negative number: lock_stat wait and hold totals over many CPUs, runs and
// replications can pass 2^63 ns on inputs the config reader accepts.
#ifndef TWSIM_CORE_SATURATING_H_
#define TWSIM_CORE_SATURATING_H_

#include <cstdint>
#include <limits>

namespace twsim {

constexpr std::int64_t kSaturated = std::numeric_limits<std::int64_t>::max();

// a + b for a >= 0, or kSaturated if the sum does not fit. A negative b (a
// stretch a broken model made negative, caught by the run's invariants) is
// just added.
constexpr std::int64_t add_saturating(std::int64_t a, std::int64_t b) {
  return b > 0 && a > kSaturated - b ? kSaturated : a + b;
}

}  // namespace twsim

#endif  // TWSIM_CORE_SATURATING_H_
