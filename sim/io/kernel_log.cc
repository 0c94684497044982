#include "sim/io/kernel_log.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <vector>

#include "sim/core/saturating.h"

namespace twsim {
namespace {

// Nanoseconds as /proc/lock_stat prints them: microseconds, two decimals.
std::string usecs(double ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", ns / 1000.0);
  return buf;
}

std::string column(const std::string& text, int width) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%*s", width, text.c_str());
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

std::string kernel_log_line(const DetectorReport& report, Preempt preempt) {
  char stamp[48];
  const Ns at = report.at_ns < 0 ? 0 : report.at_ns;
  std::snprintf(stamp, sizeof stamp, "[%5" PRId64 ".%06" PRId64 "] ", at / kNsPerSec,
                (at % kNsPerSec) / kNsPerUs);
  char text[160];
  switch (report.kind) {
    case ReportKind::kHardLockup:
      std::snprintf(text, sizeof text, "watchdog: CPU%d: Watchdog detected hard LOCKUP on cpu %d",
                    report.checker_cpu, report.cpu);
      break;
    case ReportKind::kSoftLockup:
      std::snprintf(text, sizeof text,
                    "watchdog: BUG: soft lockup - CPU#%d stuck for %" PRId64 "s!", report.cpu,
                    report.stuck_ns >> 30);  // kernel/watchdog.c get_timestamp(): 2^30-ns units
      break;
    default: {
      const bool preemptible = preempt == Preempt::kFull || preempt == Preempt::kLazy;
      std::snprintf(text, sizeof text, "rcu: INFO: %s detected stalls on CPUs/tasks: { %d }",
                    preemptible ? "rcu_preempt" : "rcu_sched", report.cpu);
      break;
    }
  }
  return std::string(stamp) + text;
}

std::string lock_stat_header() {
  const std::string rule(40 + 15 * 12, '-');
  std::string out = "lock_stat version 0.4\n" + rule + "\n" + column("class name", 40);
  for (const char* name : {"con-bounces", "contentions", "waittime-min", "waittime-max",
                           "waittime-total", "waittime-avg", "acq-bounces", "acquisitions",
                           "holdtime-min", "holdtime-max", "holdtime-total", "holdtime-avg"}) {
    out += " " + column(name, 14);
  }
  return out + "\n" + rule + "\n";
}

// A total in us; one that reached 2^63 ns stopped counting there
// (add_saturating) and is printed as a lower bound, ">9223372036854776.00".
std::string total_usecs(Ns total) {
  return total == kSaturated ? ">" + usecs(total) : usecs(total);
}

std::string lock_stat_line(const std::string& class_name, const LockStat& s) {
  const double wait_avg =
      s.contentions > 0 ? static_cast<double>(s.wait_total_ns) / static_cast<double>(s.contentions)
                        : 0;
  const double hold_avg = s.acquisitions > 0 ? static_cast<double>(s.hold_total_ns) /
                                                   static_cast<double>(s.acquisitions)
                                             : 0;
  std::string out = column(class_name + ":", 40);
  for (const std::string& cell :
       {std::string("n/a"), std::to_string(s.contentions), usecs(s.wait_min_ns),
        usecs(s.wait_max_ns), total_usecs(s.wait_total_ns), usecs(wait_avg), std::string("n/a"),
        std::to_string(s.acquisitions), usecs(s.hold_min_ns), usecs(s.hold_max_ns),
        total_usecs(s.hold_total_ns), usecs(hold_avg)}) {
    out += " " + column(cell, 14);
  }
  out += "\n";
  // The contention points, busiest first, as lock_stat lists the call sites
  // that had to wait (the model knows functions, not return addresses).
  std::vector<int> sites;
  for (int i = 0; i < kCallSites; ++i) {
    if (s.contentions_by_site[i] > 0) sites.push_back(i);
  }
  std::stable_sort(sites.begin(), sites.end(), [&](int a, int b) {
    return s.contentions_by_site[a] > s.contentions_by_site[b];
  });
  if (!sites.empty()) out += column(std::string(class_name.size(), '-'), 40) + "\n";
  for (int i : sites) {
    out += column(class_name, 40) + " " + column(std::to_string(s.contentions_by_site[i]), 14) +
           " " + to_string(static_cast<CallSite>(i)) + "\n";
  }
  return out;
}

}  // namespace twsim
