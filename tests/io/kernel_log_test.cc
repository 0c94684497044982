#include "sim/io/kernel_log.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// Lines 21-31 of the example in the kernel's Documentation/locking/lockstat.rst
// (a class with 4 contention and 4 contending points), without the line numbers.
constexpr const char* kRstClassLine =
    "                         unix_table_lock:           110            112           0.21"
    "          49.24         163.91           1.46          21094          66312           0.12"
    "         624.42       31589.81           0.48";
constexpr const char* kRstRule = "                         ---------------";
constexpr const char* kRstPoint =
    "                         unix_table_lock             45          [<ffffffff8150ad8e>] "
    "unix_create1+0x16e/0x1b0";

TEST(KernelLogTest, LockStatClassLineMatchesTheKernelDocumentation) {
  // The numbers of the rst's unix_table_lock line, in ns: wait 0.21/49.24/
  // 163.91 us over 112 contentions, hold 0.12/624.42/31589.81 us over 66312
  // acquisitions; the averages (total / count, rounded to 10 ns by
  // lockdep_proc.c snprint_time) are the rst's 1.46 and 0.48.
  LockStat s;
  s.con_bounces = 110;
  s.contentions = 112;
  s.wait_min_ns = 210;
  s.wait_max_ns = 49'240;
  s.wait_total_ns = 163'910;
  s.acq_bounces = 21094;
  s.acquisitions = 66312;
  s.hold_min_ns = 120;
  s.hold_max_ns = 624'420;
  s.hold_total_ns = 31'589'810;
  s.contentions_by_site[static_cast<int>(CallSite::kTtwu)] = 45;
  s.contending_by_site[static_cast<int>(CallSite::kCancelMatch)] = 45;
  const std::string block = lock_stat_line("unix_table_lock", s);
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < block.size();) {
    const std::size_t nl = block.find('\n', at);
    lines.push_back(block.substr(at, nl - at));
    at = nl + 1;
  }
  ASSERT_EQ(lines.size(), 8u) << block;
  EXPECT_EQ(lines[0], kRstClassLine);
  // A rule as wide as the name, then a point whose count ends in the rst's
  // column and whose symbol starts where the rst's does ("%40s %14lu %29s %pS"),
  // with "[<n/a>]" for the return address the model does not have.
  EXPECT_EQ(lines[1], kRstRule);
  const std::string rst_point = kRstPoint;
  const std::size_t symbol_at = rst_point.find("unix_create1");
  EXPECT_EQ(lines[2].substr(0, 55), rst_point.substr(0, 55));
  EXPECT_EQ(lines[2].substr(symbol_at), "try_to_wake_up");
  EXPECT_EQ(lines[2].substr(symbol_at - 8, 8), "[<n/a>] ");
  EXPECT_EQ(lines[3], kRstRule);
  EXPECT_EQ(lines[4].substr(symbol_at), "task_work_cancel_match");
  // lockdep_proc.c ends a class with contending points with a blank line
  // line, a dotted rule 40 + 1 + 12 * (14 + 1) wide and another blank line.
  EXPECT_EQ(lines[5], "");
  EXPECT_EQ(lines[6], std::string(221, '.'));
  EXPECT_EQ(lines[7], "");
}

TEST(KernelLogTest, UncontendedClassHasNoPointBlocks) {
  LockStat s;
  s.acquisitions = 3;
  s.hold_min_ns = s.hold_max_ns = 1'000;
  s.hold_total_ns = 3'000;
  const std::string block = lock_stat_line("&p->pi_lock/p0/new", s);
  EXPECT_EQ(block.find('\n'), block.size() - 1) << block;
  EXPECT_EQ(block.substr(0, 41), std::string(22, ' ') + "&p->pi_lock/p0/new:");
}

TEST(KernelLogTest, HeaderIsTheKernelsWithRulesOf221) {
  const std::string h = lock_stat_header();
  const std::string rule(221, '-');
  EXPECT_EQ(h.rfind("lock_stat version 0.4\n" + rule + "\n", 0), 0u) << h;
  // The rst's line 03 from "class name" to "con-bounces": "%40s %14s".
  EXPECT_NE(h.find("\n                              class name    con-bounces    contentions"),
            std::string::npos);
  EXPECT_EQ(h.substr(h.size() - rule.size() - 2), rule + "\n\n");
}

TEST(KernelLogTest, ClassNamesKeepPointAndAlgorithm) {
  EXPECT_EQ(lock_stat_class_name(3, Algorithm::kOld), "&p->pi_lock/p3/old");
  EXPECT_EQ(lock_stat_class_name(12, Algorithm::kNew), "&p->pi_lock/p12/new");
}

TEST(KernelLogTest, CallerTableSortsByHoldTimeAndGivesShares) {
  // Worked by hand: workers in io_worker_exit hold 998 us of 1000 us in all
  // (99.8%), the submitter 2 us (0.2%); 3 contended waits of 30 us in all
  // (avg 10 us, max 20 us) by the workers.
  LockStat s;
  LockCaller& w = s.by_caller[static_cast<int>(KernelFn::kIoWorkerExit)];
  w = {10, 3, 30'000, 20'000, 998'000, 400'000};
  LockCaller& sub = s.by_caller[static_cast<int>(KernelFn::kIoWqCancelTwCreate)];
  sub = {2, 0, 0, 0, 2'000, 1'500};
  const std::string t = lock_caller_table("&p->pi_lock/p0/old", s);
  const std::size_t worker = t.find("io_worker_exit"), submitter = t.find("io_wq_cancel_tw_create");
  ASSERT_NE(worker, std::string::npos) << t;
  ASSERT_NE(submitter, std::string::npos) << t;
  EXPECT_LT(worker, submitter);
  EXPECT_NE(t.find("         3     30.00 us     20.00 us     10.00 us         10    998.00 us"
                   "    400.00 us      99.8%   io_worker_exit\n"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("0.2%   io_wq_cancel_tw_create"), std::string::npos) << t;
  EXPECT_EQ(t.find(':'), std::string::npos) << t;          // `grep :` finds class lines only
  EXPECT_EQ(t.find("try_to_wake_up"), std::string::npos);  // never took the lock
}

}  // namespace
}  // namespace twsim
