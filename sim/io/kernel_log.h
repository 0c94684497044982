// Detector reports and lock statistics as the kernel prints them, for
// results.json and lock_stat.txt. The texts follow docs/kernel-facts.md §4:
//   hard: "watchdog: CPU%u: Watchdog detected hard LOCKUP on cpu %u"
//         (checker, locked-up CPU; the same CPU for the perf NMI detector)
//   soft: "watchdog: BUG: soft lockup - CPU#%d stuck for %us!"
//         (the kernel appends "[comm:pid]", which the model does not know)
//   rcu:  "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks: { %d }"
//         (rcu_sched on preempt none/voluntary kernels)
// prefixed with a printk timestamp "[%5lu.%06lu] " counted from t = 0 (the
// start of the teardown), not from boot.
#ifndef TWSIM_IO_KERNEL_LOG_H_
#define TWSIM_IO_KERNEL_LOG_H_

#include <string>

#include "sim/scenario/config.h"
#include "sim/scenario/results.h"

namespace twsim {

// print_time(): "[%5lu.%06lu]" of the seconds and microseconds of `ts_ns`
// (clamped at 0), appended to *out.
void append_printk_time(std::string* out, Ns ts_ns);

// The printk line of `report`, without a trailing newline.
std::string kernel_log_line(const DetectorReport& report, Preempt preempt);

// The detectors' own messages, after the printk prefix, shared with
// reports.txt (dmesg_report.h):
//   kernel/watchdog.c watchdog_hardlockup_check:
//     "watchdog: CPU%u: Watchdog detected hard LOCKUP on cpu %u" (checker, cpu)
//   kernel/watchdog.c watchdog_timer_fn, without its " [%s:%d]":
//     "watchdog: BUG: soft lockup - CPU#%d stuck for %us!", the duration in
//     get_timestamp() units of 2^30 ns
std::string hard_lockup_message(const DetectorReport& report);
std::string soft_lockup_message(const DetectorReport& report);
// The same appended to *out (reports.txt writes millions of them).
void append_hard_lockup_message(std::string* out, const DetectorReport& report);
void append_soft_lockup_message(std::string* out, const DetectorReport& report);

// rcu_state.name (kernel/rcu/tree.h RCU_NAME): "rcu_preempt" with
// CONFIG_PREEMPT_RCU, which kernel/rcu/Kconfig turns on for preemptible kernels.
const char* rcu_flavour(Preempt preempt);

// "hard", "soft" or "rcu".
const char* report_kind_name(ReportKind kind);

// The lockdep class name of the submitter's task->pi_lock (lock_stat names a
// class after the lock's expression in raw_spin_lock_init).
constexpr const char* kLockStatClass = "&p->pi_lock";

// The header of /proc/lock_stat (version line, rule, column names, rule,
// blank line), as kernel/locking/lockdep_proc.c seq_header prints it.
std::string lock_stat_header();

// The class name of one point and algorithm, "&p->pi_lock/p3/old": lockdep
// appends "/<digit>" for a subclass, so "/p<point>/<algorithm>" cannot be
// taken for one, and a line found with `grep :` still says whose it is.
std::string lock_stat_class_name(std::size_t point, Algorithm algorithm);

// One /proc/lock_stat class block for `stat` (lockdep_proc.c seq_stats): the
// class line (con-bounces, contentions, waittime-min/max/total/avg,
// acq-bounces, acquisitions, holdtime-min/max/total/avg, times in
// microseconds with two decimals), then, if it was contended, the
// contention points (call sites that had to wait), the contending points
// (call sites of the holder they waited for) and a dotted rule.
std::string lock_stat_line(const std::string& class_name, const LockStat& stat);

// The callers of the lock in the manner of `perf lock contention` (which
// aggregates by caller): contended, total/max/avg wait, then acquisitions,
// total/max hold and each caller's share of the hold time, the dominant
// holder first. Every line starts with '#' or a space and has no ':', so
// `grep :` still finds the class lines only. "" if nobody took the lock.
std::string lock_caller_table(const std::string& class_name, const LockStat& stat);

}  // namespace twsim

#endif  // TWSIM_IO_KERNEL_LOG_H_
