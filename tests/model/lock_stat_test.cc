// The /proc/lock_stat counters of a run against the run's own
// per-acquisition records, summed independently here.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/model/teardown.h"

namespace twsim {
namespace {

TEST(LockStatTest, TotalsEqualTheSumsOfTheAcquisitions) {
  ScenarioConfig s;
  s.machine = {32, 2, 2.1, 2.1};
  s.task_work.unrelated = 5000;
  s.io_wq.workers = 64;
  s.io_wq.pending_create = 16;
  s.background.wakeups_hz = 2000;
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

}  // namespace
}  // namespace twsim
