// The /proc/lock_stat counters of a run against the run's own
// per-acquisition records, summed independently here.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/model/teardown.h"

namespace twsim {
namespace {

// Two sockets, 64 workers, pending creates and background wakeups: every
// caller takes the lock, and many wait.
ScenarioConfig contended_scenario() {
  ScenarioConfig s;
  s.machine = {32, 2, 2.1, 2.1};
  s.task_work.unrelated = 5000;
  s.io_wq.workers = 64;
  s.io_wq.pending_create = 16;
  s.background.wakeups_hz = 2000;
  return s;
}

TEST(LockStatTest, TotalsEqualTheSumsOfTheAcquisitions) {
  const ScenarioConfig s = contended_scenario();
  for (Algorithm a : {Algorithm::kOld, Algorithm::kNew}) {
    const RunDetail d = simulate_teardown_detailed(s, a, 3, 1);
    const LockStat& st = d.metrics.lock_stat;
    std::int64_t contentions = 0, by_site[kCallSites] = {};
    Ns wait_total = 0, hold_total = 0, wait_max = 0, hold_max = 0;
    Ns wait_min = INT64_MAX, hold_min = INT64_MAX;
    for (const LockCall& c : d.lock_calls) {
      const Ns wait = c.granted - c.called, hold = c.released - c.granted;
      hold_total += hold;
      hold_max = std::max(hold_max, hold);
      hold_min = std::min(hold_min, hold);
      if (wait > 0) {
        ++contentions;
        ++by_site[static_cast<int>(c.site)];
        wait_total += wait;
        wait_max = std::max(wait_max, wait);
        wait_min = std::min(wait_min, wait);
      }
    }
    EXPECT_EQ(st.acquisitions, static_cast<std::int64_t>(d.lock_calls.size()));
    EXPECT_EQ(st.contentions, contentions);
    EXPECT_EQ(st.wait_total_ns, wait_total);
    EXPECT_EQ(st.wait_max_ns, wait_max);
    EXPECT_EQ(st.wait_min_ns, wait_min);
    EXPECT_EQ(st.hold_total_ns, hold_total);
    EXPECT_EQ(st.hold_max_ns, hold_max);
    EXPECT_EQ(st.hold_min_ns, hold_min);
    for (int i = 0; i < kCallSites; ++i) EXPECT_EQ(st.contentions_by_site[i], by_site[i]);
    EXPECT_EQ(d.metrics.contended_acquisitions, contentions);
    EXPECT_GT(contentions, 0);
  }
}

TEST(LockStatTest, BouncesHolderPointsAndCallersFollowLockdep) {
  // Recomputed here from the run's acquisitions in grant order, as
  // kernel/locking/lockdep.c does it: lock->cpu and lock->ip are the CPU and
  // call site of the latest acquisition; __lock_contended (at the lock call,
  // when the lock is busy) counts a con-bounce if lock->cpu is another CPU and
  // a contending point at lock->ip; __lock_acquired counts an acq-bounce if
  // lock->cpu is another CPU (the run's first acquisition has no predecessor).
  const ScenarioConfig s = contended_scenario();
  for (Algorithm a : {Algorithm::kOld, Algorithm::kNew}) {
    const RunDetail d = simulate_teardown_detailed(s, a, 3, 1);
    std::vector<LockCall> calls = d.lock_calls;
    std::stable_sort(calls.begin(), calls.end(),
                     [](const LockCall& x, const LockCall& y) { return x.granted < y.granted; });
    std::int64_t con_bounces = 0, acq_bounces = 0, contending[kCallSites] = {};
    LockCaller by_fn[kKernelFns] = {};
    for (std::size_t i = 0; i < calls.size(); ++i) {
      const LockCall& c = calls[i];
      if (i > 0 && calls[i - 1].cpu != c.cpu) ++acq_bounces;
      const Ns wait = c.granted - c.called, hold = c.released - c.granted;
      LockCaller& f = by_fn[static_cast<int>(c.fn)];
      ++f.acquisitions;
      f.hold_total_ns += hold;
      f.hold_max_ns = std::max(f.hold_max_ns, hold);
      if (wait == 0) continue;
      ++f.contentions;
      f.wait_total_ns += wait;
      f.wait_max_ns = std::max(f.wait_max_ns, wait);
      std::size_t h = i;  // the latest acquisition before the call
      while (h > 0 && calls[h - 1].granted > c.called) --h;
      ASSERT_GT(h, 0u);
      const LockCall& holder = calls[h - 1];
      ++contending[static_cast<int>(holder.site)];
      if (holder.cpu != c.cpu) ++con_bounces;
    }
    const LockStat& st = d.metrics.lock_stat;
    EXPECT_EQ(st.con_bounces, con_bounces) << to_string(a);
    EXPECT_EQ(st.acq_bounces, acq_bounces) << to_string(a);
    for (int i = 0; i < kCallSites; ++i) EXPECT_EQ(st.contending_by_site[i], contending[i]) << i;
    for (int i = 0; i < kKernelFns; ++i) {
      EXPECT_EQ(st.by_caller[i].acquisitions, by_fn[i].acquisitions) << i;
      EXPECT_EQ(st.by_caller[i].contentions, by_fn[i].contentions) << i;
      EXPECT_EQ(st.by_caller[i].wait_total_ns, by_fn[i].wait_total_ns) << i;
      EXPECT_EQ(st.by_caller[i].wait_max_ns, by_fn[i].wait_max_ns) << i;
      EXPECT_EQ(st.by_caller[i].hold_total_ns, by_fn[i].hold_total_ns) << i;
      EXPECT_EQ(st.by_caller[i].hold_max_ns, by_fn[i].hold_max_ns) << i;
    }
    // Workers exiting in io_worker_exit take the lock most; try_to_wake_up
    // (the background wakeups) too; nobody is "none".
    EXPECT_GT(st.by_caller[static_cast<int>(KernelFn::kIoWorkerExit)].acquisitions, 0);
    EXPECT_GT(st.by_caller[static_cast<int>(KernelFn::kTryToWakeUp)].acquisitions, 0);
    EXPECT_EQ(st.by_caller[static_cast<int>(KernelFn::kNone)].acquisitions, 0);
    EXPECT_GT(con_bounces, 0);
  }
}

}  // namespace
}  // namespace twsim
