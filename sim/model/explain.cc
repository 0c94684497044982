#include "sim/model/explain.h"

#include "sim/model/hrtimer_clock.h"
#include "sim/model/watchdog.h"

namespace twsim {

Explanation explain_worst_cpu(const RunDetail& run, const ScenarioConfig& scenario,
                              std::uint64_t seed, int replication) {
  Explanation e;
  const RunMetrics& m = run.metrics;
  if (m.max_irqoff_cpu < 0) return e;
  e.any = true;
  e.cpu = m.max_irqoff_cpu;
  const auto& stretches = run.activity[e.cpu].irq_off;
  for (const IrqOffStretch& s : stretches) {
    if (s.end - s.start == m.max_irqoff_ns) {
      e.stretch = s;
      break;
    }
  }
  const Ns granted = e.stretch.start + e.stretch.wait_ns;
  for (const LockCall& c : run.lock_calls) {
    if (c.cpu == e.cpu && c.called == e.stretch.start) e.own = c;
    if (c.cpu != e.cpu && c.granted >= e.stretch.start && c.granted < granted) {
      e.ahead.push_back(c);
    }
  }
  // A stretch still open at the horizon has no completed call of its own.
  if (e.own.called != e.stretch.start) {
    e.own = LockCall{e.cpu, e.stretch.role, CallSite::kCancelMatch, e.stretch.start, granted,
                     e.stretch.end, 0, 0};
  }

  const DetectorInput in = make_detector_input(run.activity, scenario, seed, replication);
  const HrtimerClock clock(in.phases[e.cpu].hrtimer_phase_ns, in.timing.sample_period_ns,
                           &stretches);
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
    const Ns p = e.nmi_period_ns, phase = in.phases[e.cpu].nmi_phase_ns;
    for (Ns t = phase + (floor_div(e.stretch.start - phase, p) + 1) * p; t < e.stretch.end;
         t += p) {
      e.nmi_checks.push_back({t, clock.next_firing_after(t - p) <= t});
    }
  }
  for (const DetectorReport& r : m.reports) {
    if (r.cpu == e.cpu) e.reports.push_back(r);
  }
  return e;
}

}  // namespace twsim
