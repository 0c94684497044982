// Machine-wide interrupts-off exposure (RunMetrics::irqoff_*) against
// stretches worked out by hand from the queue rule of
// TeardownTest.SimultaneousFullScansQueueInSteps: 5 threads reach the free
// lock at t = 0 and each walks the whole list (hold s), handoff h = 100 ns;
// the j-th spins (j-1)(s+h) and its stretch is (j-1)(s+h) + s. The last
// worker's io_worker_ref_put then wakes the submitter under pi_lock: one more
// stretch of the 400 ns ttwu hold (costs.worker_exit_ns = 20 us after its walk).
#include <gtest/gtest.h>

#include "sim/model/teardown.h"
#include "sim/scenario/irqoff_histogram.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

TEST(ExposureTest, TotalsPercentilesAndCountsOfFiveQueuedWalks) {
  const RunMetrics m = simulate_teardown(hand_worked_scenario(4), Algorithm::kOld, 1, 0);
  // s = 1000 nodes x 10 ns: stretches 10,000, 20,100, 30,200, 40,300, 50,400 and 400.
  EXPECT_EQ(m.irqoff_stretches, 6);
  EXPECT_EQ(m.irqoff_cpu_ns, 10'000 + 20'100 + 30'200 + 40'300 + 50'400 + 400);
  // Nearest rank of the sorted six: p50 is the 3rd, p90 and p99 the 6th.
  EXPECT_EQ(m.irqoff_p50_ns, 20'100);
  EXPECT_EQ(m.irqoff_p90_ns, 50'400);
  EXPECT_EQ(m.irqoff_p99_ns, 50'400);
  EXPECT_EQ(m.irqoff_cpus_10ms, 0);
  std::int64_t counted = 0;
  for (const std::int64_t c : m.irqoff_histogram.counts) counted += c;
  EXPECT_EQ(counted, 6);
  // 10^4 ns is edge 20, so 10,000 opens bin 21; 400 ns lies in [10^2.6, 10^2.7).
  EXPECT_EQ(m.irqoff_histogram.counts[21], 1);
  EXPECT_EQ(m.irqoff_histogram.counts[7], 1);
}

TEST(ExposureTest, CpusAreCountedByTheirLongestStretch) {
  // 10,000 nodes x 10 us: every walk is s = 100 ms, so the five stretches are
  // 100 ms .. 400.0004 ms + 100 ms: all five CPUs pass 10 ms and 100 ms, none 1 s.
  ScenarioConfig s = hand_worked_scenario(4);
  s.task_work.unrelated = 10'000;
  s.costs.node_visit_ns = 10'000;
  const RunMetrics m = simulate_teardown(s, Algorithm::kOld, 1, 0);
  EXPECT_EQ(m.irqoff_cpus_10ms, 5);
  EXPECT_EQ(m.irqoff_cpus_100ms, 5);
  EXPECT_EQ(m.irqoff_cpus_1s, 0);
  // The 5th stretch: 4 x (100 ms + 100 ns) + 100 ms.
  EXPECT_EQ(m.max_irqoff_ns, 5 * 100'000'000 + 4 * 100);
}

TEST(ExposureTest, HistogramEdgesAreTenPerDecadeFrom100ns) {
  EXPECT_EQ(IrqOffHistogram::edge(0), 100);
  EXPECT_EQ(IrqOffHistogram::edge(10), 1'000);
  EXPECT_EQ(IrqOffHistogram::edge(3), 200);  // 10^2.3 = 199.5
  EXPECT_EQ(IrqOffHistogram::edge(100), 1'000'000'000'000);
  EXPECT_EQ(IrqOffHistogram::edge(IrqOffHistogram::kBins - 2), 10'000'000'000'000);
  EXPECT_EQ(IrqOffHistogram::bin_of(99), 0);
  EXPECT_EQ(IrqOffHistogram::bin_of(100), 1);
  EXPECT_EQ(IrqOffHistogram::bin_of(999), 10);
  EXPECT_EQ(IrqOffHistogram::bin_of(1'000), 11);
  EXPECT_EQ(IrqOffHistogram::bin_of(kNever), IrqOffHistogram::kBins - 1);
}

}  // namespace
}  // namespace twsim
