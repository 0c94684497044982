#include "sim/io/dmesg_report.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "sim/core/saturating.h"
#include "sim/io/kernel_log.h"

namespace twsim {
namespace {

// printk_caller_id() in interrupt or NMI context: 'C' and the CPU; "C?" when
// the printing CPU is not known (-1).
std::string interrupt_caller(int cpu) { return cpu < 0 ? "C?" : "C" + std::to_string(cpu); }

// "[comm:pid]" of the task the soft lockup report names (see the header).
std::string current_task(Role role) {
  switch (role) {
    case Role::kSubmitter:
      return std::string("[") + kSubmitterComm + ":" + std::to_string(kSubmitterPid) + "]";
    case Role::kWorker:
      return "[iou-wrk-" + std::to_string(kSubmitterPid) + ":?]";
    default:
      return "[?:?]";
  }
}

}  // namespace

std::string printk_prefix(Ns ts_ns, const std::string& caller) {
  const auto ts = static_cast<std::uint64_t>(ts_ns < 0 ? 0 : ts_ns);
  char buf[64];
  // print_time(): "[%5lu.%06lu]" of seconds and microseconds; print_caller():
  // "[%6s]"; info_print_prefix(): then one space.
  std::snprintf(buf, sizeof buf, "[%5" PRIu64 ".%06" PRIu64 "][%6s] ", ts / kNsPerSec,
                (ts % kNsPerSec) / kNsPerUs, caller.c_str());
  return buf;
}

int dmesg_line_count(ReportKind kind) { return kind == ReportKind::kRcuStall ? 3 : 1; }

std::vector<std::string> dmesg_lines(const DetectorReport& report, const ScenarioConfig& scenario,
                                     Ns uptime_ns) {
  const Ns ts = add_saturating(uptime_ns, std::max<Ns>(report.at_ns, 0));
  char text[256];
  switch (report.kind) {
    case ReportKind::kHardLockup:
      // watchdog_hardlockup_check(): pr_emerg by this_cpu (the checker).
      return {printk_prefix(ts, interrupt_caller(report.checker_cpu)) +
              hard_lockup_message(report)};
    case ReportKind::kSoftLockup:
      // watchdog_timer_fn(): pr_emerg on the stuck CPU, then " [comm:pid]".
      return {printk_prefix(ts, interrupt_caller(report.cpu)) + soft_lockup_message(report) + " " +
              current_task(report.role)};
    case ReportKind::kRcuStall:
      break;
  }
  // print_other_cpu_stall(), from an unknown detecting CPU's tick.
  const std::string prefix = printk_prefix(ts, interrupt_caller(-1));
  std::vector<std::string> lines;
  std::snprintf(text, sizeof text, "rcu: INFO: %s detected stalls on CPUs/tasks:",
                rcu_flavour(scenario.kernel.preempt));
  lines.push_back(prefix + text);
  // print_cpu_stall_info(): online flags "O." "o." "N." all '.', the irq_work
  // flag and the counters unknown.
  std::snprintf(text, sizeof text, "rcu: \t%d-...?: (? ticks this GP) idle=?/?/? softirq=?/? fqs=?",
                report.cpu);
  lines.push_back(prefix + text);
  std::snprintf(text, sizeof text, "rcu: \t(detected by ?, t=? jiffies, g=?, q=? ncpus=%d)",
                scenario.machine.cpus);
  lines.push_back(prefix + text);
  return lines;
}

std::string dropped_messages_line(std::int64_t dropped) {
  return "** " + std::to_string(dropped) + " printk messages dropped **";
}

}  // namespace twsim
