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

// The printk line of `report`, without a trailing newline.
std::string kernel_log_line(const DetectorReport& report, Preempt preempt);

// "hard", "soft" or "rcu".
const char* report_kind_name(ReportKind kind);

// The header of /proc/lock_stat (version line, rule, column names, rule).
std::string lock_stat_header();

// One /proc/lock_stat class line for `stat`: class name, then con-bounces
// (not modelled: "n/a"), contentions, waittime-min/max/total/avg,
// acq-bounces ("n/a"), acquisitions, holdtime-min/max/total/avg, times in
// microseconds with two decimals as the kernel prints them.
std::string lock_stat_line(const std::string& class_name, const LockStat& stat);

}  // namespace twsim

#endif  // TWSIM_IO_KERNEL_LOG_H_
