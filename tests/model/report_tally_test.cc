#include "sim/model/report_tally.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/core/random.h"

namespace twsim {
namespace {

// CPU 0 runs the submitter with interrupts off over [0, 100); CPU 1 a worker
// over [0, 100) without scheduling.
CpuActivities two_cpus() {
  CpuActivities a(2);
  a[0].irq_off.push_back(IrqOffStretch{0, 100, 0, Role::kSubmitter, KernelFn::kIoWqCancelTwCreate});
  a[1].no_sched.push_back(ThreadSpan{{0, 100}, Role::kWorker, KernelFn::kIoWorkerExit});
  return a;
}

TEST(ReportTallyTest, KeepsTheEarliestAndCountsThemAll) {
  // Five reports made CPU by CPU, two kept: the counts, the firsts and the
  // hard reports by role cover all five; the kept two are the earliest.
  const auto activity = two_cpus();
  ReportTally tally(activity, 2);
  tally.add({ReportKind::kHardLockup, 50, 0, 0, 0});
  tally.add({ReportKind::kSoftLockup, 90, 0, 0, 0});
  tally.add({ReportKind::kRcuStall, 40, 1, -1, 0});
  tally.add({ReportKind::kHardLockup, 30, 1, 0, 0});
  tally.add({ReportKind::kRcuStall, 60, 1, -1, 0});
  RunMetrics m;
  tally.finish(&m);
  EXPECT_EQ(m.hard_lockups, 2);
  EXPECT_EQ(m.soft_lockups, 1);
  EXPECT_EQ(m.rcu_stalls, 2);
  EXPECT_EQ(m.hard_lockups_submitter, 1);
  EXPECT_EQ(m.hard_lockups_worker, 1);
  EXPECT_EQ(m.first_hard_lockup_ns, 30);
  EXPECT_EQ(m.first_hard.cpu, 1);
  EXPECT_EQ(m.first_hard.role, Role::kWorker);
  EXPECT_EQ(m.first_hard.fn, KernelFn::kIoWorkerExit);
  EXPECT_EQ(m.first_soft_lockup_ns, 90);
  EXPECT_EQ(m.first_soft.role, Role::kSubmitter);
  EXPECT_EQ(m.first_rcu_stall_ns, 40);
  EXPECT_EQ(m.verdict, Verdict::kHard);
  ASSERT_EQ(m.reports.size(), 2u);
  EXPECT_EQ(m.reports[0].at_ns, 30);
  EXPECT_EQ(m.reports[1].at_ns, 40);
}

TEST(ReportTallyTest, TiesKeepTheOrderTheyWereMade) {
  // Same time and CPU: hard before soft, as the detectors make them.
  const auto activity = two_cpus();
  ReportTally tally(activity, 8);
  tally.add({ReportKind::kHardLockup, 70, 0, 0, 0});
  tally.add({ReportKind::kSoftLockup, 70, 0, 0, 0});
  tally.add({ReportKind::kRcuStall, 70, 0, -1, 0});
  RunMetrics m;
  tally.finish(&m);
  ASSERT_EQ(m.reports.size(), 3u);
  EXPECT_EQ(m.reports[0].kind, ReportKind::kHardLockup);
  EXPECT_EQ(m.reports[1].kind, ReportKind::kSoftLockup);
  EXPECT_EQ(m.reports[2].kind, ReportKind::kRcuStall);
}

TEST(ReportTallyTest, KeepsTheSameAsAStableSortOfAllReports) {
  // 10,000 reports in random order with many ties (times 0..499, CPUs 0-1),
  // 100 kept: the kept list is the first 100 of all of them stably sorted by
  // time then CPU, however many times the tally cut its list down.
  const auto activity = two_cpus();
  ReportTally tally(activity, 100);
  std::vector<DetectorReport> all;
  RandomStream rng(3, 0, "report_tally_test");
  for (int i = 0; i < 10'000; ++i) {
    const DetectorReport r{ReportKind::kHardLockup, static_cast<Ns>(rng.below(500)),
                           static_cast<int>(rng.below(2)), 0, /*stuck_ns=*/i};
    all.push_back(r);
    tally.add(r);
  }
  std::stable_sort(all.begin(), all.end(), [](const DetectorReport& a, const DetectorReport& b) {
    return a.at_ns != b.at_ns ? a.at_ns < b.at_ns : a.cpu < b.cpu;
  });
  RunMetrics m;
  tally.finish(&m);
  EXPECT_EQ(m.hard_lockups, 10'000);
  ASSERT_EQ(m.reports.size(), 100u);
  for (std::size_t i = 0; i < 100; ++i) {
    EXPECT_EQ(m.reports[i].stuck_ns, all[i].stuck_ns) << i;  // the same report, by its mark
  }
}

TEST(ReportTallyTest, AReportJustInsideTheKeptRangeStillGetsIn) {
  // 200 reports at the even times 0..398, out of order (the list is then cut
  // to the 100 earliest, 0..198), then 20 at the odd times 101..139. By hand,
  // the 100 earliest of all: the 80 evens 0..158 and the 20 odds.
  const auto activity = two_cpus();
  ReportTally tally(activity, 100);
  for (int i = 0; i < 200; ++i) tally.add({ReportKind::kHardLockup, (i * 7919 % 200) * 2, 0, 0, 0});
  for (Ns t = 139; t >= 101; t -= 2) tally.add({ReportKind::kHardLockup, t, 0, 0, 0});
  std::vector<Ns> expected;
  for (Ns t = 0; t <= 158; t += 2) expected.push_back(t);
  for (Ns t = 101; t <= 139; t += 2) expected.push_back(t);
  std::sort(expected.begin(), expected.end());
  RunMetrics m;
  tally.finish(&m);
  ASSERT_EQ(m.reports.size(), 100u);
  for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(m.reports[i].at_ns, expected[i]) << i;
}

}  // namespace
}  // namespace twsim
