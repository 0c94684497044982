#include "sim/io/kernel_log.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <vector>

#include "sim/core/saturating.h"
#include "sim/io/number_format.h"

namespace twsim {
namespace {

// Nanoseconds as /proc/lock_stat prints them (kernel/locking/lockdep_proc.c
// snprint_time): microseconds rounded to 10 ns, "%lld.%02d".
std::string usecs(Ns ns) {
  if (ns <= kSaturated - 5) ns += 5;  // "for display rounding"; never past 2^63 - 1
  char buf[32];
  std::snprintf(buf, sizeof buf, "%" PRId64 ".%02d", ns / 1000, static_cast<int>(ns % 1000) / 10);
  return buf;
}

std::string column(const std::string& text, int width) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%*s", width, text.c_str());
  return buf;
}

// lockdep_proc.c seq_line: `offset` spaces, then `length` times c.
std::string rule(char c, int offset, int length) {
  return std::string(static_cast<std::size_t>(offset), ' ') +
         std::string(static_cast<std::size_t>(length), c) + "\n";
}

constexpr int kRuleLength = 40 + 1 + 12 * (14 + 1);  // lockdep_proc.c seq_header

// A total in us; one that reached 2^63 ns stopped counting there
// (add_saturating) and is printed as a lower bound, ">9223372036854775.80".
std::string total_usecs(Ns total) {
  return total == kSaturated ? ">" + usecs(total) : usecs(total);
}

// lockdep_proc.c seq_lock_time: "%14lu" count, then " %14s" min, max, total
// and the integer average (div64_u64).
std::string lock_time(std::int64_t nr, Ns min, Ns max, Ns total) {
  return column(std::to_string(nr), 14) + " " + column(usecs(min), 14) + " " +
         column(usecs(max), 14) + " " + column(total_usecs(total), 14) + " " +
         column(usecs(nr > 0 ? total / nr : 0), 14);
}

// One block of points ("%40s %14lu %29s %pS"), busiest first, after a rule
// of dashes as wide as the name; lockdep keeps LOCKSTAT_POINTS (4) per class,
// and the model has 4 call sites. The model knows functions, not return
// addresses: the [<ip>] column says so.
std::string points_block(const std::string& name, const std::int64_t (&by_site)[kCallSites]) {
  std::vector<int> sites;
  for (int i = 0; i < kCallSites; ++i) {
    if (by_site[i] > 0) sites.push_back(i);
  }
  std::stable_sort(sites.begin(), sites.end(),
                   [&](int a, int b) { return by_site[a] > by_site[b]; });
  if (sites.empty()) return "";
  const int namelen = static_cast<int>(name.size());
  std::string out = rule('-', std::max(0, 40 - namelen), namelen);
  for (int i : sites) {
    out += column(name, 40) + " " + column(std::to_string(by_site[i]), 14) + " " +
           column("[<n/a>]", 29) + " " + to_string(static_cast<CallSite>(i)) + "\n";
  }
  return out;
}

// perf's time columns (tools/perf/builtin-lock.c): a number and its unit.
std::string perf_time(Ns ns) {
  char buf[32];
  if (ns >= kNsPerSec) {
    std::snprintf(buf, sizeof buf, "%.2f s", static_cast<double>(ns) / 1e9);
  } else if (ns >= kNsPerMs) {
    std::snprintf(buf, sizeof buf, "%.2f ms", static_cast<double>(ns) / 1e6);
  } else if (ns >= kNsPerUs) {
    std::snprintf(buf, sizeof buf, "%.2f us", static_cast<double>(ns) / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRId64 " ns", ns);
  }
  return buf;
}

}  // namespace

const char* report_kind_name(ReportKind kind) {
  switch (kind) {
    case ReportKind::kHardLockup:
      return "hard";
    case ReportKind::kSoftLockup:
      return "soft";
    default:
      return "rcu";
  }
}

void append_hard_lockup_message(std::string* out, const DetectorReport& report) {
  // "watchdog: CPU%d: Watchdog detected hard LOCKUP on cpu %d"
  out->append("watchdog: CPU");
  append_decimal(out, report.checker_cpu);
  out->append(": Watchdog detected hard LOCKUP on cpu ");
  append_decimal(out, report.cpu);
}

void append_soft_lockup_message(std::string* out, const DetectorReport& report) {
  // "watchdog: BUG: soft lockup - CPU#%d stuck for %llds!"
  out->append("watchdog: BUG: soft lockup - CPU#");
  append_decimal(out, report.cpu);
  out->append(" stuck for ");
  append_decimal(out, report.stuck_ns >> 30);  // get_timestamp(): 2^30-ns units
  out->append("s!");
}

std::string hard_lockup_message(const DetectorReport& report) {
  std::string text;
  append_hard_lockup_message(&text, report);
  return text;
}

std::string soft_lockup_message(const DetectorReport& report) {
  std::string text;
  append_soft_lockup_message(&text, report);
  return text;
}

const char* rcu_flavour(Preempt preempt) {
  return preempt == Preempt::kFull || preempt == Preempt::kLazy ? "rcu_preempt" : "rcu_sched";
}

void append_printk_time(std::string* out, Ns ts_ns) {
  const auto ts = static_cast<std::uint64_t>(ts_ns < 0 ? 0 : ts_ns);
  out->push_back('[');
  append_decimal(out, ts / kNsPerSec, 5, ' ');
  out->push_back('.');
  append_decimal(out, (ts % kNsPerSec) / kNsPerUs, 6, '0');
  out->push_back(']');
}

std::string kernel_log_line(const DetectorReport& report, Preempt preempt) {
  std::string stamp;
  append_printk_time(&stamp, report.at_ns);
  stamp += ' ';
  switch (report.kind) {
    case ReportKind::kHardLockup:
      return stamp + hard_lockup_message(report);
    case ReportKind::kSoftLockup:
      return stamp + soft_lockup_message(report);
    case ReportKind::kRcuStall:
      break;
  }
  char text[96];
  std::snprintf(text, sizeof text, "rcu: INFO: %s detected stalls on CPUs/tasks: { %d }",
                rcu_flavour(preempt), report.cpu);
  return stamp + std::string(text);
}

std::string lock_stat_header() {
  std::string out =
      "lock_stat version 0.4\n" + rule('-', 0, kRuleLength) + column("class name", 40);
  for (const char* name : {"con-bounces", "contentions", "waittime-min", "waittime-max",
                           "waittime-total", "waittime-avg", "acq-bounces", "acquisitions",
                           "holdtime-min", "holdtime-max", "holdtime-total", "holdtime-avg"}) {
    out += " " + column(name, 14);
  }
  return out + "\n" + rule('-', 0, kRuleLength) + "\n";
}

std::string lock_stat_class_name(std::size_t point, Algorithm algorithm) {
  return std::string(kLockStatClass) + "/p" + std::to_string(point) + "/" + to_string(algorithm);
}

std::string lock_stat_line(const std::string& class_name, const LockStat& s) {
  // lockdep_proc.c seq_stats, a lock with no readers: "%40s:", "%14lu "
  // con-bounces, the wait times, " %14lu " acq-bounces, the hold times.
  std::string out = column(class_name, 40) + ":" + column(std::to_string(s.con_bounces), 14) + " " +
                    lock_time(s.contentions, s.wait_min_ns, s.wait_max_ns, s.wait_total_ns) + " " +
                    column(std::to_string(s.acq_bounces), 14) + " " +
                    lock_time(s.acquisitions, s.hold_min_ns, s.hold_max_ns, s.hold_total_ns) + "\n";
  if (s.contentions == 0) return out;
  // The contention points (who waited), then the contending points (where
  // the holder they waited for had taken the lock).
  out += points_block(class_name, s.contentions_by_site);
  const std::string contending = points_block(class_name, s.contending_by_site);
  out += contending;
  if (!contending.empty()) out += "\n" + rule('.', 0, kRuleLength) + "\n";
  return out;
}

std::string lock_caller_table(const std::string& class_name, const LockStat& s) {
  std::vector<int> callers;
  Ns hold_all = 0;
  for (int i = 0; i < kKernelFns; ++i) {
    if (s.by_caller[i].acquisitions > 0) callers.push_back(i);
    hold_all = add_saturating(hold_all, s.by_caller[i].hold_total_ns);
  }
  if (callers.empty()) return "";
  // Whose hold time dominates comes first.
  std::stable_sort(callers.begin(), callers.end(), [&](int a, int b) {
    return s.by_caller[a].hold_total_ns > s.by_caller[b].hold_total_ns;
  });
  std::string out = "# callers of " + class_name +
                    " (as perf lock contention aggregates by caller, with hold times)\n" +
                    column("contended", 10) + column("total wait", 13) + column("max wait", 13) +
                    column("avg wait", 13) + column("acquired", 11) + column("total hold", 13) +
                    column("max hold", 13) + column("hold share", 11) + "   caller\n";
  for (int i : callers) {
    const LockCaller& c = s.by_caller[i];
    char share[16];
    std::snprintf(share, sizeof share, "%.1f%%",
                  hold_all > 0
                      ? 100.0 * static_cast<double>(c.hold_total_ns) / static_cast<double>(hold_all)
                      : 0.0);
    out += column(std::to_string(c.contentions), 10) + column(perf_time(c.wait_total_ns), 13) +
           column(perf_time(c.wait_max_ns), 13) +
           column(perf_time(c.contentions > 0 ? c.wait_total_ns / c.contentions : 0), 13) +
           column(std::to_string(c.acquisitions), 11) + column(perf_time(c.hold_total_ns), 13) +
           column(perf_time(c.hold_max_ns), 13) + column(share, 11) + "   " +
           to_string(static_cast<KernelFn>(i)) + "\n";
  }
  return out;
}

}  // namespace twsim
