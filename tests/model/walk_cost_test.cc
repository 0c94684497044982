#include "sim/model/walk_cost.h"

#include <gtest/gtest.h>

#include "sim/model/teardown.h"

namespace twsim {
namespace {

// 32 KiB L1, 1 MiB L2, 32 MiB L3 of 64-byte nodes: 512, 16384 and 524288
// nodes fit; latencies in the middle of docs/calibration.md §3.1's ranges.
CostConfig profiled(double debug_factor = 1) {
  CostConfig c;
  c.node_visit_profile = NodeCostProfile{1.5, 5, 20, 100, 32 << 10, 1 << 20, 32 << 20, 64};
  c.debug_factor = debug_factor;
  return c;
}

TEST(WalkCostTest, FlatCostIsNodesTimesCostTimesFactor) {
  // Given no profile, then the list length does not matter.
  CostConfig c;
  c.node_visit_ns = 120;
  EXPECT_EQ(WalkCost(c).walk_ns(1000, 10), 120'000);
  EXPECT_EQ(WalkCost(c).walk_ns(1000, 10'000'000), 120'000);
  c.debug_factor = 3;  // KASAN outline, lib/Kconfig.kasan "~x3" (docs/calibration.md §3.2)
  EXPECT_EQ(WalkCost(c).walk_ns(1000, 10), 360'000);
}

TEST(WalkCostTest, ProfilePicksTheSmallestLevelTheListFitsIn) {
  // Given the profile above, then a list of n 64-byte nodes pays L1 up to
  // 32768 / 64 = 512 nodes, L2 up to 1 MiB / 64 = 16384, L3 up to
  // 32 MiB / 64 = 524288, DRAM beyond: boundaries inclusive.
  const WalkCost w(profiled());
  EXPECT_EQ(w.per_node_ns(1), 1.5);
  EXPECT_EQ(w.per_node_ns(512), 1.5);
  EXPECT_EQ(w.per_node_ns(513), 5);
  EXPECT_EQ(w.per_node_ns(16384), 5);
  EXPECT_EQ(w.per_node_ns(16385), 20);
  EXPECT_EQ(w.per_node_ns(524288), 20);
  EXPECT_EQ(w.per_node_ns(524289), 100);
  EXPECT_EQ(w.per_node_ns(std::int64_t{1} << 50), 100);  // no overflow on huge lists
  // A partial walk pays the level of the whole list: 10 nodes of a 1e6 list.
  EXPECT_EQ(w.walk_ns(10, 1'000'000), 1000);
  // 3 nodes at 1.5 ns = 4.5 rounds to 5 (nearest, halves away from zero).
  EXPECT_EQ(w.walk_ns(3, 3), 5);
}

TEST(WalkCostTest, DebugFactorScalesEveryLevel) {
  const WalkCost w(profiled(4));
  EXPECT_EQ(w.per_node_ns(100), 6);
  EXPECT_EQ(w.per_node_ns(1000), 20);
  EXPECT_EQ(w.per_node_ns(100'000), 80);
  EXPECT_EQ(w.per_node_ns(1'000'000), 400);
}

TEST(WalkCostTest, NodeSizeMovesTheLevelBoundaries) {
  // Given 256-byte nodes, then only 32768 / 256 = 128 nodes fit in L1.
  CostConfig c = profiled();
  c.node_visit_profile->node_bytes = 256;
  const WalkCost w(c);
  EXPECT_EQ(w.per_node_ns(128), 1.5);
  EXPECT_EQ(w.per_node_ns(129), 5);
}

ScenarioConfig lone_submitter(std::int64_t unrelated, double debug_factor) {
  ScenarioConfig s;
  s.machine.cpus = 4;
  s.io_wq.workers = 0;
  s.io_wq.pending_create = 0;
  s.task_work.unrelated = unrelated;
  s.costs = profiled(debug_factor);
  return s;
}

TEST(WalkCostTest, TeardownUsesTheProfile) {
  // Given the new submitter alone walking the whole list once, then the
  // teardown takes list length x level cost x debug factor: 400 nodes (25 KiB,
  // L1) 400 x 1.5 = 600 ns; 100000 nodes (6.4 MB, L3) 100000 x 20 = 2 ms;
  // 1e6 nodes (64 MB, DRAM) with factor 2: 1e6 x 100 x 2 = 200 ms.
  EXPECT_EQ(simulate_teardown(lone_submitter(400, 1), Algorithm::kNew, 1, 0).teardown_ns, 600);
  EXPECT_EQ(simulate_teardown(lone_submitter(100'000, 1), Algorithm::kNew, 1, 0).teardown_ns,
            2'000'000);
  EXPECT_EQ(simulate_teardown(lone_submitter(1'000'000, 2), Algorithm::kNew, 1, 0).teardown_ns,
            200'000'000);
}

TEST(WalkCostTest, CostIsChosenFromTheListBeforeTheUnlink) {
  // Given the old submitter and one create_work at the head of a 512-node
  // list (513 nodes: just over L1), then its first call pays L2 for 1 node
  // (5 ns + 30 ns unlink), and the final full scan of the 512 left pays L1:
  // 512 x 1.5 = 768 ns.
  ScenarioConfig s = lone_submitter(512, 1);
  s.io_wq.workers = 1;
  s.io_wq.pending_create = 1;
  s.io_wq.exit = ExitKind::kThread;
  s.task_work.create_layout = CreateLayout::kNewest;
  const RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  ASSERT_GE(d.lock_calls.size(), 2u);
  EXPECT_EQ(d.lock_calls[0].released - d.lock_calls[0].granted, 5 + 30);
  EXPECT_EQ(d.lock_calls[1].nodes, 512);
  EXPECT_EQ(d.lock_calls[1].released - d.lock_calls[1].granted, 768);
}

TEST(WalkCostTest, AWorkersWalkIsPricedAtTheLevelBeforeItsUnlink) {
  // Given a worker whose create_work is the head of a 512-node list (513
  // nodes: just over L1) and a submitter that comes 1 ms later, then the
  // worker's own call pays L2 for its 1 node (5 ns + 30 ns unlink), not the
  // L1 price of the 512 nodes left after its unlink (2 + 30); the old
  // worker's second, full walk of 512 nodes pays L1: 768 ns.
  ScenarioConfig s = lone_submitter(512, 1);
  s.io_wq.workers = 1;
  s.io_wq.pending_create = 1;
  s.io_wq.cancel_start_us = 1000;
  s.io_wq.wake_jitter_us = 0;
  s.task_work.create_layout = CreateLayout::kNewest;
  for (Algorithm a : {Algorithm::kOld, Algorithm::kNew}) {
    const RunDetail d = simulate_teardown_detailed(s, a, 1, 0);
    ASSERT_GE(d.lock_calls.size(), 1u);
    EXPECT_EQ(d.lock_calls[0].role, Role::kWorker);
    EXPECT_EQ(d.lock_calls[0].nodes, 1);
    EXPECT_EQ(d.lock_calls[0].released - d.lock_calls[0].granted, 5 + 30) << to_string(a);
    if (a == Algorithm::kOld) {
      ASSERT_GE(d.lock_calls.size(), 2u);
      EXPECT_EQ(d.lock_calls[1].role, Role::kWorker);
      EXPECT_EQ(d.lock_calls[1].released - d.lock_calls[1].granted, 768);
    }
  }
}

}  // namespace
}  // namespace twsim
