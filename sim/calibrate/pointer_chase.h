// The measurement behind `twsim calibrate`: the latency of one dependent load
// (a pointer chase, as lmbench's lat_mem_rd and the AnandTech latency charts
// of docs/calibration.md §3.1 measure it) over working sets from L1-sized to
// DRAM-sized, and the node-cost profile (costs.node_visit_ns) drawn from it.
//
// Nodes of node_bytes each are linked in one random cycle (Sattolo's
// algorithm), so every load depends on the one before and hardware
// prefetchers cannot guess the next address, as with task_work nodes
// scattered over slab pages.
#ifndef TWSIM_CALIBRATE_POINTER_CHASE_H_
#define TWSIM_CALIBRATE_POINTER_CHASE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

// One point of the latency curve.
struct ChasePoint {
  std::int64_t bytes;  // working set: nodes x node_bytes
  double ns_per_load;
};

class PointerChase {
 public:
  // One buffer of `max_bytes` (asked for in transparent huge pages where the
  // kernel allows, like the kernel's direct map, so that TLB misses do not
  // dominate the DRAM figure), touched once. The cycle's order comes from the
  // named random stream "calibrate" of `seed`.
  PointerChase(std::int64_t max_bytes, std::int64_t node_bytes, std::uint64_t seed);
  PointerChase(const PointerChase&) = delete;
  PointerChase& operator=(const PointerChase&) = delete;

  // ns per dependent load over the first `bytes` of the buffer: one warm-up
  // lap (at most 2^20 loads), then the median of five timed stretches that
  // together last about `budget`. REQUIRES: node_bytes * 2 <= bytes <= max_bytes.
  double measure(std::int64_t bytes, std::chrono::nanoseconds budget);

 private:
  struct Free {
    void operator()(std::byte* p) const;
  };
  std::int64_t max_bytes_;
  std::int64_t node_bytes_;
  std::uint64_t seed_;
  std::unique_ptr<std::byte, Free> buffer_;
};

// Cache capacities in bytes, 0 where unknown.
struct CacheSizes {
  std::int64_t l1d = 0;
  std::int64_t l2 = 0;
  std::int64_t l3 = 0;
};

// "48K" -> 49152, "2048K" -> 2097152, "32M" -> 33554432, "512" -> 512;
// 0 if the text is not a size.
std::int64_t parse_cache_size(std::string_view text);

// CPU 0's data/unified caches as Linux lists them under `dir`
// (/sys/devices/system/cpu/cpu0/cache: index*/level, type, size).
CacheSizes read_cache_sizes(const std::string& dir);

// The profile a latency curve gives (points in increasing size). Level sizes
// come from `sizes` where known; a missing one is placed at the curve's
// steepest steps (the 3 largest latency ratios between neighbouring points
// mark the L1/L2, L2/L3 and L3/DRAM transitions). A level's cost is the median
// latency of the points inside it (above the level before, up to its size);
// DRAM's is the largest working set's. Costs are made non-decreasing (a
// running maximum), as the config requires. Anything the user should know
// (a level placed from the curve, a DRAM figure taken inside L3) is appended
// to *notes, one line each. REQUIRES: at least 4 points.
NodeCostProfile profile_from_curve(const std::vector<ChasePoint>& curve, CacheSizes sizes,
                                   std::int64_t node_bytes, std::vector<std::string>* notes);

}  // namespace twsim

#endif  // TWSIM_CALIBRATE_POINTER_CHASE_H_
