#include "tests/model/watchdog_reference.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <queue>
#include <tuple>

namespace twsim {
namespace {

constexpr Ns kUnitNs = Ns{1} << 30;  // get_timestamp(): running_clock() >> 30

// Rounds toward minus infinity, for b > 0.
Ns floor_quotient(Ns a, Ns b) {
  Ns q = a / b;
  if (a % b != 0 && a < 0) --q;
  return q;
}

// The union of some intervals, as sorted disjoint spans. Spans that only
// touch stay apart: the shared instant is a scheduling point (an unlock's
// preempt_enable, or a switch to the next thread; docs/kernel-facts.md C4).
std::vector<TimeSpan> union_of(std::vector<TimeSpan> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](const TimeSpan& s) { return s.end <= s.start; }),
          v.end());
  std::sort(v.begin(), v.end(),
            [](const TimeSpan& a, const TimeSpan& b) { return a.start < b.start; });
  std::vector<TimeSpan> out;
  for (const TimeSpan& s : v) {
    if (!out.empty() && s.start < out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

// Where the CPU cannot run the stopper nor pass an RCU quiescent state
// (rule 11): on PREEMPT(full/lazy) the preempt_enable after each unlock is a
// scheduling point, so only interrupts-off time blocks; on none/voluntary the
// whole non-scheduling spans do.
std::vector<TimeSpan> blocked_of(const CpuActivity& a, Preempt preempt) {
  std::vector<TimeSpan> v;
  for (const IrqOffStretch& s : a.irq_off) v.push_back(TimeSpan{s.start, s.end});
  if (preempt == Preempt::kNone || preempt == Preempt::kVoluntary) {
    v.insert(v.end(), a.no_sched.begin(), a.no_sched.end());
  }
  return union_of(std::move(v));
}

enum EventType { kKick, kCallback, kNmi, kStopperRun };

// (time, priority, cpu, type): ties resolved as in the header.
using Event = std::tuple<Ns, int, int, int>;

int priority_of(EventType type) {
  switch (type) {
    case kKick:
      return 0;
    case kCallback:
    case kNmi:
      return 1;
    case kStopperRun:
      return 2;
  }
  return 3;
}

struct CpuState {
  // hrtimer_interrupts, and the hard-lockup state of this CPU as the watched
  // one (checked by itself under perf, by its predecessor under buddy).
  std::int64_t count = 0;
  std::int64_t saved = 0;
  std::int64_t missed = 0;
  bool warned = false;
  Ns last_firing = 0;
  // Softlockup: softlockup_completion done?, watchdog_touch_ts, watchdog_report_ts.
  bool stopper_done = true;
  Ns touch_ts = 0;
  Ns report_ts = 0;
};

}  // namespace

std::vector<Ns> reference_hrtimer_firings(Ns phase, Ns period,
                                          const std::vector<IrqOffStretch>& irq_off, Ns from,
                                          Ns to) {
  std::vector<Ns> firings;
  Ns last_firing = from - 1;
  // The first grid point at or after `from`, then every grid point in turn.
  for (Ns g = phase - floor_quotient(phase - from, period) * period;; g += period) {
    if (g <= last_firing) continue;  // already consumed by the firing at last_firing
    Ns fires_at = g;
    for (const IrqOffStretch& s : irq_off) {
      if (s.start <= g && g < s.end) {
        fires_at = s.end;  // pending until interrupts come back on
        break;
      }
    }
    if (fires_at >= to) break;
    firings.push_back(fires_at);
    last_firing = fires_at;
  }
  return firings;
}

int reference_nmi_accept_stride(const WatchdogTiming& timing) {
  // watchdog_check_timestamp() from an accepted NMI at 0.
  const Ns last_accepted = 0;
  int nmi_rearmed = 0;
  for (int j = 1;; ++j) {
    const Ns now = j * timing.nmi_period_ns;
    if (now - last_accepted < timing.nmi_min_spacing_ns) {
      if (++nmi_rearmed < 10) continue;
    }
    return j;
  }
}

std::vector<Ns> reference_accepted_nmis(const WatchdogTiming& timing, Ns phase, Ns from, Ns to) {
  const Ns raw = timing.nmi_period_ns;
  const Ns block = reference_nmi_accept_stride(timing) * raw;
  // An accepted raw NMI at or before `from`, a whole number of strides from `phase`.
  const Ns start = phase + floor_quotient(from - phase, block) * block;
  std::vector<Ns> accepted;
  Ns last_accepted = start;
  int nmi_rearmed = 0;
  if (start >= from && start < to) accepted.push_back(start);
  for (std::int64_t j = 1;; ++j) {
    const Ns now = start + j * raw;
    if (now >= to) break;
    if (now - last_accepted < timing.nmi_min_spacing_ns) {
      if (++nmi_rearmed < 10) continue;  // ignored as too early
    }
    nmi_rearmed = 0;
    last_accepted = now;
    if (now >= from) accepted.push_back(now);
  }
  return accepted;
}

std::vector<DetectorReport> reference_detectors(const DetectorInput& in) {
  const CpuActivities& activity = *in.activity;
  const int n = static_cast<int>(activity.size());
  const WatchdogTiming& tm = in.timing;
  const Ns tick = tm.sample_period_ns;
  const Ns horizon = in.horizon_ns;
  const HardlockupDetector mode = in.kernel.hardlockup_detector;
  const bool perf = mode == HardlockupDetector::kPerf;
  const bool buddy =
      (mode == HardlockupDetector::kBuddy || mode == HardlockupDetector::kBuddyLegacy) && n >= 2;
  const bool legacy = mode == HardlockupDetector::kBuddyLegacy;
  const Ns accepted_spacing = reference_nmi_accept_stride(tm) * tm.nmi_period_ns;
  // Start well before 0, so several checks of every kind have run by then.
  const Ns t0 = -std::max<Ns>(60 * kNsPerSec, 5 * std::max<Ns>(3 * tick, accepted_spacing));
  auto units = [&](Ns t) { return floor_quotient(t + in.clock_offset_ns, kUnitNs); };

  std::vector<std::vector<TimeSpan>> blocked(n);
  std::vector<CpuState> st(n);
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> queue;
  auto push = [&](Ns t, int cpu, EventType type) {
    queue.emplace(t, priority_of(type), cpu, static_cast<int>(type));
  };
  for (int c = 0; c < n; ++c) {
    blocked[c] = blocked_of(activity[c], in.kernel.preempt);
    const std::vector<Ns> firings = reference_hrtimer_firings(in.phases[c].hrtimer_phase_ns, tick,
                                                              activity[c].irq_off, t0, horizon);
    std::int64_t before_zero = 0;
    for (Ns f : firings) {
      push(f, c, kKick);
      push(f, c, kCallback);
      if (f < 0) ++before_zero;
    }
    // hrtimer_interrupts = count_residue (mod 3) at t = 0; kept positive.
    st[c].count = 3 * (before_zero + 1) + in.phases[c].count_residue - before_zero;
    st[c].saved = st[c].count;
    st[c].last_firing = t0;
    st[c].touch_ts = st[c].report_ts = units(t0);
    if (perf) {
      for (Ns a : reference_accepted_nmis(tm, in.phases[c].nmi_phase_ns, t0, horizon)) {
        push(a, c, kNmi);
      }
    }
  }

  std::vector<DetectorReport> out;
  auto report = [&](const DetectorReport& r) {
    if (r.at_ns >= 0 && r.at_ns < horizon) out.push_back(r);
  };
  // watchdog_hardlockup_check(cpu) as run by `checker` at t.
  auto hardlockup_check = [&](int cpu, int checker, int miss_thresh, Ns t) {
    CpuState& s = st[cpu];
    if (s.count != s.saved) {  // watchdog_hardlockup_update_reset()
      s.saved = s.count;
      s.missed = 0;
      s.warned = false;
      return;
    }
    ++s.missed;
    if (s.missed % miss_thresh != 0) {  // is_hardlockup() false: warned cleared
      s.warned = false;
      return;
    }
    if (!s.warned) {
      report({ReportKind::kHardLockup, t, cpu, checker, t - s.last_firing});
      s.warned = true;
    }
  };

  while (!queue.empty()) {
    const auto [t, prio, c, type] = queue.top();
    queue.pop();
    (void)prio;
    if (t >= horizon) break;
    CpuState& s = st[c];
    switch (type) {
      case kKick:  // watchdog_hardlockup_kick(): atomic_inc_return(hrtimer_interrupts)
        ++s.count;
        s.last_firing = t;
        break;
      case kCallback: {
        if (buddy) {  // watchdog_buddy_check_hardlockup(new count)
          if (!legacy) {
            hardlockup_check((c + 1) % n, c, 3, t);
          } else if (s.count % 3 == 0) {
            hardlockup_check((c + 1) % n, c, 1, t);
          }
        }
        if (!in.kernel.softlockup_detector) break;
        if (s.stopper_done) {  // stop_one_cpu_nowait(softlockup_fn)
          s.stopper_done = false;
          Ns runs_at = t;
          for (const TimeSpan& b : blocked[c]) {
            // At a span's first instant the CPU is still at the scheduling
            // point before it.
            if (b.start < t && t < b.end) runs_at = b.end;
          }
          push(runs_at, c, kStopperRun);
        }
        const Ns now = units(t);
        if (now - s.report_ts > tm.soft_thresh_units) {  // is_softlockup()
          report({ReportKind::kSoftLockup, t, c, c, (now - s.touch_ts) * kUnitNs});
          s.report_ts = now;  // update_report_ts()
        }
        break;
      }
      case kNmi:  // watchdog_overflow_callback() after an accepted timestamp
        hardlockup_check(c, c, 1, t);
        break;
      case kStopperRun:  // softlockup_fn()
        s.touch_ts = s.report_ts = units(t);
        s.stopper_done = true;
        break;
    }
  }

  // RCU CPU stall: every blocked span longer than the timeout, reported at
  // the timeout and again every 3 timeouts.
  const Ns timeout = tm.rcu_timeout_ns;
  for (int c = 0; c < n; ++c) {
    for (const TimeSpan& b : blocked[c]) {
      for (Ns t = b.start + timeout; t < b.end; t += 3 * timeout) {
        report({ReportKind::kRcuStall, t, c, -1, t - b.start});
      }
    }
  }

  std::sort(out.begin(), out.end(), [](const DetectorReport& a, const DetectorReport& b) {
    return std::tie(a.at_ns, a.cpu, a.kind, a.checker_cpu) <
           std::tie(b.at_ns, b.cpu, b.kind, b.checker_cpu);
  });
  return out;
}

}  // namespace twsim
