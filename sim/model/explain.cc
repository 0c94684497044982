#include "sim/model/explain.h"

#include <algorithm>

#include "sim/model/hrtimer_clock.h"
#include "sim/model/watchdog.h"

namespace twsim {
namespace {

// The stretch `cpu`'s first report fell in (start < at <= end), or the
// CPU's longest stretch; sets `reported` for the first.
std::size_t stretch_to_explain(const std::vector<IrqOffStretch>& stretches,
                               const std::vector<DetectorReport>& reports, bool* reported) {
  for (const DetectorReport& r : reports) {
    for (std::size_t i = 0; i < stretches.size(); ++i) {
      if (stretches[i].start < r.at_ns && r.at_ns <= stretches[i].end) {
        *reported = true;
        return i;
      }
    }
  }
  std::size_t longest = 0;
  for (std::size_t i = 1; i < stretches.size(); ++i) {
    const auto len = [&](std::size_t k) { return stretches[k].end - stretches[k].start; };
    if (len(i) > len(longest)) longest = i;
  }
  return longest;
}

}  // namespace

int cpu_to_explain(const RunDetail& run) {
  if (!run.metrics.reports.empty()) return run.metrics.reports.front().cpu;
  return run.metrics.max_irqoff_cpu;
}

Explanation explain_cpu(const RunDetail& run, int cpu, const ScenarioConfig& scenario,
                        std::uint64_t seed, int replication) {
  Explanation e;
  e.cpu = cpu;
  const RunMetrics& m = run.metrics;
  for (const DetectorReport& r : m.reports) {
    if (r.cpu == cpu) e.reports.push_back(r);
  }
  const auto& stretches = run.activity[cpu].irq_off;
  if (stretches.empty()) return e;
  e.any = true;
  const std::size_t index = stretch_to_explain(stretches, e.reports, &e.reported);
  e.stretch = stretches[index];
  const Ns granted = e.stretch.start + e.stretch.wait_ns;
  for (const LockCall& c : run.lock_calls) {
    if (c.cpu == cpu && c.called == e.stretch.start) e.own = c;
    // Holders it found or that were granted while it waited.
    if (c.cpu != cpu && c.released > e.stretch.start && c.granted < granted) {
      e.ahead.push_back(c);
    }
  }
  // A stretch still open at the horizon has no completed call of its own.
  if (e.own.called != e.stretch.start) {
    e.own = LockCall{
        cpu, e.stretch.role, CallSite::kCancelMatch, e.stretch.start, granted, e.stretch.end, 0, 0};
  }

  const DetectorInput in = make_detector_input(run.activity, scenario, seed, replication);
  const HrtimerClock clock(in.phases[cpu].hrtimer_phase_ns, in.timing.sample_period_ns, &stretches);
  // Back-to-back neighbours joined at an instant where the hrtimer did not fire.
  const auto joined = [&](const IrqOffStretch& a, const IrqOffStretch& b) {
    return a.end == b.start && clock.next_firing_after(a.end - 1) != a.end;
  };
  std::size_t first = index, last = index;
  while (first > 0 && joined(stretches[first - 1], stretches[first])) --first;
  while (last + 1 < stretches.size() && joined(stretches[last], stretches[last + 1])) ++last;
  e.chain.assign(stretches.begin() + first, stretches.begin() + last + 1);

  e.sample_period_ns = in.timing.sample_period_ns;
  const Ns grid = clock.grid_at_or_before(e.stretch.start);
  // The last firing before the stretch is the grid tick before it, unless that
  // tick was itself deferred by an earlier stretch.
  e.last_firing_before_ns = grid;
  for (const IrqOffStretch& s : stretches) {
    if (s.start <= grid && grid < s.end) e.last_firing_before_ns = s.end;
  }
  if (clock.next_firing_after(e.stretch.start) == e.stretch.end) e.firing_at_end_ns = e.stretch.end;
  e.perf = scenario.kernel.hardlockup_detector == HardlockupDetector::kPerf;
  e.nmi_period_ns = in.timing.nmi_accepted_period_ns;
  if (e.perf) {
    const Ns p = e.nmi_period_ns, phase = in.phases[cpu].nmi_phase_ns;
    for (Ns t = phase + (floor_div(e.stretch.start - phase, p) + 1) * p; t < e.stretch.end;
         t += p) {
      e.nmi_checks.push_back({t, clock.next_firing_after(t - p) <= t});
    }
  }
  return e;
}

}  // namespace twsim
