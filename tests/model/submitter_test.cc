// The submitter's path through task_work_run's pi_lock barrier
// (task_work.run_barrier; kernel-facts §1.4 step 2, §2.6 step 3).
#include "sim/model/submitter.h"

#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

// Old algorithm, 4 workers with no create_work each scanning the whole
// 1000-node list (s = 10 us) from t = 0, handoff h = 100 ns.
ScenarioConfig barrier_scenario(bool barrier) {
  ScenarioConfig s = hand_worked_scenario(4);
  s.task_work.run_barrier = barrier;
  return s;
}

TEST(SubmitterTest, RunBarrierQueuesBehindTheWalksAheadOfIt) {
  // Given the submitter's barrier (an empty raw_spin_lock_irq/unlock) reaching
  // pi_lock at t = 0 with 4 workers' full scans, then with j scans ahead of it
  // (its place in the tie order) it waits j(s + h) and holds 0 ns, so its
  // interrupts-off stretch is exactly its wait (calibration.md §4.3). Its
  // io_wq_cancel_tw_create call comes right after the unlock and queues
  // behind the 4 - j scans left: (4 - j)(s + h) + h when 4 - j > 0.
  const Ns s = 10'000, h = 100;
  std::set<int> places;
  for (int rep = 0; rep < 40; ++rep) {
    const RunDetail d = simulate_teardown_detailed(barrier_scenario(true), Algorithm::kOld, 7, rep);
    const LockCall* barrier = nullptr;
    const LockCall* cancel = nullptr;
    int ahead = 0;
    for (const LockCall& c : d.lock_calls) {
      if (c.site == CallSite::kTaskWorkRun) barrier = &c;
      if (c.role == Role::kSubmitter && c.site == CallSite::kCancelMatch) cancel = &c;
    }
    ASSERT_NE(barrier, nullptr);
    ASSERT_NE(cancel, nullptr);
    for (const LockCall& c : d.lock_calls) {
      if (c.role == Role::kWorker && c.granted < barrier->granted) ++ahead;
    }
    places.insert(ahead);
    EXPECT_EQ(barrier->role, Role::kSubmitter);
    EXPECT_EQ(barrier->called, 0);
    EXPECT_EQ(barrier->nodes, 0);
    EXPECT_EQ(barrier->released, barrier->granted);
    EXPECT_EQ(barrier->granted - barrier->called, ahead * (s + h)) << "rep " << rep;
    const auto& stretches = d.activity[barrier->cpu].irq_off;
    ASSERT_FALSE(stretches.empty());
    EXPECT_EQ(stretches[0].end - stretches[0].start, ahead * (s + h));
    EXPECT_EQ(cancel->called, barrier->released);
    if (ahead >= 1 && ahead < 4) {
      EXPECT_EQ(cancel->granted - cancel->called, (4 - ahead) * (s + h) + h) << "rep " << rep;
    } else if (ahead == 4) {
      EXPECT_EQ(cancel->granted, cancel->called);  // the lock is free
    }
    // One more acquisition than without the barrier, and it is no cancel:
    // the cancel-hold percentiles do not see its 0 ns hold.
    EXPECT_EQ(d.metrics.lock_acquisitions, 1 + 1 + 4 + 1);
    EXPECT_EQ(d.metrics.cancel_hold_p50_ns, s);
  }
  EXPECT_GE(places.size(), 3u);  // the tie order put it at several places
}

TEST(SubmitterTest, NoBarrierByDefault) {
  const RunDetail d = simulate_teardown_detailed(barrier_scenario(false), Algorithm::kOld, 7, 0);
  for (const LockCall& c : d.lock_calls) EXPECT_NE(c.site, CallSite::kTaskWorkRun);
  EXPECT_EQ(d.metrics.lock_acquisitions, 1 + 4 + 1);
}

}  // namespace
}  // namespace twsim
