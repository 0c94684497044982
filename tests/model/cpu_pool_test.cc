#include "sim/model/cpu_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

TEST(CpuPoolTest, CpusetThreadsRunOnlyOnTheFirstKCpus) {
  // Given 8 CPUs with a cpuset of 3, then 5 cpuset threads get CPUs 0..2 and
  // two wait; a thread that may run anywhere takes a CPU outside the set; a
  // released CPU of the set goes to the longest-waiting cpuset thread.
  Simulator sim;
  CpuPool pool(&sim, 8, 3, RandomStream(1, 0, "placement"));
  std::vector<int> started;
  for (int i = 0; i < 5; ++i) {
    pool.run_when_free(Affinity::kCpuset, [&, i](int cpu) { started.push_back(i * 100 + cpu); });
  }
  sim.run_until(0);
  ASSERT_EQ(started.size(), 3u);
  for (int v : started) EXPECT_LT(v % 100, 3);
  EXPECT_EQ(pool.waiting(), 2);
  int any_cpu = -1;
  pool.run_when_free(Affinity::kAny, [&](int cpu) { any_cpu = cpu; });
  sim.run_until(0);
  EXPECT_GE(any_cpu, 3);
  pool.release(any_cpu);  // outside the set: no cpuset thread may take it
  sim.run_until(0);
  EXPECT_EQ(pool.waiting(), 2);
  pool.release(started[0] % 100);
  sim.run_until(0);
  ASSERT_EQ(started.size(), 4u);
  EXPECT_EQ(started[3], 300 + started[0] % 100);  // thread 3, first in line
}

TEST(CpuPoolTest, AnyThreadWaitingLongerGetsAReleasedCpusetCpu) {
  // Given every CPU busy and an "any" thread waiting before a cpuset thread,
  // then a released CPU of the set goes to the "any" thread (FIFO).
  Simulator sim;
  CpuPool pool(&sim, 2, 1, RandomStream(1, 0, "placement"));
  std::vector<int> order;
  pool.run_when_free(Affinity::kCpuset, [&](int) { order.push_back(0); });
  pool.run_when_free(Affinity::kAny, [&](int) { order.push_back(1); });
  pool.run_when_free(Affinity::kAny, [&](int) { order.push_back(2); });
  pool.run_when_free(Affinity::kCpuset, [&](int) { order.push_back(3); });
  sim.run_until(0);
  EXPECT_EQ(order, (std::vector<int>{0, 1}));
  pool.release(0);
  sim.run_until(0);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2}));
  pool.release(0);
  sim.run_until(0);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

// 12 old workers with no create_work, each making one full scan of 1000
// nodes (s = 10 us) at t = 0, handoff h = 100 ns, on 16 CPUs.
ScenarioConfig scanners(int cpus_allowed) {
  ScenarioConfig s = hand_worked_scenario(12);
  s.io_wq.cpus_allowed = cpus_allowed;
  return s;
}

TEST(CpuPoolTest, CpusetBoundsHowManyContendAtOnce) {
  // Given a cpuset of K = 4 CPUs, then the submitter and at most 3 workers run
  // at once; the rest wait for a CPU, not for the lock. At most K CPUs ever
  // contend, each with one request, so a newcomer has at most K-1 requests
  // ahead (docs/calibration.md §4.3's FIFO bound, s_max = s: the ttwu hold of
  // 400 ns is shorter). The worst case is to arrive just as the lock is
  // handed to one of them: h + (K-1) sections and K-1 more handoffs (the last
  // to itself), (K-1)(s + h) + h = 3 x 10100 + 100 = 30400 ns; this happens
  // when a worker takes the CPU another just left, right after its unlock.
  // The 4 that arrive together at t = 0 give at least 3(s + h) = 30300.
  // Every acquisition is on CPUs 0..3. Without a cpuset all 13 arrive at
  // t = 0 and nobody comes later: the last waits exactly 12 x 10100.
  for (int rep = 0; rep < 10; ++rep) {
    const RunDetail d = simulate_teardown_detailed(scanners(4), Algorithm::kOld, 2, rep);
    EXPECT_GE(d.metrics.max_lock_wait_ns, 3 * 10'100) << rep;
    EXPECT_LE(d.metrics.max_lock_wait_ns, 3 * 10'100 + 100) << rep;
    for (const LockCall& c : d.lock_calls) EXPECT_LT(c.cpu, 4);
    EXPECT_EQ(d.metrics.lock_acquisitions, 1 + 12 + 1);  // submitter, workers, final ttwu
    EXPECT_TRUE(d.metrics.teardown_complete);
    const RunDetail all = simulate_teardown_detailed(scanners(0), Algorithm::kOld, 2, rep);
    EXPECT_EQ(all.metrics.max_lock_wait_ns, 12 * 10'100) << rep;
  }
}

TEST(CpuPoolTest, SingleCpuCpusetSerialisesEverything) {
  // Given K = 1, then the submitter runs its scan (10 us) and sleeps; the 12
  // workers then run one after another on CPU 0, each scanning (10 us) and
  // exiting (20 us): nobody ever waits for the lock, and the teardown ends
  // when the last worker's reference put wakes the submitter (ttwu, 400 ns
  // hold): 10 us + 12 x 30 us + 400 ns = 370.4 us.
  const RunDetail d = simulate_teardown_detailed(scanners(1), Algorithm::kOld, 2, 0);
  EXPECT_EQ(d.metrics.max_lock_wait_ns, 0);
  EXPECT_EQ(d.metrics.contended_acquisitions, 0);
  EXPECT_EQ(d.metrics.teardown_ns, 10'000 + 12 * 30'000 + 400);
}

}  // namespace
}  // namespace twsim
