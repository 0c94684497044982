// What one walk of the task_work list costs under pi_lock: the number of
// nodes visited times a per-node cost, times costs.debug_factor.
// The per-node cost is either the flat costs.node_visit_ns or, with a profile
// (NodeCostProfile), the dependent-load latency of the smallest cache level
// the whole list fits in: its working set is list length x node_bytes
// (docs/calibration.md §3.1). The choice is O(1) per walk.
//
// What it leaves out: lines evicted by other CPUs' traffic and by the rest of
// the kernel between walks; a short walk repeated over a list prefix that
// stays hot; other CPUs walking the same list (each CPU's private L1/L2 copy
// is treated as warm, the shared L3 as holding the list if it fits); loaded
// DRAM latency, 2-3x idle under bandwidth pressure; remote-socket memory; and
// the match call per node, which a measured profile (loads only) excludes.
#ifndef TWSIM_MODEL_WALK_COST_H_
#define TWSIM_MODEL_WALK_COST_H_

#include <cstdint>
#include <optional>

#include "sim/core/time.h"
#include "sim/scenario/config.h"

namespace twsim {

class WalkCost {
 public:
  explicit WalkCost(const CostConfig& costs);

  // Cost of visiting one node while the list holds `list_length` nodes,
  // debug factor included, in ns (fractional).
  double per_node_ns(std::int64_t list_length) const;

  // Cost of visiting `nodes` nodes of a list of `list_length` nodes, rounded
  // to the nearest ns.
  Ns walk_ns(std::int64_t nodes, std::int64_t list_length) const;

 private:
  double flat_ns_;
  std::optional<NodeCostProfile> profile_;
  double factor_;
  // The longest list (in nodes) that fits in L1 / L2 / L3.
  std::int64_t l1_nodes_ = 0, l2_nodes_ = 0, l3_nodes_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_WALK_COST_H_
