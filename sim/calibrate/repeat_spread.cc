#include "sim/calibrate/repeat_spread.h"

#include <algorithm>
#include <cassert>

#include "sim/calibrate/curve_levels.h"
#include "sim/calibrate/median.h"

namespace twsim {

std::vector<ChasePoint> median_curve(const std::vector<std::vector<ChasePoint>>& repeats) {
  assert(!repeats.empty());
  std::vector<ChasePoint> out;
  for (std::size_t i = 0; i < repeats[0].size(); ++i) {
    std::vector<double> values;
    for (const auto& curve : repeats) {
      assert(curve[i].bytes == repeats[0][i].bytes);
      values.push_back(curve[i].ns_per_load);
    }
    out.push_back({repeats[0][i].bytes, median(std::move(values))});
  }
  return out;
}

Range point_range(const std::vector<std::vector<ChasePoint>>& repeats, std::size_t i) {
  Range r{repeats[0][i].ns_per_load, repeats[0][i].ns_per_load};
  for (const auto& curve : repeats) {
    r.min = std::min(r.min, curve[i].ns_per_load);
    r.max = std::max(r.max, curve[i].ns_per_load);
  }
  return r;
}

std::array<Range, 4> level_ranges(const std::vector<std::vector<ChasePoint>>& repeats,
                                  const std::int64_t (&bounds)[3], std::int64_t node_bytes) {
  std::array<Range, 4> out;
  bool first = true;
  for (const auto& curve : repeats) {
    const NodeCostProfile p = profile_at_bounds(curve, bounds, node_bytes);
    const double costs[4] = {p.l1_ns, p.l2_ns, p.l3_ns, p.dram_ns};
    for (int k = 0; k < 4; ++k) {
      out[k].min = first ? costs[k] : std::min(out[k].min, costs[k]);
      out[k].max = first ? costs[k] : std::max(out[k].max, costs[k]);
    }
    first = false;
  }
  return out;
}

double spread_percent(Range r, double reference) {
  return reference > 0 ? 100 * (r.max - r.min) / reference : 0;
}

}  // namespace twsim
