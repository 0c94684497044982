#include "sim/model/walk_cost.h"

#include <cmath>

namespace twsim {

WalkCost::WalkCost(const CostConfig& costs)
    : flat_ns_(costs.node_visit_ns),
      profile_(costs.node_visit_profile),
      factor_(costs.debug_factor) {
  if (profile_) {
    // Whole nodes only: a list fits in a level if length x node_bytes <= size.
    // Compared in nodes, so a very long list cannot overflow the product.
    l1_nodes_ = profile_->l1_bytes / profile_->node_bytes;
    l2_nodes_ = profile_->l2_bytes / profile_->node_bytes;
    l3_nodes_ = profile_->l3_bytes / profile_->node_bytes;
  }
}

double WalkCost::per_node_ns(std::int64_t list_length) const {
  if (!profile_) return flat_ns_ * factor_;
  const NodeCostProfile& p = *profile_;
  const double level_ns = list_length <= l1_nodes_   ? p.l1_ns
                          : list_length <= l2_nodes_ ? p.l2_ns
                          : list_length <= l3_nodes_ ? p.l3_ns
                                                     : p.dram_ns;
  return level_ns * factor_;
}

Ns WalkCost::walk_ns(std::int64_t nodes, std::int64_t list_length) const {
  return static_cast<Ns>(std::llround(static_cast<double>(nodes) * per_node_ns(list_length)));
}

}  // namespace twsim
