#include "sim/io/dmesg_report.h"

#include <algorithm>
#include <charconv>

#include "sim/core/saturating.h"
#include "sim/io/kernel_log.h"
#include "sim/io/number_format.h"

namespace twsim {
namespace {

// printk_caller_id() in interrupt or NMI context: 'C' and the CPU; "C?" when
// the printing CPU is not known (-1). Written into `buf`; returns its end.
char* interrupt_caller(int cpu, char (&buf)[16]) {
  buf[0] = 'C';
  if (cpu < 0) {
    buf[1] = '?';
    return buf + 2;
  }
  return std::to_chars(buf + 1, buf + sizeof buf, cpu).ptr;
}

// "[comm:pid]" of the task the soft lockup report names (see the header).
void append_current_task(std::string* out, Role role) {
  switch (role) {
    case Role::kSubmitter:
      out->append("[").append(kSubmitterComm).append(":");
      append_decimal(out, kSubmitterPid);
      out->append("]");
      return;
    case Role::kWorker:
      out->append("[iou-wrk-");
      append_decimal(out, kSubmitterPid);
      out->append(":?]");
      return;
    default:
      *out += "[?:?]";
  }
}

void append_prefix(std::string* out, Ns ts_ns, int caller_cpu) {
  char caller[16];
  const char* end = interrupt_caller(caller_cpu, caller);
  append_printk_prefix(out, ts_ns,
                       std::string_view(caller, static_cast<std::size_t>(end - caller)));
}

}  // namespace

void append_printk_prefix(std::string* out, Ns ts_ns, std::string_view caller) {
  // print_time(), print_caller(): "[%6s]"; info_print_prefix(): then one space.
  append_printk_time(out, ts_ns);
  out->push_back('[');
  if (caller.size() < 6) out->append(6 - caller.size(), ' ');
  out->append(caller);
  out->append("] ");
}

std::string printk_prefix(Ns ts_ns, const std::string& caller) {
  std::string out;
  append_printk_prefix(&out, ts_ns, caller);
  return out;
}

int dmesg_line_count(ReportKind kind) { return kind == ReportKind::kRcuStall ? 3 : 1; }

void append_dmesg_lines(std::string* out, std::string_view tag, const DetectorReport& report,
                        const ScenarioConfig& scenario, Ns uptime_ns) {
  const Ns ts = add_saturating(uptime_ns, std::max<Ns>(report.at_ns, 0));
  switch (report.kind) {
    case ReportKind::kHardLockup:
      // watchdog_hardlockup_check(): pr_emerg by this_cpu (the checker).
      out->append(tag);
      append_prefix(out, ts, report.checker_cpu);
      append_hard_lockup_message(out, report);
      out->push_back('\n');
      return;
    case ReportKind::kSoftLockup:
      // watchdog_timer_fn(): pr_emerg on the stuck CPU, then " [comm:pid]".
      out->append(tag);
      append_prefix(out, ts, report.cpu);
      append_soft_lockup_message(out, report);
      out->push_back(' ');
      append_current_task(out, report.role);
      out->push_back('\n');
      return;
    case ReportKind::kRcuStall:
      break;
  }
  // print_other_cpu_stall(), from an unknown detecting CPU's tick: three
  // lines behind one prefix (half of a sweep's lines, so no snprintf).
  std::string prefix(tag);
  append_prefix(&prefix, ts, -1);
  out->append(prefix).append("rcu: INFO: ").append(rcu_flavour(scenario.kernel.preempt));
  out->append(" detected stalls on CPUs/tasks:\n");
  // print_cpu_stall_info(): online flags "O." "o." "N." all '.', the irq_work
  // flag and the counters unknown.
  out->append(prefix).append("rcu: \t");
  append_decimal(out, report.cpu);
  out->append("-...?: (? ticks this GP) idle=?/?/? softirq=?/? fqs=?\n");
  out->append(prefix).append("rcu: \t(detected by ?, t=? jiffies, g=?, q=? ncpus=");
  append_decimal(out, scenario.machine.cpus);
  out->append(")\n");
}

std::vector<std::string> dmesg_lines(const DetectorReport& report, const ScenarioConfig& scenario,
                                     Ns uptime_ns) {
  std::string text;
  append_dmesg_lines(&text, "", report, scenario, uptime_ns);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

std::string dropped_messages_line(std::int64_t dropped) {
  return "** " + std::to_string(dropped) + " printk messages dropped **";
}

}  // namespace twsim
