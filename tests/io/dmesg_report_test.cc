#include "sim/io/dmesg_report.h"

#include <gtest/gtest.h>

// Every expected line is written by hand from the kernel's format strings
// (quoted above each test), not from the code under test:
//   kernel/printk/printk.c print_time "[%5lu.%06lu]", print_caller "[%6s]"
//     of "C%u", then info_print_prefix's one space;
//   kernel/watchdog.c pr_fmt "watchdog: ";
//   kernel/rcu/tree.c pr_fmt "rcu: ".

namespace twsim {
namespace {

ScenarioConfig scenario_with(Preempt preempt, int cpus) {
  ScenarioConfig s;
  s.kernel.preempt = preempt;
  s.machine.cpus = cpus;
  return s;
}

using Lines = std::vector<std::string>;

TEST(DmesgReportTest, CallerFieldIsSixWideRightAligned) {
  // "[%6s]" of "C%u": padded on the left to 6, never cut.
  EXPECT_EQ(printk_prefix(0, "C1"), "[    0.000000][    C1] ");
  EXPECT_EQ(printk_prefix(0, "C138"), "[    0.000000][  C138] ");
  EXPECT_EQ(printk_prefix(0, "C1000"), "[    0.000000][ C1000] ");
  EXPECT_EQ(printk_prefix(0, "C123456"), "[    0.000000][C123456] ");
}

TEST(DmesgReportTest, TimestampIsSecondsAndTruncatedMicroseconds) {
  // "[%5lu.%06lu]" of ts / 10^9 and (ts % 10^9) / 1000: 1.999999 ms shows
  // 0.001999; a sixth integer digit widens the field.
  EXPECT_EQ(printk_prefix(1'999'999, "C0"), "[    0.001999][    C0] ");
  EXPECT_EQ(printk_prefix(123'456'789'012'345, "C7"), "[123456.789012][    C7] ");
  EXPECT_EQ(printk_prefix(-5, "C7"), "[    0.000000][    C7] ");
}

TEST(DmesgReportTest, HardLockupIsPrintedByTheCheckingCpu) {
  // "CPU%u: Watchdog detected hard LOCKUP on cpu %u" (this_cpu, cpu), from
  // this_cpu's NMI (perf: itself) or hrtimer interrupt (buddy: CPU 4 for 5).
  const ScenarioConfig s = scenario_with(Preempt::kLazy, 192);
  const DetectorReport perf{ReportKind::kHardLockup, 672'123'456'789, 138, 138, 0};
  EXPECT_EQ(dmesg_lines(perf, s, 0),
            Lines{"[  672.123456][  C138] watchdog: CPU138: Watchdog detected hard LOCKUP on "
                  "cpu 138"});
  const DetectorReport buddy{ReportKind::kHardLockup, 12'000'000'000, 5, 4, 0};
  EXPECT_EQ(dmesg_lines(buddy, s, 0),
            Lines{"[   12.000000][    C4] watchdog: CPU4: Watchdog detected hard LOCKUP on cpu 5"});
}

TEST(DmesgReportTest, SoftLockupCountsTimestampUnitsAndNamesTheTask) {
  // "BUG: soft lockup - CPU#%d stuck for %us! [%s:%d]": the duration is
  // now - touch_ts in get_timestamp() units (2^30 ns): 22 units are 23.6 s
  // but print "22s".
  const ScenarioConfig s = scenario_with(Preempt::kNone, 8);
  DetectorReport r{ReportKind::kSoftLockup, 24'000'000'000, 7, 7, Ns{22} << 30, Role::kSubmitter};
  EXPECT_EQ(dmesg_lines(r, s, 0), Lines{"[   24.000000][    C7] watchdog: BUG: soft lockup - "
                                        "CPU#7 stuck for 22s! [iowq-exit-stres:1000]"});
  // io_wq_worker(): comm "iou-wrk-%d" of the submitter's pid; own pid unknown.
  r.role = Role::kWorker;
  EXPECT_EQ(dmesg_lines(r, s, 0), Lines{"[   24.000000][    C7] watchdog: BUG: soft lockup - "
                                        "CPU#7 stuck for 22s! [iou-wrk-1000:?]"});
  r.role = Role::kBackground;
  EXPECT_EQ(dmesg_lines(r, s, 0), Lines{"[   24.000000][    C7] watchdog: BUG: soft lockup - "
                                        "CPU#7 stuck for 22s! [?:?]"});
}

TEST(DmesgReportTest, RcuStallIsTheThreeLineOtherCpuReport) {
  // print_other_cpu_stall: "INFO: %s detected stalls on CPUs/tasks:",
  // print_cpu_stall_info "\t%d-%c%c%c%c: (%lu %s) idle=%04x/%ld/%#lx
  // softirq=%u/%u fqs=%ld%s%s", "\t(detected by %d, t=%ld jiffies, g=%ld,
  // q=%lu ncpus=%d)"; unknown conversions print "?".
  const DetectorReport r{ReportKind::kRcuStall, 21'000'000'000, 9, -1, 21'000'000'000};
  EXPECT_EQ(dmesg_lines(r, scenario_with(Preempt::kLazy, 192), 0),
            (Lines{"[   21.000000][    C?] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:",
                   "[   21.000000][    C?] rcu: \t9-...?: (? ticks this GP) idle=?/?/? "
                   "softirq=?/? fqs=?",
                   "[   21.000000][    C?] rcu: \t(detected by ?, t=? jiffies, g=?, q=? "
                   "ncpus=192)"}));
  // rcu_sched without CONFIG_PREEMPT_RCU (preempt none / voluntary).
  for (const Preempt p : {Preempt::kNone, Preempt::kVoluntary}) {
    EXPECT_EQ(dmesg_lines(r, scenario_with(p, 4), 0)[0],
              "[   21.000000][    C?] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:");
  }
  EXPECT_EQ(dmesg_line_count(ReportKind::kRcuStall), 3);
  EXPECT_EQ(dmesg_line_count(ReportKind::kHardLockup), 1);
}

TEST(DmesgReportTest, UptimeIsAddedToEveryTimestamp) {
  // Booted 5000.5 s before the teardown, a report at t = 7.25 s prints at
  // 5007.75 s.
  const DetectorReport r{ReportKind::kHardLockup, 7'250'000'000, 3, 3, 0};
  EXPECT_EQ(dmesg_lines(r, scenario_with(Preempt::kLazy, 4), 5'000'500'000'000),
            Lines{"[ 5007.750000][    C3] watchdog: CPU3: Watchdog detected hard LOCKUP on cpu 3"});
}

TEST(DmesgReportTest, DroppedMessagesLineHasNoPrefix) {
  // console_prepend_dropped: "** %lu printk messages dropped **".
  EXPECT_EQ(dropped_messages_line(41), "** 41 printk messages dropped **");
}

}  // namespace
}  // namespace twsim
