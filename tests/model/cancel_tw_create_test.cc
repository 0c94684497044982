// io_wq_cancel_tw_create run by workers that queued a create_work just as
// EXIT was set (io_wq.racing_create; docs/kernel-facts.md §2.4 step 6, rule 6).
#include "sim/model/cancel_tw_create.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "sim/model/teardown.h"
#include "sim/model/worker.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

// 3 workers: 2 with a create_work queued before the 1000 unrelated nodes
// (oldest layout) and 1 racing, whose create_work is the newest push (depth
// 1): a list of 1003 nodes. 10 ns per node, 30 ns unlink, 300 ns cancel_cb.
ScenarioConfig racing_scenario() {
  ScenarioConfig s = hand_worked_scenario(3);
  s.task_work.create_layout = CreateLayout::kOldest;
  s.io_wq.pending_create = 2;
  s.io_wq.racing_create = 1;
  s.io_wq.exit = ExitKind::kThread;
  return s;
}

int racing_worker(const RunContext& ctx) {
  for (int i = 0; i < static_cast<int>(ctx.workers().size()); ++i) {
    if (ctx.workers()[i].racing) return i;
  }
  return -1;
}

TEST(CancelTwCreateTest, RacingCreateSitsAtTheHeadAndIsNotAPendingWorker) {
  // Given 1 racing of 3 workers, 2 pending: the racing worker is the third
  // one, its node at depth 1, the two pending ones pushed down to 1002, 1003.
  const ScenarioConfig s = racing_scenario();
  RunContext ctx(s, Algorithm::kOld, 1, 0);
  const int r = racing_worker(ctx);
  ASSERT_GE(r, 0);
  const auto creates = ctx.list().all_creates();
  ASSERT_EQ(creates.size(), 3u);
  EXPECT_EQ(creates[0].owner, r);
  EXPECT_EQ(creates[0].depth, 1);
  EXPECT_EQ(creates[1].depth, 1002);
  EXPECT_EQ(creates[2].depth, 1003);
  EXPECT_EQ(ctx.list().length(), 1003);
  int racing = 0, pending = 0;
  for (const WorkerState& w : ctx.workers()) {
    racing += w.racing;
    pending += w.create_pending;
  }
  EXPECT_EQ(racing, 1);
  EXPECT_EQ(pending, 3);
  // Old and new see the same racing worker (common random numbers).
  RunContext other(s, Algorithm::kNew, 1, 0);
  EXPECT_EQ(racing_worker(other), r);
}

// The racing worker alone (no submitter): it runs io_wq_cancel_tw_create,
// then, already signalled, io_worker_exit on the same CPU.
std::vector<LockCall> lone_racer(Algorithm algorithm) {
  const ScenarioConfig s = racing_scenario();
  RunContext ctx(s, algorithm, 1, 0);
  const int r = racing_worker(ctx);
  Worker w(&ctx, r);
  w.race_after(0, /*signalled=*/true);
  ctx.run_until(kNever - 1);
  return ctx.lock_calls();
}

TEST(CancelTwCreateTest, OldRacingWorkerRunsTheWholeRescanLoopThenItsExitScan) {
  // Old: each task_work_cancel_match walks to the first create_work left:
  // depth 1 (its own), then 1001 and 1001 (the list shrinks by one per
  // unlink), then a full scan of the 1000 left finds none; io_worker_exit's
  // loop finds its create gone: one more full scan. 5 acquisitions, 4003
  // nodes, all on one CPU. Holds: nodes x 10 (+ 30 per unlink).
  const std::vector<LockCall> calls = lone_racer(Algorithm::kOld);
  ASSERT_EQ(calls.size(), 5u);
  const std::int64_t nodes[] = {1, 1001, 1001, 1000, 1000};
  const Ns holds[] = {40, 10'040, 10'040, 10'000, 10'000};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(calls[i].nodes, nodes[i]) << i;
    EXPECT_EQ(calls[i].released - calls[i].granted, holds[i]) << i;
    EXPECT_EQ(calls[i].role, Role::kWorker);
    EXPECT_EQ(calls[i].site, CallSite::kCancelMatch);
    EXPECT_EQ(calls[i].cpu, calls[0].cpu);
  }
  // Between the loop's calls: io_worker_cancel_cb (300 ns), interrupts on.
  EXPECT_EQ(calls[1].called - calls[0].released, 300);
}

TEST(CancelTwCreateTest, NewRacingWorkerMakesOneMatchAllWalk) {
  // New: one task_work_cancel_match_all over all 1003 nodes, unlinking 3:
  // hold 1003 x 10 + 3 x 30 = 10120 ns; io_worker_exit then has create_state
  // clear and scans nothing.
  const std::vector<LockCall> calls = lone_racer(Algorithm::kNew);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].nodes, 1003);
  EXPECT_EQ(calls[0].site, CallSite::kCancelMatchAll);
  EXPECT_EQ(calls[0].released - calls[0].granted, 10'120);
}

std::vector<LockCall> calls_at(const RunDetail& d, CallSite site) {
  std::vector<LockCall> out;
  for (const LockCall& c : d.lock_calls) {
    if (c.site == site) out.push_back(c);
  }
  return out;
}

TEST(CancelTwCreateTest, OldSubmitterAndRacingWorkerShareTheCancels) {
  // Given the submitter and the racing worker both looping at t = 0 (old),
  // workers woken after the submitter's cancel: whoever takes each create,
  // the three hits walk 1, 1001 and 1001 nodes (always the first create
  // left); each of the two loops ends with a 1000-node miss; then each of
  // the 3 workers' io_worker_exit finds its create gone: 3 more 1000-node
  // scans. 3 + 2 + 3 = 8 calls, 2003 + 5 x 1000 = 7003 nodes; the loops run
  // on two CPUs; the last worker's reference wakes the submitter (ttwu).
  for (int rep = 0; rep < 10; ++rep) {
    const RunDetail d = simulate_teardown_detailed(racing_scenario(), Algorithm::kOld, 5, rep);
    const std::vector<LockCall> calls = calls_at(d, CallSite::kCancelMatch);
    ASSERT_EQ(calls.size(), 8u) << rep;
    std::int64_t nodes = 0;
    std::vector<std::int64_t> hits;
    for (const LockCall& c : calls) {
      nodes += c.nodes;
      if (c.nodes != 1000) hits.push_back(c.nodes);
    }
    EXPECT_EQ(nodes, 7003);
    EXPECT_EQ(hits, (std::vector<std::int64_t>{1, 1001, 1001}));
    EXPECT_EQ(calls_at(d, CallSite::kTtwu).size(), 1u);
    EXPECT_EQ(d.metrics.lock_acquisitions, 9);
    EXPECT_TRUE(d.metrics.teardown_complete);
  }
}

TEST(CancelTwCreateTest, NewSubmitterAndRacingWorkerEachWalkOnce) {
  // New: two task_work_cancel_match_all walks, one by each; the first finds
  // all three creates (1003 nodes), the second none (1000 nodes); no worker
  // scans at exit (create_state cleared by the cancel callbacks).
  for (int rep = 0; rep < 10; ++rep) {
    const RunDetail d = simulate_teardown_detailed(racing_scenario(), Algorithm::kNew, 5, rep);
    const std::vector<LockCall> all = calls_at(d, CallSite::kCancelMatchAll);
    ASSERT_EQ(all.size(), 2u) << rep;
    EXPECT_EQ(all[0].nodes, 1003);
    EXPECT_EQ(all[1].nodes, 1000);
    EXPECT_NE(all[0].role, all[1].role);
    EXPECT_TRUE(calls_at(d, CallSite::kCancelMatch).empty());
    EXPECT_TRUE(d.metrics.teardown_complete);
  }
}

TEST(CancelTwCreateTest, AtExitStartRacingWorkersStillCountEveryReference) {
  // Given every worker racing at exit start, then the teardown completes:
  // each create's reference is dropped exactly once (io_worker_cancel_cb),
  // whoever cancels it, and the new algorithm walks the list once per loop.
  ScenarioConfig s = racing_scenario();
  s.io_wq.exit = ExitKind::kGroup;
  s.io_wq.workers = 8;
  s.io_wq.pending_create = 0;
  s.io_wq.racing_create = 8;
  s.io_wq.wake_jitter_us = 20;
  for (Algorithm a : {Algorithm::kOld, Algorithm::kNew}) {
    const RunDetail d = simulate_teardown_detailed(s, a, 3, 0);
    EXPECT_TRUE(d.metrics.teardown_complete);
    if (a == Algorithm::kNew) {
      // 9 loops (submitter + 8 racers), one match_all each.
      EXPECT_EQ(calls_at(d, CallSite::kCancelMatchAll).size(), 9u);
    }
  }
}

}  // namespace
}  // namespace twsim
