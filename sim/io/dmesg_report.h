// One detector report as the kernel writes it to the console today: every
// line the detector itself prints, each with the printk prefix of a kernel
// built with CONFIG_PRINTK_TIME and CONFIG_PRINTK_CALLER, as `dmesg` (or a
// serial console) shows it. The sources followed, line by line:
//
//   prefix  kernel/printk/printk.c info_print_prefix(): print_time()
//           "[%5lu.%06lu]", print_caller() "[%6s]" of "C%u" (interrupt or
//           NMI context: printk_caller_id() is 0x80000000 + the printing CPU)
//           or "T%u" (task context: its pid), then one space. Every report
//           here is printed from interrupt or NMI context, so the caller is
//           always C<printing CPU>.
//   hard    kernel/watchdog.c watchdog_hardlockup_check() with pr_fmt
//           "watchdog: ": "CPU%u: Watchdog detected hard LOCKUP on cpu %u"
//           (this_cpu, cpu). Printed by this_cpu: the locked-up CPU itself
//           in the perf NMI, its buddy in its hrtimer interrupt.
//   soft    kernel/watchdog.c watchdog_timer_fn():
//           "BUG: soft lockup - CPU#%d stuck for %us! [%s:%d]" (the CPU,
//           is_softlockup()'s now - touch_ts in get_timestamp() units of
//           2^30 ns, not seconds, current->comm, task_pid_nr(current)),
//           printed by the stuck CPU in its watchdog hrtimer interrupt.
//   rcu     kernel/rcu/tree_stall.h print_other_cpu_stall(), pr_fmt "rcu: "
//           (kernel/rcu/tree.c), three lines:
//             "INFO: %s detected stalls on CPUs/tasks:"  (rcu_state.name:
//               "rcu_preempt" when CONFIG_PREEMPT_RCU, which kernel/rcu/Kconfig
//               defaults to on for preemptible kernels (full, lazy);
//               "rcu_sched" on none/voluntary)
//             print_cpu_stall_info(): "\t%d-%c%c%c%c: (%lu %s) idle=%04x/%ld/%#lx
//               softirq=%u/%u fqs=%ld%s%s"
//             "\t(detected by %d, t=%ld jiffies, g=%ld, q=%lu ncpus=%d)"
//           printed by the detecting CPU in its scheduling-clock interrupt
//           (rcu_sched_clock_irq -> check_cpu_stall).
//
// What the model does not know is printed as "?" in place of the whole
// conversion, never as a made-up number:
//   - rcu: the detecting CPU (any CPU whose tick comes first; also the
//     caller field "C?"), the stall's age in jiffies (HZ is not modelled),
//     the grace-period number g, the callback count q, and in the per-CPU
//     line the irq_work flag, the tick count, idle, softirq and fqs counters
//     (and no rcuc or "false positive?" suffix: the model has no rcuc
//     kthreads and no idle CPUs). Known: the CPU, its three online flags
//     ('.', every modelled CPU is online throughout), "ticks this GP" (the
//     model starts the stall clock when the CPU stops passing quiescent
//     states, in a grace period it already knew of) and ncpus (machine.cpus).
//     The model replays the other-CPU report: a CPU whose interrupts are off
//     cannot take the tick that would self-detect ("self-detected stall").
//     One report names one CPU (the model times each CPU's stall apart).
//   - soft: comm and pid. The submitter's comm is the reported log's,
//     "iowq-exit-stres", with the synthetic pid kSubmitterPid; an io-wq
//     worker's comm is "iou-wrk-<submitter pid>" (io_uring/io-wq.c
//     io_wq_worker(): snprintf(buf, sizeof(buf), "iou-wrk-%d",
//     wq->task->pid); set_task_comm), its own pid unknown ("?"); a
//     background task's comm and pid are both "?".
// Every line of a report carries the report's time (the kernel's lines are
// microseconds apart). Left out: what the detectors print after their own
// text (modules, irq trace events, registers, stacks, NMI backtraces).
#ifndef TWSIM_IO_DMESG_REPORT_H_
#define TWSIM_IO_DMESG_REPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.h"
#include "sim/scenario/config.h"
#include "sim/scenario/results.h"

namespace twsim {

// The synthetic pid of the exiting submitter (its workers' comm is
// "iou-wrk-1000").
constexpr int kSubmitterPid = 1000;
// The comm of the process in the reported log (docs/calibration.md §5).
constexpr const char* kSubmitterComm = "iowq-exit-stres";

// The printk prefix "[%5lu.%06lu][%6s] " for a message logged `ts_ns` after
// boot (clamped at 0) by caller `caller` ("C138").
std::string printk_prefix(Ns ts_ns, const std::string& caller);
void append_printk_prefix(std::string* out, Ns ts_ns, std::string_view caller);

// The lines of `report`, prefix included, without newlines; `uptime_ns` is
// the time since boot at which the teardown starts (t = 0 of the run).
std::vector<std::string> dmesg_lines(const DetectorReport& report, const ScenarioConfig& scenario,
                                     Ns uptime_ns);

// The same lines appended to *out, each after `tag` and with its newline
// (reports.txt: millions of lines, no string made per line).
void append_dmesg_lines(std::string* out, std::string_view tag, const DetectorReport& report,
                        const ScenarioConfig& scenario, Ns uptime_ns);

// How many lines dmesg_lines gives for a report of `kind`.
int dmesg_line_count(ReportKind kind);

// What the console writes in place of `dropped` messages it lost
// (kernel/printk/printk.c console_prepend_dropped): "** %lu printk messages
// dropped **", with no prefix.
std::string dropped_messages_line(std::int64_t dropped);

}  // namespace twsim

#endif  // TWSIM_IO_DMESG_REPORT_H_
