#include "sim/model/background.h"

#include <gtest/gtest.h>

#include <vector>

#include "sim/model/teardown.h"
#include "sim/stats/stats.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

TEST(BackgroundTest, PoissonWakeupsAloneMatchTheMD1MeanWait) {
  // Given only background try_to_wake_up calls on pi_lock (Poisson at
  // lambda = 1e5/s, fixed hold s = 5 us, no handoff cost) for ~2 s, then the
  // mean wait is the M/D/1 value W_q = rho s / (2 (1 - rho)) with rho = 0.5:
  // 2.5 us (docs/calibration.md §4.1), inside the 95% interval over replications.
  ScenarioConfig s;
  s.machine = {64, 1, 2.1, 2.1};
  s.lock = {LockKind::kQspinlock, 0, 0};
  s.task_work.unrelated = 0;
  s.io_wq.workers = 1;  // keeps the teardown open for worker_exit_ns
  s.io_wq.pending_create = 0;
  s.costs.worker_exit_ns = 2'000'000'000;
  s.background.wakeups_hz = 1e5;
  s.background.wakeup_hold_ns = 5'000;
  std::vector<double> mean_waits;
  for (int rep = 0; rep < 12; ++rep) {
    RunDetail d = simulate_teardown_detailed(s, Algorithm::kNew, 8, rep);
    double sum = 0;
    int n = 0;
    for (const LockCall& c : d.lock_calls) {
      if (c.role != Role::kBackground) continue;
      sum += static_cast<double>(c.granted - c.called);
      ++n;
    }
    ASSERT_GT(n, 150000);  // ~2e5 arrivals
    mean_waits.push_back(sum / n);
  }
  const double rho = 1e5 * 5e-6;
  const double expected = rho * 5000 / (2 * (1 - rho));
  const MeanCi ci = mean_ci95(mean_waits);
  EXPECT_LE(ci.ci.lo, expected);
  EXPECT_GE(ci.ci.hi, expected);
  EXPECT_NEAR(ci.mean, expected, 0.05 * expected);
}

TEST(BackgroundTest, ARateTooLowToFitInTimeMeansNoWakeup) {
  // 1e-12 Hz: a mean gap of 1e21 ns, past int64 time. No wakeup falls inside
  // the horizon, so the run is the run without background wakeups.
  ScenarioConfig s = hand_worked_scenario(4);
  const RunMetrics without = simulate_teardown(s, Algorithm::kOld, 3, 0);
  s.background.wakeups_hz = 1e-12;
  const RunMetrics with = simulate_teardown(s, Algorithm::kOld, 3, 0);
  EXPECT_EQ(with.lock_acquisitions, without.lock_acquisitions);
  EXPECT_EQ(with.teardown_ns, without.teardown_ns);
}

}  // namespace
}  // namespace twsim