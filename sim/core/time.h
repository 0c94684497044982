// Simulated time: a signed count of nanoseconds since the teardown began
// (t = 0 is the moment the submitter has set IO_WQ_BIT_EXIT). int64
// nanoseconds cover about 292 years, so sums and comparisons are exact and
// two runs with the same seed agree to the nanosecond.
#ifndef TWSIM_CORE_TIME_H_
#define TWSIM_CORE_TIME_H_

#include <cmath>
#include <cstdint>

namespace twsim {

using Ns = std::int64_t;

constexpr Ns kNsPerUs = 1'000;
constexpr Ns kNsPerMs = 1'000'000;
constexpr Ns kNsPerSec = 1'000'000'000;
constexpr Ns kNever = INT64_MAX;

// Rounds a duration given in (possibly fractional) seconds to nanoseconds.
inline Ns seconds_to_ns(double s) { return static_cast<Ns>(std::llround(s * 1e9)); }
inline double ns_to_seconds(Ns t) { return static_cast<double>(t) / 1e9; }

}  // namespace twsim

#endif  // TWSIM_CORE_TIME_H_
