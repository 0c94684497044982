// From latency curves to the node-cost profile (costs.node_visit_ns): where
// the cache levels end, which steps of the curve are the TLB's rather than a
// cache's, and what each level costs.
//
// A dependent load pays its cache level's latency plus, when its page is not
// in the TLB, a page walk (docs/calibration.md §3.1 lists the cache figures;
// Intel's and AMD's optimisation manuals give first-level data TLBs of 64-72
// entries and second-level ones of 1.5-3 K entries, so with 4 KiB pages the
// walks start between 256 KiB and 12 MiB, inside the cache curve, and can be
// taken for a cache level). The rule used here (README, "Calibrating for a
// machine"):
//   - the page-stride probe q (pointer_chase.h) touches the pages of a span B
//     but only B/64 bytes of lines, so q(B) = c(B/64) + T(B), while the dense
//     chase t(B) = c(B) + T(B) (c the cache part, T the page walks). Hence
//     T(B) = q(B) - t(B/64) + T(B/64), with T = 0 up to the smallest point
//     (4 pages) and t(x) for x below the smallest point taken as that point;
//   - a step of the curve (t rises by at least 25% between neighbours) is a
//     TLB step when T rises by at least half as much as t there;
//   - cache sizes come from sysfs when it has all three; otherwise the levels
//     end at the three steepest steps of the cache part c = t - T, so a step
//     the probe explains is not taken for a cache level.
#ifndef TWSIM_CALIBRATE_CURVE_LEVELS_H_
#define TWSIM_CALIBRATE_CURVE_LEVELS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/calibrate/pointer_chase.h"
#include "sim/scenario/config.h"

namespace twsim {

// Cache capacities in bytes, 0 where unknown.
struct CacheSizes {
  std::int64_t l1d = 0;
  std::int64_t l2 = 0;
  std::int64_t l3 = 0;
};

// "48K" -> 49152, "2048K" -> 2097152, "32M" -> 33554432, "512" -> 512;
// 0 if the text is not a size.
std::int64_t parse_cache_size(std::string_view text);

// A CPU's data/unified caches as Linux lists them under `dir`
// (/sys/devices/system/cpu/cpuN/cache: index*/level, type, size;
// drivers/base/cacheinfo.c).
CacheSizes read_cache_sizes(const std::string& dir);

// 16384 -> "16 KiB", 2097152 -> "2 MiB", 100 -> "100 B".
std::string bytes_text(std::int64_t bytes);

// The page-walk part T of each point of `curve` from the probe measured at
// the same sizes (the rule above); 0 everywhere when `probe` is empty.
// Never negative. REQUIRES: probe empty or probe[i].bytes == curve[i].bytes.
std::vector<double> page_walk_ns(const std::vector<ChasePoint>& curve,
                                 const std::vector<ChasePoint>& probe);

// What the curves say.
struct LevelReading {
  NodeCostProfile profile;
  bool sizes_from_sysfs = false;
  std::vector<double> page_walk_ns;  // T, one per point
  std::vector<bool> tlb_step;        // [i]: the step from point i-1 to i is a TLB step
};

// The profile of `curve` (points in increasing size, at least 4) with the
// levels ending at `bounds` (L1, L2, L3 bytes): a level's cost is the median
// latency of the points inside it (above the level before, up to its size;
// if none, the first point above); DRAM's is the largest working set's.
// Rounded to 1 ps and made non-decreasing (a running maximum), as the config
// requires.
NodeCostProfile profile_at_bounds(const std::vector<ChasePoint>& curve,
                                  const std::int64_t (&bounds)[3], std::int64_t node_bytes);

// The levels and profile of a dense curve and its page-stride probe (may be
// empty: no TLB steps are then told apart). Anything the user should know (sizes
// not in sysfs, a TLB step, a DRAM figure taken inside L3) is appended to
// *notes, one line each. REQUIRES: at least 4 points.
LevelReading read_levels(const std::vector<ChasePoint>& curve, const std::vector<ChasePoint>& probe,
                         CacheSizes sizes, std::int64_t node_bytes,
                         std::vector<std::string>* notes);

}  // namespace twsim

#endif  // TWSIM_CALIBRATE_CURVE_LEVELS_H_
