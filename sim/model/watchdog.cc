#include "sim/model/watchdog.h"

#include <algorithm>
#include <cmath>

#include "sim/core/random.h"
#include "sim/model/hrtimer_clock.h"

namespace twsim {
namespace {

constexpr Ns kTimestampUnitNs = Ns{1} << 30;  // get_timestamp(): running_clock() >> 30

// Sorts *v by start (then end), unless it already is, and merges in place
// the intervals whose gaps are shorter than `gap` (0: only overlapping ones).
// In place and sort-free when sorted: a CPU's stretches come in time order,
// and this runs for every busy CPU of every run (it was 900,000 allocations
// in the phase diagram).
void cluster_in_place(std::vector<TimeSpan>* v, Ns gap) {
  const auto by_start = [](const TimeSpan& a, const TimeSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  };
  if (!std::is_sorted(v->begin(), v->end(), by_start)) std::sort(v->begin(), v->end(), by_start);
  std::size_t kept = 0;
  for (const TimeSpan& i : *v) {
    if (kept > 0 && i.start - (*v)[kept - 1].end < gap) {
      (*v)[kept - 1].end = std::max((*v)[kept - 1].end, i.end);
    } else {
      (*v)[kept++] = i;
    }
  }
  v->resize(kept);
}

void append_intervals(const std::vector<IrqOffStretch>& v, std::vector<TimeSpan>* out) {
  for (const auto& s : v) out->push_back(TimeSpan{s.start, s.end});
}

// The spans in which `cpu` cannot run the stopper or pass an RCU quiescent
// state (docs/kernel-facts.md rule 11, C4): on PREEMPT(full/lazy) the preempt_enable
// right after each unlock is a scheduling point (the stopper's wakeup is
// resched_curr, not the lazy kind), so only the interrupts-off stretches
// count; on none/voluntary nothing in the teardown loops schedules, so the
// threads' whole non-scheduling spans count. Spans that overlap merge; spans
// that only touch do not: the boundary is a scheduling point (an unlock's
// preempt_enable, or a context switch from one thread to the next, where
// __schedule passes rcu_note_context_switch and a queued stopper runs).
// Written into *out (a buffer kept across CPUs).
void blocked_spans(const CpuActivity& a, Preempt preempt, std::vector<TimeSpan>* out) {
  out->clear();
  append_intervals(a.irq_off, out);
  if (preempt == Preempt::kNone || preempt == Preempt::kVoluntary) {
    out->insert(out->end(), a.no_sched.begin(), a.no_sched.end());
  }
  cluster_in_place(out, 0);  // union of overlaps, sorted
}

// The span of sorted, disjoint `v` with start < t < end, or nullptr: a CPU at
// the very start of a span is still at the scheduling point before it.
const TimeSpan* span_around(const std::vector<TimeSpan>& v, Ns t) {
  auto it =
      std::lower_bound(v.begin(), v.end(), t, [](const TimeSpan& i, Ns x) { return i.start < x; });
  if (it == v.begin()) return nullptr;
  --it;
  return t < it->end ? &*it : nullptr;
}

void perf_detector(const DetectorInput& in, int cpu, const HrtimerClock& clock,
                   std::vector<DetectorReport>* out) {
  const auto& stretches = (*in.activity)[cpu].irq_off;
  const Ns p_acc = in.timing.nmi_accepted_period_ns;
  const Ns phase = in.phases[cpu].nmi_phase_ns;
  // A report at accepted NMI A_i needs no hrtimer firing in (A_{i-1}, A_i],
  // which only a stretch longer than p_acc - sample_period containing A_i can
  // cause (a tick in the window is deferred to the stretch's end).
  const Ns min_len = p_acc - in.timing.sample_period_ns;
  auto nmi = [&](std::int64_t i) { return phase + i * p_acc; };
  // The check at A_i sees an unchanged count. The loop below asks for i and
  // i - 1, then i + 1 and i: the answers are kept by i's parity, so each is
  // worked out once.
  std::int64_t known_i[2] = {INT64_MIN, INT64_MIN};
  bool known[2] = {};
  auto no_progress = [&](std::int64_t i) {
    const auto slot = static_cast<std::size_t>(i & 1);
    if (known_i[slot] != i) {
      known_i[slot] = i;
      known[slot] = clock.next_firing_after(nmi(i - 1)) > nmi(i);
    }
    return known[slot];
  };
  std::int64_t last_done = INT64_MIN;
  for (const IrqOffStretch& s : stretches) {
    if (s.end - s.start <= min_len) continue;
    std::int64_t i = std::max(floor_div(s.start - phase, p_acc) + 1, last_done + 1);
    for (; nmi(i) < s.end && nmi(i) < in.horizon_ns; ++i) {
      last_done = i;
      // "warned": one report per episode; a check that sees progress re-arms it.
      if (no_progress(i) && !no_progress(i - 1)) {
        out->push_back({ReportKind::kHardLockup, nmi(i), cpu, cpu, nmi(i) - s.start});
      }
    }
  }
}

// The CPUs that ran something and the neighbours of each on either side (its
// buddy and the CPU it checks, watchdog_next_cpu), in increasing order: the
// only CPUs a detector can report on or needs phases for. Found from the
// activity's pages that were made, so an idle CPU costs no time either.
std::vector<int> cpus_near_activity(const CpuActivities& activity) {
  const int n = static_cast<int>(activity.size());
  std::vector<int> out;
  // The pages come in index order, so each CPU's neighbours extend `out` in
  // order; only the wrap-around neighbours (n-1 of CPU 0, 0 of CPU n-1) go
  // at the ends afterwards.
  bool first_needed = false, last_needed = false;
  const auto add = [&out](int d) {
    if (out.empty() || d > out.back()) out.push_back(d);
  };
  activity.for_each_made([&](std::size_t i, const CpuActivity& a) {
    if (a.irq_off.empty() && a.no_sched.empty()) return;
    const int c = static_cast<int>(i);
    if (c == 0) {
      last_needed = true;
    } else {
      add(c - 1);
    }
    add(c);
    if (c + 1 == n) {
      first_needed = true;
    } else {
      add(c + 1);
    }
  });
  if (first_needed && out.front() != 0) out.insert(out.begin(), 0);
  if (last_needed && out.back() != n - 1) out.push_back(n - 1);
  return out;
}

// CPU c's watchdog hrtimer (a view of its stretches: nothing to keep per CPU).
HrtimerClock clock_of(const DetectorInput& in, int c) {
  return HrtimerClock(in.phases[c].hrtimer_phase_ns, in.timing.sample_period_ns,
                      &(*in.activity)[c].irq_off);
}

void buddy_detector(const DetectorInput& in, int cpu, bool legacy,
                    std::vector<DetectorReport>* out) {
  const int n = static_cast<int>(in.activity->size());
  if (n < 2) return;                      // a lone CPU has no buddy
  const int checker = (cpu + n - 1) % n;  // watchdog_next_cpu(checker) == cpu
  const HrtimerClock target = clock_of(in, cpu);
  const HrtimerClock checks = clock_of(in, checker);
  const Ns tick = in.timing.sample_period_ns;
  const int miss_thresh = legacy ? 1 : 3;
  const int every = legacy ? 3 : 1;
  // Windows around either CPU's interrupts-off stretches; outside them every
  // check sees one new firing of the target and the state is reset.
  std::vector<TimeSpan> spans;
  append_intervals((*in.activity)[cpu].irq_off, &spans);
  append_intervals((*in.activity)[checker].irq_off, &spans);
  const Ns margin = 3 * every * tick + tick;
  cluster_in_place(&spans, 2 * margin);
  for (const TimeSpan& w : spans) {
    Ns x = w.start - margin;
    // hrtimer_interrupts after the firings in [0, x] (the loop starts after x).
    std::int64_t count =
        checks.firings_before(std::max<Ns>(x + 1, 0)) + in.phases[checker].count_residue;
    Ns prev_check = INT64_MIN;
    int missed = 0;
    bool warned = false;
    while (true) {
      x = checks.next_firing_after(x);
      if (x > w.end + margin || x >= in.horizon_ns) break;
      if (x >= 0) ++count;  // firings before 0 are already in the residue
      if (legacy && count % every != 0) continue;
      if (prev_check != INT64_MIN) {
        // watchdog_hardlockup_check: any check for which is_hardlockup() is
        // false (progress, or a miss short of a multiple of miss_thresh)
        // clears `warned`, so a CPU still stuck is reported again every
        // miss_thresh misses (every 12 s with the 7.1 buddy).
        if (target.next_firing_after(prev_check) <= x) {
          missed = 0;
          warned = false;
        } else if (++missed % miss_thresh != 0) {
          warned = false;
        } else if (!warned) {
          out->push_back({ReportKind::kHardLockup, x, cpu, checker, 0});
          warned = true;
        }
      }
      prev_check = x;
    }
  }
}

// `windows` is a buffer kept across CPUs.
void soft_detector(const DetectorInput& in, int cpu, const HrtimerClock& clock,
                   const std::vector<TimeSpan>& blocked, std::vector<TimeSpan>* windows,
                   std::vector<DetectorReport>* out) {
  const Ns tick = in.timing.sample_period_ns;
  auto units = [&](Ns t) { return floor_div(t + in.clock_offset_ns, kTimestampUnitNs); };
  // Between windows the CPU schedules for two whole periods, so some firing's
  // stopper has run: touch_ts = report_ts = that firing's timestamp.
  windows->assign(blocked.begin(), blocked.end());
  cluster_in_place(windows, 2 * tick + 1);
  for (const TimeSpan& w : *windows) {
    // The last firing before the span (a grid point at w.start is already in it).
    Ns f = clock.grid_at_or_before(w.start - 1);
    Ns touch = units(f), report = touch;
    Ns stopper_runs_at = -1;  // -1: the last queued stopper has completed
    while (true) {
      f = clock.next_firing_after(f);
      if (f > w.end + 2 * tick || f >= in.horizon_ns) break;
      if (stopper_runs_at >= 0 && stopper_runs_at < f) {  // softlockup_fn ran
        touch = report = units(stopper_runs_at);
        stopper_runs_at = -1;
      }
      if (stopper_runs_at < 0) {  // stop_one_cpu_nowait: runs at the next scheduling point
        const TimeSpan* b = span_around(blocked, f);
        stopper_runs_at = b ? b->end : f;
      }
      const Ns now = units(f);
      if (now - report > in.timing.soft_thresh_units) {  // time_after(now, period_ts + thresh)
        out->push_back({ReportKind::kSoftLockup, f, cpu, cpu, (now - touch) * kTimestampUnitNs});
        report = now;  // update_report_ts(): the next report needs another full period
      }
    }
  }
}

void rcu_detector(const DetectorInput& in, int cpu, const std::vector<TimeSpan>& blocked,
                  std::vector<DetectorReport>* out) {
  const Ns timeout = in.timing.rcu_timeout_ns;
  for (const TimeSpan& b : blocked) {
    for (Ns t = b.start + timeout; t < b.end && t < in.horizon_ns; t += 3 * timeout) {
      out->push_back({ReportKind::kRcuStall, t, cpu, -1, t - b.start});
    }
  }
}

}  // namespace

DetectorInput make_detector_input(const CpuActivities& activity, const ScenarioConfig& scenario,
                                  std::uint64_t seed, int replication) {
  DetectorInput in;
  in.activity = &activity;
  in.kernel = scenario.kernel;
  in.timing = WatchdogTiming::from(scenario.kernel, scenario.machine);
  // Each CPU's phases come from its own stream, so only the CPUs a detector
  // looks at need drawing: those that ran something and their buddies
  // (watchdog_next_cpu on either side); an idle machine's other CPUs cost no
  // draw and no memory (they read as zero phases, which nothing uses).
  in.phases.resize(activity.size());
  const StreamSeeds streams(seed, replication, "watchdog");
  for (const int c : cpus_near_activity(activity)) {
    RandomStream rng(streams.of(static_cast<std::uint64_t>(c)));
    in.phases[c].hrtimer_phase_ns = rng.between(0, in.timing.sample_period_ns - 1);
    in.phases[c].nmi_phase_ns = rng.between(0, in.timing.nmi_accepted_period_ns - 1);
    in.phases[c].count_residue = static_cast<int>(rng.below(3));
  }
  // The report came at uptime 672 s (docs/calibration.md §5); any uptime will do, only
  // its position within a 2^30-ns timestamp unit matters.
  RandomStream clock(seed, replication, "clock");
  in.clock_offset_ns = 600 * kNsPerSec + clock.between(0, kTimestampUnitNs - 1);
  in.horizon_ns = seconds_to_ns(scenario.horizon_s);
  return in;
}

void run_detectors(const DetectorInput& in,
                   const std::function<void(const DetectorReport&)>& sink) {
  const auto& activity = *in.activity;
  const int n = static_cast<int>(activity.size());
  std::vector<DetectorReport> out;  // one CPU's reports
  std::vector<TimeSpan> blocked, windows;
  // The others have nothing, nor a neighbour with anything, to report.
  for (const int c : cpus_near_activity(activity)) {
    const CpuActivity& a = activity[c];
    const bool buddy_sees_it = !a.irq_off.empty() || !activity[(c + n - 1) % n].irq_off.empty();
    out.clear();
    switch (in.kernel.hardlockup_detector) {
      case HardlockupDetector::kPerf:
        if (!a.irq_off.empty()) perf_detector(in, c, clock_of(in, c), &out);
        break;
      case HardlockupDetector::kBuddy:
      case HardlockupDetector::kBuddyLegacy:
        if (buddy_sees_it) {
          buddy_detector(in, c, in.kernel.hardlockup_detector == HardlockupDetector::kBuddyLegacy,
                         &out);
        }
        break;
      case HardlockupDetector::kOff:
        break;
    }
    if (!a.irq_off.empty() || !a.no_sched.empty()) {
      blocked_spans(a, in.kernel.preempt, &blocked);
      if (in.kernel.softlockup_detector) {
        soft_detector(in, c, clock_of(in, c), blocked, &windows, &out);
      }
      rcu_detector(in, c, blocked, &out);
    }
    for (const DetectorReport& r : out) sink(r);
  }
}

std::vector<DetectorReport> run_detectors(const DetectorInput& in) {
  std::vector<DetectorReport> out;
  run_detectors(in, [&out](const DetectorReport& r) { out.push_back(r); });
  std::stable_sort(out.begin(), out.end(), [](const DetectorReport& a, const DetectorReport& b) {
    return a.at_ns != b.at_ns ? a.at_ns < b.at_ns : a.cpu < b.cpu;
  });
  return out;
}

}  // namespace twsim
