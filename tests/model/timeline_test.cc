#include "sim/model/timeline.h"

#include <gtest/gtest.h>

#include "sim/model/teardown.h"
#include "tests/model/model_test_util.h"

namespace twsim {
namespace {

TEST(TimelineTest, EveryKindOfEventRespectsTheCap) {
  // The seed point's old teardown: ~770 holds of exactly 40 ms each (all tied
  // at one length), as many list-length samples, and hrtimer and NMI ticks on
  // 191 CPUs. With a cap of 50, every kind holds at most 50 and says how many
  // it left out; the reports are all kept.
  const ScenarioConfig s = seed_reproducer_scenario();
  const RunDetail run = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  const Timeline full = build_timeline(run, s, 1, 0);
  const Timeline t = build_timeline(run, s, 1, 0, TimelineLimits{50, 50, 50, {}});
  EXPECT_EQ(t.spans.size(), 50u);
  EXPECT_EQ(static_cast<std::int64_t>(full.spans.size()), 50 + t.omitted_spans);
  EXPECT_LE(t.list_length.size(), 50u);
  EXPECT_EQ(static_cast<std::int64_t>(full.list_length.size()),
            static_cast<std::int64_t>(t.list_length.size()) + t.omitted_samples);
  std::size_t ticks = 0, reports = 0;
  for (const TimelineInstant& i : t.instants) {
    (i.kind == TimelineInstant::Kind::kReport ? reports : ticks) += 1;
  }
  EXPECT_LE(ticks, 50u);
  EXPECT_GT(t.omitted_ticks, 0);
  EXPECT_EQ(reports, run.metrics.reports.size());
  // The longest spans are the ones kept, and the ticks of the longest
  // stretches: none kept is shorter than the longest left out.
  Ns shortest_kept = INT64_MAX;
  for (const TimelineSpan& sp : t.spans) shortest_kept = std::min(shortest_kept, sp.end - sp.start);
  EXPECT_GE(shortest_kept, t.omitted_below_ns);
  std::size_t full_ticks = 0;
  for (const TimelineInstant& i : full.instants)
    full_ticks += i.kind != TimelineInstant::Kind::kReport;
  EXPECT_EQ(static_cast<std::int64_t>(full_ticks),
            static_cast<std::int64_t>(ticks) + t.omitted_ticks);
  for (const TimelineInstant& i : t.instants) {
    if (i.kind != TimelineInstant::Kind::kReport) {
      EXPECT_GE(i.stretch_ns, t.omitted_ticks_below_ns);
    }
  }
}

TEST(TimelineTest, ACpuFilterDrawsOnlyThoseCpus) {
  const ScenarioConfig s = seed_reproducer_scenario();
  const RunDetail run = simulate_teardown_detailed(s, Algorithm::kOld, 1, 0);
  TimelineLimits limits;
  limits.cpus.assign(static_cast<std::size_t>(s.machine.cpus), false);
  limits.cpus[0] = limits.cpus[5] = true;
  const Timeline t = build_timeline(run, s, 1, 0, limits);
  EXPECT_EQ(t.filtered_cpus, s.machine.cpus - 2);
  EXPECT_FALSE(t.spans.empty());
  for (const TimelineSpan& sp : t.spans) EXPECT_TRUE(sp.cpu == 0 || sp.cpu == 5) << sp.cpu;
  for (const TimelineInstant& i : t.instants) EXPECT_TRUE(i.cpu == 0 || i.cpu == 5) << i.cpu;
}

}  // namespace
}  // namespace twsim
