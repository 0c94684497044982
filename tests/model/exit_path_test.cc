// The exit path against hand-worked scenarios (docs/kernel-facts.md C1-C4): who
// holds a create_work, who runs first, when the list is empty, and where a
// stretch ends. Every expected number is worked out in the comment above it
// from hand_worked_scenario()'s round numbers (walk 10 ns per node over 1000
// unrelated nodes = 10 us, unlink 30 ns, cancel_cb 300 ns, worker exit 20 us,
// handoff 100 ns, complete(&worker_done)'s try_to_wake_up 400 ns).
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

// The longest interrupts-off stretch of the run, by CPU activity.
Ns longest_stretch(const RunDetail& d) {
  Ns longest = 0;
  for (const CpuActivity& a : d.activity) {
    for (const IrqOffStretch& s : a.irq_off) longest = std::max(longest, s.end - s.start);
  }
  return longest;
}

// Group exit, 4 workers, 2 live creates at the head (depths 1 and 2).
ScenarioConfig two_live_creates(double cancel_start_us) {
  ScenarioConfig s = hand_worked_scenario(4);
  s.io_wq.pending_create = 2;
  s.task_work.create_layout = CreateLayout::kNewest;
  s.io_wq.cancel_start_us = cancel_start_us;
  return s;
}

TEST(ExitPathTest, GroupExitTwoLiveCreatesFixWorstStretchIsOnePass) {
  // SIGKILL wakes all 4 workers at t = 0; the submitter reaches
  // io_wq_cancel_tw_create at 100 us. New: the two workers whose create_state
  // bit is set each walk to their own node: the first to get the lock walks 1
  // or 2 nodes (+ 30 ns unlink: 40 or 50 ns), the other then finds its node at
  // the head (40 ns) after a 100 ns handoff: 190 ns at most. The other two
  // skip. At 100 us the list holds the 1000 unrelated nodes and
  // no create: one task_work_cancel_match_all walks them, 10,000 ns, on a free
  // lock. The worst stretch is that one pass.
  for (int rep = 0; rep < 10; ++rep) {
    const RunDetail d = simulate_teardown_detailed(two_live_creates(100), Algorithm::kNew, 5, rep);
    EXPECT_EQ(longest_stretch(d), 10'000) << "rep " << rep;
    int worker_walks = 0;
    for (const LockCall& c : d.lock_calls) {
      if (c.role == Role::kWorker && c.site == CallSite::kCancelMatch) {
        ++worker_walks;
        EXPECT_LE(c.nodes, 2);
        EXPECT_LE(c.released - c.called, 190);
      }
    }
    EXPECT_EQ(worker_walks, 2);
  }
}

TEST(ExitPathTest, SubmitterFirstMakesTheFixWalkUpToThreePasses) {
  // The same with the submitter at t = 0, racing the workers' calls: a worker
  // whose bit is still set when the submitter's single pass has unlinked its
  // node walks the whole list (1000 nodes) behind it. So the worst stretch is
  // more than one pass in some replications, and never above three passes
  // plus three handoffs and unlinks (30,390 ns).
  Ns worst = 0;
  for (int rep = 0; rep < 20; ++rep) {
    const RunDetail d = simulate_teardown_detailed(two_live_creates(0), Algorithm::kNew, 5, rep);
    worst = std::max(worst, longest_stretch(d));
    EXPECT_LE(longest_stretch(d), 3 * 10'000 + 3 * 100 + 3 * 30);
  }
  EXPECT_GT(worst, 10'060);
}

TEST(ExitPathTest, ThreadExitNewWorkersSkipTheWalk) {
  // Thread exit: the idle workers sleep until io_wq_worker_wake. New: the
  // submitter's pass walks 1002 nodes (10,020 ns) and unlinks 2 (60 ns), then
  // runs 2 io_worker_cancel_cb (600 ns) and wakes the workers, whose
  // create_state bits are now clear: none takes pi_lock. They exit in 20 us;
  // the last one's complete() holds pi_lock 400 ns. Teardown: 10,080 + 600 +
  // 20,000 + 400 = 31,080 ns, 2 acquisitions.
  ScenarioConfig s = two_live_creates(0);
  s.io_wq.exit = ExitKind::kThread;
  s.task_work.create_layout = CreateLayout::kUniform;
  for (int rep = 0; rep < 5; ++rep) {
    const RunDetail d = simulate_teardown_detailed(s, Algorithm::kNew, 5, rep);
    ASSERT_EQ(d.lock_calls.size(), 2u);
    EXPECT_EQ(d.lock_calls[0].site, CallSite::kCancelMatchAll);
    EXPECT_EQ(d.lock_calls[0].nodes, 1002);
    EXPECT_EQ(d.lock_calls[1].site, CallSite::kTtwu);
    EXPECT_EQ(d.metrics.teardown_ns, 31'080);
  }
}

TEST(ExitPathTest, RunningWorkersExitAtOnceOnAThreadExit) {
  // Thread exit with 2 of 4 workers running cancelable work: io_wq_cancel_cb
  // signals them and they see IO_WQ_BIT_EXIT (set first thing by
  // io_uring_cancel_generic), so with the old algorithm they start their
  // walks at t = 0, racing the submitter; the 2 idle ones wait for
  // io_wq_worker_wake after the cancel. So exactly 2 worker lock calls start
  // at t = 0 and 2 start after the submitter's last cancel call ends.
  ScenarioConfig s = hand_worked_scenario(4);
  s.io_wq.exit = ExitKind::kThread;
  s.io_wq.running_workers = 2;
  const RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 5, 0);
  Ns submitter_done = 0;
  for (const LockCall& c : d.lock_calls) {
    if (c.role == Role::kSubmitter) submitter_done = std::max(submitter_done, c.released);
  }
  int at_zero = 0, after = 0;
  for (const LockCall& c : d.lock_calls) {
    if (c.role != Role::kWorker || c.site != CallSite::kCancelMatch) continue;
    if (c.called == 0) ++at_zero;
    if (c.called >= submitter_done) ++after;
  }
  EXPECT_EQ(at_zero, 2);
  EXPECT_EQ(after, 2);
}

TEST(ExitPathTest, AnEmptyListTakesNoLock) {
  // No node at all: both cancel functions find task_work_pending() false and
  // return without pi_lock, for the submitter and every old worker alike. The
  // only acquisition is complete(&worker_done)'s try_to_wake_up.
  ScenarioConfig s = hand_worked_scenario(4);
  s.task_work.unrelated = 0;
  for (Algorithm a : {Algorithm::kOld, Algorithm::kNew}) {
    const RunDetail d = simulate_teardown_detailed(s, a, 5, 0);
    ASSERT_EQ(d.lock_calls.size(), 1u) << to_string(a);
    EXPECT_EQ(d.lock_calls[0].site, CallSite::kTtwu);
    EXPECT_EQ(d.metrics.nodes_visited, 0);
  }
}

TEST(ExitPathTest, CreateContItemsAreCancelledOnlyByTheSubmitter) {
  // 3 create_worker_cont items at the head of 1000 unrelated nodes, no live
  // worker. Old: one task_work_cancel_match per item (1 node + unlink = 40 ns,
  // then io_worker_cancel_cb 300 ns) and a final full walk of 1000 nodes:
  // 3 x 340 + 10,000 = 11,020 ns, 4 acquisitions. New: one walk of 1003 nodes
  // (10,030) + 3 unlinks (90) + 3 callbacks (900) = 11,020 ns, 1 acquisition.
  ScenarioConfig s = hand_worked_scenario(0);
  s.io_wq.create_cont = 3;
  s.task_work.create_layout = CreateLayout::kNewest;
  const RunMetrics old_run = simulate_teardown(s, Algorithm::kOld, 5, 0);
  const RunMetrics new_run = simulate_teardown(s, Algorithm::kNew, 5, 0);
  EXPECT_EQ(old_run.teardown_ns, 11'020);
  EXPECT_EQ(old_run.lock_acquisitions, 4);
  EXPECT_EQ(new_run.teardown_ns, 11'020);
  EXPECT_EQ(new_run.lock_acquisitions, 1);
}

TEST(ExitPathTest, AWorkerWaitsForTheCallbackOfACreateSomeoneElseTook) {
  // Group exit, 1 worker with a live create queued before the 1000 unrelated
  // nodes (depth 1001), a drain at t = 0. The drain detaches everything, so
  // the worker (SIGKILLed at t = 0) finds an empty list and takes no lock, but
  // io_worker_exit's wait_for_completion(&worker->ref_done) holds it until
  // create_worker_cb has run: after the 1000 works before it (100 ns each)
  // and its own 300 ns, at 100,300 ns. It then exits in 20 us and its
  // complete() holds pi_lock 400 ns: 120,700 ns. The submitter's cancel, at
  // 100,300 ns too, meets an empty list.
  ScenarioConfig s = hand_worked_scenario(1);
  s.io_wq.pending_create = 1;
  s.task_work.drain_us = 0;
  s.task_work.create_layout = CreateLayout::kOldest;
  const RunMetrics m = simulate_teardown(s, Algorithm::kOld, 5, 0);
  EXPECT_EQ(m.teardown_ns, 120'700);
  EXPECT_EQ(m.nodes_visited, 0);
}

TEST(ExitPathTest, ReportsNameTheRoleAndFunction) {
  // One submitter walking 201,000,000 nodes at 100 ns = 20.1 s with
  // interrupts off on a free lock: the perf detector reports it for certain
  // (two accepted NMIs fall in any 20 s stretch), on the submitter's CPU, in
  // io_wq_cancel_tw_create.
  ScenarioConfig s = hand_worked_scenario(0);
  s.task_work.unrelated = 201'000'000;
  s.costs.node_visit_ns = 100;
  const RunMetrics m = simulate_teardown(s, Algorithm::kNew, 5, 0);
  ASSERT_GE(m.hard_lockups, 1);
  EXPECT_EQ(m.first_hard.role, Role::kSubmitter);
  EXPECT_EQ(m.first_hard.fn, KernelFn::kIoWqCancelTwCreate);
  EXPECT_EQ(m.first_hard.cpu, m.max_irqoff_cpu);
  EXPECT_EQ(m.hard_lockups_submitter, m.hard_lockups);
  EXPECT_EQ(m.hard_lockups_worker, 0);
}

// The seed reproducer's point at 384 CPUs (1536 workers).
ScenarioConfig seed_point_at_384() {
  ScenarioConfig s = seed_reproducer_scenario();
  s.machine.cpus = 384;
  s.io_wq.workers = 1536;
  return s;
}

TEST(ExitPathTest, HandOversAt384CpusAreNoSoftLockupOrRcuStall) {
  // Old teardown: ~383 full walks of 40 ms queue, so each waiter spins about
  // 15.3 s, and when it exits the next worker on its CPU calls
  // raw_spin_lock_irqsave at the same instant and spins as long again. Each
  // stretch is under the soft-lockup threshold (20 s) and the RCU timeout
  // (26 s); the context switch between them is a scheduling point, so
  // neither detector may report, though back to back the CPU has interrupts
  // off for over 26 s.
  const ScenarioConfig s = seed_point_at_384();
  for (int rep = 0; rep < 5; ++rep) {
    const RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 1, rep);
    EXPECT_EQ(d.metrics.soft_lockups, 0) << rep;
    EXPECT_EQ(d.metrics.rcu_stalls, 0) << rep;
    EXPECT_LT(longest_stretch(d), 20 * kNsPerSec);
    // The case the rule is for: some CPU has back-to-back stretches of two
    // threads lasting together longer than the RCU timeout.
    Ns longest_run = 0;
    for (const CpuActivity& a : d.activity) {
      Ns run = 0;
      for (std::size_t i = 0; i < a.irq_off.size(); ++i) {
        const bool joined = i > 0 && a.irq_off[i - 1].end == a.irq_off[i].start;
        run = (joined ? run : 0) + (a.irq_off[i].end - a.irq_off[i].start);
        longest_run = std::max(longest_run, run);
      }
    }
    EXPECT_GT(longest_run, 26 * kNsPerSec) << rep;
  }
}

}  // namespace
}  // namespace twsim
