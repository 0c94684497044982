#include "sim/model/teardown.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/model/run_context.h"
#include "sim/model/worker.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

ScenarioConfig small_scenario() { return hand_worked_scenario(4); }

std::vector<LockCall> calls_of(const RunDetail& d, Role role, CallSite site) {
  std::vector<LockCall> out;
  for (const LockCall& c : d.lock_calls) {
    if (c.role == role && c.site == site) out.push_back(c);
  }
  return out;
}

TEST(TeardownTest, SimultaneousFullScansQueueInSteps) {
  // Given k = 5 CPUs (submitter + 4 workers, none with create_work, old
  // algorithm) reaching the free lock at t = 0, each walking the whole list
  // (s = 1000 nodes x 10 ns = 10 us), handoff h = 100 ns: the j-th waits
  // (j-1)(s+h) and its interrupts-off stretch is that plus s
  // (docs/calibration.md §4.3).
  ScenarioConfig s = small_scenario();
  RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  std::vector<Ns> stretches;
  for (const CpuActivity& a : d.activity) {
    for (const IrqOffStretch& st : a.irq_off) {
      if (st.start == 0) stretches.push_back(st.end - st.start);
    }
  }
  std::sort(stretches.begin(), stretches.end());
  const Ns hold = 10'000, h = 100;
  ASSERT_EQ(stretches.size(), 5u);
  for (int j = 1; j <= 5; ++j) EXPECT_EQ(stretches[j - 1], (j - 1) * (hold + h) + hold);
  EXPECT_EQ(d.metrics.max_irqoff_ns, 5 * hold + 4 * h);
  EXPECT_EQ(d.metrics.max_irqoff_wait_ns, 4 * (hold + h));
  EXPECT_EQ(d.metrics.max_lock_wait_ns, 4 * (hold + h));
}

TEST(TeardownTest, OldSubmitterMakesOneCallPerCreatePlusAFinalFullScan) {
  // Given 3 create_works queued before 1000 unrelated nodes (oldest layout):
  // each call walks to the next create at depth 1001 (the list shrinks by one
  // each time), and the 4th walks all 1000 remaining nodes and finds none.
  ScenarioConfig s = small_scenario();
  s.io_wq.pending_create = 3;
  s.task_work.create_layout = CreateLayout::kOldest;
  s.io_wq.exit = ExitKind::kThread;
  RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  auto calls = calls_of(d, Role::kSubmitter, CallSite::kCancelMatch);
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(calls[0].nodes, 1001);
  EXPECT_EQ(calls[1].nodes, 1001);
  EXPECT_EQ(calls[2].nodes, 1001);
  EXPECT_EQ(calls[3].nodes, 1000);
  // Hold = nodes x 10 ns (+ 30 ns unlink on a hit).
  EXPECT_EQ(calls[0].released - calls[0].granted, 1001 * 10 + 30);
  EXPECT_EQ(calls[3].released - calls[3].granted, 1000 * 10);
  // Between calls: io_worker_cancel_cb (300 ns) with interrupts on.
  EXPECT_EQ(calls[1].called - calls[0].released, 300);
}

TEST(TeardownTest, OldSubmitterWithNewestLayoutWalksOneNodePerCreate) {
  ScenarioConfig s = small_scenario();
  s.io_wq.pending_create = 4;
  s.task_work.create_layout = CreateLayout::kNewest;
  s.io_wq.exit = ExitKind::kThread;
  RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  auto calls = calls_of(d, Role::kSubmitter, CallSite::kCancelMatch);
  ASSERT_EQ(calls.size(), 5u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(calls[i].nodes, 1);
  EXPECT_EQ(calls[4].nodes, 1000);
}

TEST(TeardownTest, NewSubmitterWalksTheWholeListOnce) {
  ScenarioConfig s = small_scenario();
  s.io_wq.pending_create = 3;
  s.task_work.create_layout = CreateLayout::kUniform;
  s.io_wq.exit = ExitKind::kThread;
  RunDetail d = simulate_teardown_detailed(s, Algorithm::kNew, 1, 0);
  auto all = calls_of(d, Role::kSubmitter, CallSite::kCancelMatchAll);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].nodes, 1003);
  EXPECT_EQ(all[0].released - all[0].granted, 1003 * 10 + 3 * 30);
  EXPECT_TRUE(calls_of(d, Role::kSubmitter, CallSite::kCancelMatch).empty());
}

TEST(TeardownTest, OldWorkersScanTheWholeListNewWorkersDoNot) {
  // Workers woken after the cancel find their create_work gone: old ones each
  // walk the whole list once (1000 nodes), new ones (create_state clear) not at all.
  ScenarioConfig s = small_scenario();
  s.io_wq.pending_create = 2;
  s.io_wq.exit = ExitKind::kThread;
  RunDetail old_run = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  auto old_calls = calls_of(old_run, Role::kWorker, CallSite::kCancelMatch);
  ASSERT_EQ(old_calls.size(), 4u);
  for (const LockCall& c : old_calls) EXPECT_EQ(c.nodes, 1000);
  RunDetail new_run = simulate_teardown_detailed(s, Algorithm::kNew, 1, 0);
  EXPECT_TRUE(calls_of(new_run, Role::kWorker, CallSite::kCancelMatch).empty());
  // The last worker's io_worker_ref_put wakes the sleeping submitter (ttwu).
  EXPECT_EQ(calls_of(new_run, Role::kWorker, CallSite::kTtwu).size(), 1u);
  EXPECT_TRUE(new_run.metrics.teardown_complete);
}

TEST(TeardownTest, NewWorkerWithCreateWorkStopsAtItsNode) {
  const std::vector<LockCall> calls = lone_worker_lock_calls(Algorithm::kNew);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].nodes, 1001);
}

TEST(TeardownTest, OldWorkerWithCreateWorkScansPartlyThenFully) {
  // The pre-fix loop: a partial scan that finds its node, then a full scan of
  // the 1000 nodes left that finds nothing.
  const std::vector<LockCall> calls = lone_worker_lock_calls(Algorithm::kOld);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].nodes, 1001);
  EXPECT_EQ(calls[1].nodes, 1000);
}

TEST(TeardownTest, TeardownWithoutWorkersEndsWithTheSubmitter) {
  ScenarioConfig s = small_scenario();
  s.io_wq.workers = 0;
  RunDetail d = simulate_teardown_detailed(s, Algorithm::kNew, 1, 0);
  EXPECT_TRUE(d.metrics.teardown_complete);
  EXPECT_EQ(d.metrics.teardown_ns, 1000 * 10);
  EXPECT_EQ(d.metrics.lock_acquisitions, 1);
}

// One interrupts-off stretch of `seconds` on an otherwise idle machine: the
// new submitter's single walk with no workers.
ScenarioConfig one_stretch(double seconds) {
  ScenarioConfig s = small_scenario();
  s.io_wq.workers = 0;
  s.costs.node_visit_ns = 100;
  s.task_work.unrelated = static_cast<std::int64_t>(seconds * 1e7);
  return s;
}

TEST(TeardownTest, PerfDetectorNeverFiresAt5_9sAlwaysAt20_1s) {
  // docs/kernel-facts.md §4.6: with thresh 10 at nominal clock, accepted NMIs are
  // 10 s apart and the no-progress gap is L + a (a < 4 s), so a report is
  // impossible for L <= 6 s and certain for L >= 20 s, whatever the phases.
  for (int rep = 0; rep < 200; ++rep) {
    RunMetrics short_run = simulate_teardown(one_stretch(5.9), Algorithm::kNew, 11, rep);
    ASSERT_EQ(short_run.max_irqoff_ns, 5'900'000'000);
    EXPECT_EQ(short_run.hard_lockups, 0) << "replication " << rep;
    RunMetrics long_run = simulate_teardown(one_stretch(20.1), Algorithm::kNew, 11, rep);
    EXPECT_EQ(long_run.hard_lockups, 1) << "replication " << rep;
    EXPECT_EQ(long_run.verdict, Verdict::kHard);
  }
}

// The old submitter cancelling 600 create_works at the head, each followed by
// a 100 ms io_worker_cancel_cb: a ~60 s loop of 1-node acquisitions that
// never calls schedule().
ScenarioConfig short_acquisition_loop(Preempt preempt) {
  ScenarioConfig s = small_scenario();
  s.kernel.preempt = preempt;
  s.io_wq.workers = 600;
  s.io_wq.pending_create = 600;
  s.io_wq.exit = ExitKind::kThread;
  s.task_work.unrelated = 0;
  s.task_work.create_layout = CreateLayout::kNewest;
  s.costs.cancel_cb_ns = 100'000'000;
  return s;
}

TEST(TeardownTest, LoopThatNeverSchedulesIsASoftLockupOnlyWithoutPreemption) {
  // docs/kernel-facts.md §4.6: the stopper never runs, so the report comes at the 6th
  // 4-s tick after the last stopper run (20-24 s into the loop) and again 24 s
  // later: exactly 2 reports in a ~60 s loop. Under PREEMPT(lazy) the stopper
  // runs at the preempt_enable after each unlock: no report. The interrupts-off
  // stretches are microseconds: never a hard lockup.
  for (int rep = 0; rep < 20; ++rep) {
    RunMetrics none =
        simulate_teardown(short_acquisition_loop(Preempt::kNone), Algorithm::kOld, 3, rep);
    EXPECT_EQ(none.soft_lockups, 2) << "replication " << rep;
    EXPECT_GT(none.first_soft_lockup_ns, 20 * kNsPerSec);
    EXPECT_LE(none.first_soft_lockup_ns, 24 * kNsPerSec);
    EXPECT_EQ(none.hard_lockups, 0);
    RunMetrics lazy =
        simulate_teardown(short_acquisition_loop(Preempt::kLazy), Algorithm::kOld, 3, rep);
    EXPECT_EQ(lazy.soft_lockups, 0) << "replication " << rep;
    EXPECT_EQ(lazy.hard_lockups, 0);
    EXPECT_EQ(lazy.verdict, Verdict::kClean);
  }
}

TEST(TeardownTest, SameSeedSameResult) {
  ScenarioConfig s = small_scenario();
  s.io_wq.pending_create = 3;
  s.io_wq.wake_jitter_us = 50;
  s.background.wakeups_hz = 1e5;
  for (Algorithm a : {Algorithm::kOld, Algorithm::kNew}) {
    RunDetail x = simulate_teardown_detailed(s, a, 42, 5);
    RunDetail y = simulate_teardown_detailed(s, a, 42, 5);
    ASSERT_EQ(x.lock_calls.size(), y.lock_calls.size());
    for (std::size_t i = 0; i < x.lock_calls.size(); ++i) {
      EXPECT_EQ(x.lock_calls[i].cpu, y.lock_calls[i].cpu);
      EXPECT_EQ(x.lock_calls[i].granted, y.lock_calls[i].granted);
    }
    EXPECT_EQ(x.metrics.teardown_ns, y.metrics.teardown_ns);
    EXPECT_EQ(x.metrics.events, y.metrics.events);
  }
}

TEST(TeardownTest, OldAndNewSeeTheSameWorkload) {
  // Common random numbers: the create_work layout is drawn from its own
  // stream, so both algorithms find the same create_works, owned by the same
  // workers, at the same depths; and the old submitter's first call walks to
  // the shallowest of them.
  ScenarioConfig s = small_scenario();
  s.io_wq.pending_create = 3;
  s.io_wq.exit = ExitKind::kThread;
  const RunContext old_ctx(s, Algorithm::kOld, 9, 2);
  const RunContext new_ctx(s, Algorithm::kNew, 9, 2);
  const auto old_creates = old_ctx.list().all_creates();
  const auto new_creates = new_ctx.list().all_creates();
  ASSERT_EQ(old_creates.size(), 3u);
  ASSERT_EQ(new_creates.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(old_creates[i].depth, new_creates[i].depth) << i;
    EXPECT_EQ(old_creates[i].owner, new_creates[i].owner) << i;
  }
  const RunDetail old_run = simulate_teardown_detailed(s, Algorithm::kOld, 9, 2);
  const RunDetail new_run = simulate_teardown_detailed(s, Algorithm::kNew, 9, 2);
  const auto old_calls = calls_of(old_run, Role::kSubmitter, CallSite::kCancelMatch);
  ASSERT_EQ(old_calls.size(), 4u);
  EXPECT_EQ(old_calls[0].nodes, new_creates[0].depth);
  EXPECT_EQ(calls_of(new_run, Role::kSubmitter, CallSite::kCancelMatchAll)[0].nodes, 1003);
  // A different replication draws another layout.
  const RunContext other(s, Algorithm::kOld, 9, 3);
  std::vector<std::int64_t> depths_2, depths_3;
  for (const auto& m : old_creates) depths_2.push_back(m.depth);
  for (const auto& m : other.list().all_creates()) depths_3.push_back(m.depth);
  EXPECT_NE(depths_2, depths_3);
}

}  // namespace
}  // namespace twsim

namespace twsim {
namespace {

TEST(TeardownTest, HeadPushesLengthenLaterScansByTheExpectedCount) {
  // Given SEND_FD-style pushes at 1e6/s during teardown, the old submitter's
  // k-th call (all create_works at the head, cancel_cb 1 ms apart) must walk
  // past the ~1000 nodes pushed per ms since t = 0: its walk is 1 + (pushes
  // so far), with E[pushes by time t] = rate * t (Poisson). Averaged over
  // calls and replications, visited - 1 - rate * granted stays within 5
  // standard errors of 0 (sd of a Poisson count = sqrt(rate * t)).
  ScenarioConfig s = small_scenario();
  s.io_wq.workers = 20;
  s.io_wq.pending_create = 20;
  s.io_wq.exit = ExitKind::kThread;
  s.task_work.unrelated = 0;
  s.task_work.create_layout = CreateLayout::kNewest;
  s.task_work.add_rate_hz = 1e6;
  s.costs.cancel_cb_ns = 1'000'000;
  double diff_sum = 0, var_sum = 0;
  int n = 0;
  for (int rep = 0; rep < 30; ++rep) {
    RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 4, rep);
    auto calls = calls_of(d, Role::kSubmitter, CallSite::kCancelMatch);
    ASSERT_EQ(calls.size(), 21u);
    for (int k = 0; k < 20; ++k) {
      const double expected_pushes = 1e6 * ns_to_seconds(calls[k].granted);
      diff_sum += static_cast<double>(calls[k].nodes - 1) - expected_pushes;
      var_sum += expected_pushes;
      ++n;
    }
  }
  EXPECT_NEAR(diff_sum / n, 0.0, 5 * std::sqrt(var_sum) / n);
  // And without pushes every such call walks exactly one node.
  s.task_work.add_rate_hz = 0;
  RunDetail quiet = simulate_teardown_detailed(s, Algorithm::kOld, 4, 0);
  for (const LockCall& c : calls_of(quiet, Role::kSubmitter, CallSite::kCancelMatch)) {
    if (c.nodes != 0) {
      EXPECT_EQ(c.nodes, 1);
    }
  }
}

}  // namespace
}  // namespace twsim

namespace twsim {
namespace {

TEST(TeardownTest, HandoffTimeIsTheSumOfSameAndCrossSocketHandoffs) {
  // Given 2 sockets of 8 CPUs (socket = cpu / 8), handoff 100 ns on a socket
  // and 250 ns across, and 8 full scans (submitter + 7 workers, 10 us each)
  // reaching the lock at t = 0 on random CPUs: the lock is never idle until
  // the last scan, so the time not spent holding, last release - 8 x 10 us,
  // is the handoff total, and each gap between one release and the next grant
  // is 100 or 250 ns by the sockets of the two CPUs.
  ScenarioConfig s = small_scenario();
  s.machine.sockets = 2;
  s.lock.handoff_ns = 100;
  s.lock.remote_handoff_ns = 250;
  s.io_wq.workers = 7;
  int same_total = 0, cross_total = 0;
  for (int rep = 0; rep < 20; ++rep) {
    RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 6, rep);
    std::vector<LockCall> scans;
    for (const LockCall& c : d.lock_calls) {
      if (c.site == CallSite::kCancelMatch) scans.push_back(c);
    }
    ASSERT_EQ(scans.size(), 8u);
    int same = 0, cross = 0;
    for (std::size_t i = 1; i < scans.size(); ++i) {
      const bool remote = scans[i - 1].cpu / 8 != scans[i].cpu / 8;
      (remote ? cross : same) += 1;
      EXPECT_EQ(scans[i].granted - scans[i - 1].released, remote ? 250 : 100);
    }
    EXPECT_EQ(scans.front().granted, 0);
    EXPECT_EQ(scans.back().released - 8 * 10'000, same * 100 + cross * 250) << "rep " << rep;
    same_total += same;
    cross_total += cross;
  }
  // Random placement over 2 sockets: both kinds occur.
  EXPECT_GT(same_total, 0);
  EXPECT_GT(cross_total, 0);
}

}  // namespace
}  // namespace twsim
