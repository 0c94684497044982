#include "sim/model/report_tally.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace twsim
