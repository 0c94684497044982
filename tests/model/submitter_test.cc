// The submitter's drain: io_uring_cancel_generic's task_work_run detaches the
// whole list, passes the pi_lock barrier and runs the works, after which every
// cancel walk meets an empty list and returns without pi_lock
// (task_work.drain_us; docs/kernel-facts.md C3, §1.3, §1.4).
#include "sim/model/submitter.h"

#include <gtest/gtest.h>

#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

// Thread exit, 4 idle workers, 2 of them with a create_work among the 1000
// unrelated nodes, drained at t = 0.
ScenarioConfig drain_scenario() {
  ScenarioConfig s = hand_worked_scenario(4);
  s.io_wq.pending_create = 2;
  s.io_wq.exit = ExitKind::kThread;
  s.task_work.drain_us = 0;
  return s;
}

TEST(SubmitterTest, AfterADrainNoWalkerTakesTheLock) {
  // By hand: the barrier is granted at once (nobody walks) and holds 0 ns.
  // The 1002 detached works run: 1000 x 100 ns + 2 create_worker_cb x 300 ns
  // = 100.6 us. Then io_wq_cancel_tw_create (old: task_work_cancel_match;
  // new: _match_all) finds task_work_pending() false and takes no lock; the
  // woken workers' cancels (old: all four; new: none, their create_state bits
  // were cleared by create_worker_cb) do the same. Each worker exits in 20 us
  // and the last one's complete(&worker_done) takes pi_lock for 400 ns:
  // teardown = 100,600 + 20,000 + 400 = 121,000 ns, 2 acquisitions, no node
  // visited under the lock.
  for (Algorithm a : {Algorithm::kOld, Algorithm::kNew}) {
    for (int rep = 0; rep < 5; ++rep) {
      const RunDetail d = simulate_teardown_detailed(drain_scenario(), a, 3, rep);
      ASSERT_EQ(d.lock_calls.size(), 2u) << to_string(a);
      EXPECT_EQ(d.lock_calls[0].site, CallSite::kTaskWorkRun);
      EXPECT_EQ(d.lock_calls[0].called, 0);
      EXPECT_EQ(d.lock_calls[0].released, 0);
      EXPECT_EQ(d.lock_calls[1].site, CallSite::kTtwu);
      EXPECT_EQ(d.metrics.nodes_visited, 0);
      EXPECT_TRUE(d.metrics.teardown_complete);
      EXPECT_EQ(d.metrics.teardown_ns, 121'000) << to_string(a) << " rep " << rep;
    }
  }
}

TEST(SubmitterTest, CancelStartDelaysTheSubmitterPastTheDrain) {
  // Drain at 10 us, cancel at 500 us: the works end at 110.6 us, the cancel
  // waits until 500 us, and the teardown ends 20.4 us after it.
  ScenarioConfig s = drain_scenario();
  s.task_work.drain_us = 10;
  s.io_wq.cancel_start_us = 500;
  const RunDetail d = simulate_teardown_detailed(s, Algorithm::kOld, 3, 0);
  EXPECT_EQ(d.lock_calls[0].called, 10'000);
  EXPECT_EQ(d.metrics.teardown_ns, 520'400);
}

TEST(SubmitterTest, NoDrainByDefault) {
  const RunDetail d = simulate_teardown_detailed(hand_worked_scenario(4), Algorithm::kOld, 7, 0);
  for (const LockCall& c : d.lock_calls) EXPECT_NE(c.site, CallSite::kTaskWorkRun);
  EXPECT_EQ(d.metrics.lock_acquisitions, 1 + 4 + 1);
}

}  // namespace
}  // namespace twsim
