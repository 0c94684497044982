// The fix's two hunks alone (Algorithm::kSinglePass, kExitTest), against hold
// sequences worked out by hand from the kernel code each one changes:
// io_wq_cancel_tw_create (io_uring/io-wq.c) and io_worker_exit.
#include <gtest/gtest.h>

#include <vector>

#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

std::vector<Ns> nodes_of(const RunDetail& d, Role role, CallSite site) {
  std::vector<Ns> out;
  for (const LockCall& c : d.lock_calls) {
    if (c.role == role && c.site == site) out.push_back(c.nodes);
  }
  return out;
}

// A thread exit with 3 live creates queued before 1000 unrelated nodes
// (oldest layout) and 4 idle workers, woken after the submitter's cancel.
ScenarioConfig three_creates_behind_the_list() {
  ScenarioConfig s = hand_worked_scenario(4);
  s.io_wq.pending_create = 3;
  s.task_work.create_layout = CreateLayout::kOldest;
  s.io_wq.exit = ExitKind::kThread;
  return s;
}

TEST(HunkTest, SinglePassSubmitterWalksOnceButItsWorkersStillScanTheWholeList) {
  // io_wq_cancel_tw_create: one task_work_cancel_match_all over 1000 + 3
  // nodes, 3 unlinks. io_worker_exit keeps the old loop: each of the 4 workers
  // walks the 1000 nodes left once and finds nothing.
  const RunDetail d =
      simulate_teardown_detailed(three_creates_behind_the_list(), Algorithm::kSinglePass, 1, 0);
  EXPECT_EQ(nodes_of(d, Role::kSubmitter, CallSite::kCancelMatchAll), std::vector<Ns>{1003});
  EXPECT_TRUE(nodes_of(d, Role::kSubmitter, CallSite::kCancelMatch).empty());
  EXPECT_EQ(nodes_of(d, Role::kWorker, CallSite::kCancelMatch),
            (std::vector<Ns>{1000, 1000, 1000, 1000}));
  // + 1: the last worker's io_worker_ref_put wakes the sleeping submitter (ttwu).
  EXPECT_EQ(d.metrics.lock_acquisitions, 1 + 4 + 1);
}

TEST(HunkTest, ExitTestSubmitterRescansPerCreateButItsWorkersTakeNoLock) {
  // io_wq_cancel_tw_create keeps the old loop: one task_work_cancel_match per
  // create (each walks the 1000 unrelated nodes to the next create at depth
  // 1001), then a final walk of the 1000 left that finds none. The workers'
  // create_state bits were cleared by io_worker_cancel_cb, so none walks.
  const RunDetail d =
      simulate_teardown_detailed(three_creates_behind_the_list(), Algorithm::kExitTest, 1, 0);
  EXPECT_EQ(nodes_of(d, Role::kSubmitter, CallSite::kCancelMatch),
            (std::vector<Ns>{1001, 1001, 1001, 1000}));
  EXPECT_TRUE(nodes_of(d, Role::kWorker, CallSite::kCancelMatch).empty());
  EXPECT_TRUE(nodes_of(d, Role::kSubmitter, CallSite::kCancelMatchAll).empty());
}

TEST(HunkTest, OnlyTheExitHunkStopsAWorkerAtItsOwnCreate) {
  // exit-test, like new: one walk to its node (1001 nodes), then no rescan.
  const std::vector<LockCall> exit_test = lone_worker_lock_calls(Algorithm::kExitTest);
  ASSERT_EQ(exit_test.size(), 1u);
  EXPECT_EQ(exit_test[0].nodes, 1001);
  // single-pass, like old: the loop walks again over the 1000 left.
  const std::vector<LockCall> single_pass = lone_worker_lock_calls(Algorithm::kSinglePass);
  ASSERT_EQ(single_pass.size(), 2u);
  EXPECT_EQ(single_pass[0].nodes, 1001);
  EXPECT_EQ(single_pass[1].nodes, 1000);
}

TEST(HunkTest, EachHunkAloneKeepsTheOtherHalfsWorstStretch) {
  // The seed reproducer's group exit: 768 workers each walk 100,000 nodes at
  // 400 ns unless io_worker_exit tests create_state. Without the exit hunk the
  // worst stretch stays at the old teardown's queue of full walks (> 1 s);
  // with it, only the submitter's and live creates' walks remain (< 200 ms).
  const ScenarioConfig s = seed_reproducer_scenario();
  const Ns old_worst = simulate_teardown(s, Algorithm::kOld, 1, 0).max_irqoff_ns;
  const Ns single_pass = simulate_teardown(s, Algorithm::kSinglePass, 1, 0).max_irqoff_ns;
  const Ns exit_test = simulate_teardown(s, Algorithm::kExitTest, 1, 0).max_irqoff_ns;
  const Ns fixed = simulate_teardown(s, Algorithm::kNew, 1, 0).max_irqoff_ns;
  const Ns one_walk = 100'000 * 400;  // 40 ms
  EXPECT_GT(old_worst, 25 * one_walk);
  EXPECT_GT(single_pass, 25 * one_walk);
  EXPECT_LT(exit_test, 5 * one_walk);
  EXPECT_LT(fixed, 5 * one_walk);
}

}  // namespace
}  // namespace twsim
