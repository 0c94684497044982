// `twsim calibrate --repeats N` measures the whole curve N times; these say
// what the repeats agree on (per-point medians) and how far apart they are
// (per point and per level, the smallest and largest).
#ifndef TWSIM_CALIBRATE_REPEAT_SPREAD_H_
#define TWSIM_CALIBRATE_REPEAT_SPREAD_H_

#include <array>
#include <cstdint>
#include <vector>

#include "sim/calibrate/pointer_chase.h"

namespace twsim {

// Each point's median over the repeats. REQUIRES: at least one repeat, all
// with the same sizes.
std::vector<ChasePoint> median_curve(const std::vector<std::vector<ChasePoint>>& repeats);

// The smallest and largest of a figure over the repeats.
struct Range {
  double min = 0;
  double max = 0;
};

// Point i's range over the repeats.
Range point_range(const std::vector<std::vector<ChasePoint>>& repeats, std::size_t i);

// Each level's cost (L1, L2, L3, DRAM) as profile_at_bounds gives it for
// every repeat alone with the same bounds: the range over the repeats.
std::array<Range, 4> level_ranges(const std::vector<std::vector<ChasePoint>>& repeats,
                                  const std::int64_t (&bounds)[3], std::int64_t node_bytes);

// (max - min) / reference, as a percentage: how far the repeats are apart.
double spread_percent(Range r, double reference);

}  // namespace twsim

#endif  // TWSIM_CALIBRATE_REPEAT_SPREAD_H_
