#include "sim/io/kernel_log.h"

#include <gtest/gtest.h>

// Expected lines follow the kernel's format strings (docs/kernel-facts.md §4.2, §4.5)
// and the log quoted in docs/calibration.md ("watchdog: CPU138: Watchdog detected
// hard LOCKUP on cpu 138").

namespace twsim {
namespace {

TEST(KernelLogTest, HardLockupNamesCheckerThenTarget) {
  const DetectorReport perf{ReportKind::kHardLockup, 672'123'456'789, 138, 138, 0};
  EXPECT_EQ(kernel_log_line(perf, Preempt::kLazy),
            "[  672.123456] watchdog: CPU138: Watchdog detected hard LOCKUP on cpu 138");
  const DetectorReport buddy{ReportKind::kHardLockup, 12'000'000'000, 5, 4, 0};
  EXPECT_EQ(kernel_log_line(buddy, Preempt::kLazy),
            "[   12.000000] watchdog: CPU4: Watchdog detected hard LOCKUP on cpu 5");
}

TEST(KernelLogTest, SoftLockupPrintsWholeTimestampUnitsStuck) {
  // kernel/watchdog.c counts in get_timestamp() units of 2^30 ns: 22 units
  // are 23,622,320,128 ns; one ns less is 21 whole units.
  const DetectorReport r{ReportKind::kSoftLockup, 24'000'000'000, 7, 7, 23'622'320'128};
  EXPECT_EQ(kernel_log_line(r, Preempt::kNone),
            "[   24.000000] watchdog: BUG: soft lockup - CPU#7 stuck for 22s!");
  const DetectorReport shorter{ReportKind::kSoftLockup, 24'000'000'000, 7, 7, 23'622'320'127};
  EXPECT_EQ(kernel_log_line(shorter, Preempt::kNone),
            "[   24.000000] watchdog: BUG: soft lockup - CPU#7 stuck for 21s!");
}

TEST(KernelLogTest, RcuStallFlavourFollowsPreemption) {
  const DetectorReport r{ReportKind::kRcuStall, 21'000'000'000, 9, -1, 0};
  EXPECT_EQ(kernel_log_line(r, Preempt::kFull),
            "[   21.000000] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks: { 9 }");
  EXPECT_EQ(kernel_log_line(r, Preempt::kVoluntary),
            "[   21.000000] rcu: INFO: rcu_sched detected stalls on CPUs/tasks: { 9 }");
}

TEST(KernelLogTest, LockStatLineInMicroseconds) {
  // Given 4 contentions waiting 3..20 us (60 total) and 10 acquisitions
  // holding 1..9 us (50 total); then the averages are 15 and 5 us.
  const LockStat s{10, 4, 3'000, 20'000, 60'000, 1'000, 9'000, 50'000};
  const std::string expected = std::string(28, ' ') + "&p->pi_lock:" + "            n/a" +
                               "              4" + "           3.00" + "          20.00" +
                               "          60.00" + "          15.00" + "            n/a" +
                               "             10" + "           1.00" + "           9.00" +
                               "          50.00" + "           5.00" + "\n";
  EXPECT_EQ(lock_stat_line("&p->pi_lock", s), expected);
  EXPECT_EQ(lock_stat_header().rfind("lock_stat version 0.4\n", 0), 0u);
}

}  // namespace
}  // namespace twsim
