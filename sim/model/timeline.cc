#include "sim/model/timeline.h"

#include <algorithm>

#include "sim/model/hrtimer_clock.h"
#include "sim/model/watchdog.h"

namespace twsim {

namespace {

// hrtimer firings and accepted perf NMIs near each interrupts-off stretch.
void add_watchdog_ticks(const DetectorInput& in, int cpu, std::vector<TimelineInstant>* out) {
  const auto& stretches = (*in.activity)[cpu].irq_off;
  if (stretches.empty()) return;
  const Ns tick = in.timing.sample_period_ns;
  const HrtimerClock clock(in.phases[cpu].hrtimer_phase_ns, tick, &stretches);
  Ns last_drawn = INT64_MIN;
  for (const IrqOffStretch& s : stretches) {
    const Ns from = std::max({Ns{0}, s.start - 2 * tick, last_drawn});
    const Ns to = std::min(in.horizon_ns, s.end + 2 * tick);
    for (Ns f = clock.next_firing_after(from); f <= to; f = clock.next_firing_after(f)) {
      out->push_back({TimelineInstant::Kind::kHrtimer, cpu, f, {}});
    }
    if (in.kernel.hardlockup_detector == HardlockupDetector::kPerf) {
      const Ns p = in.timing.nmi_accepted_period_ns;
      const Ns phase = in.phases[cpu].nmi_phase_ns;
      for (Ns t = phase + (floor_div(from - phase, p) + 1) * p; t <= to; t += p) {
        out->push_back({TimelineInstant::Kind::kNmi, cpu, t, {}});
      }
    }
    last_drawn = to;
  }
}

}  // namespace

Timeline build_timeline(const RunDetail& run, const ScenarioConfig& scenario, std::uint64_t seed,
                        int replication, std::size_t max_spans) {
  Timeline t;
  for (const LockCall& c : run.lock_calls) {
    if (c.granted > c.called) {
      t.spans.push_back({TimelineSpan::Kind::kSpin, c.cpu, c.called, c.granted, c.role, c.site, 0});
    }
    t.spans.push_back(
        {TimelineSpan::Kind::kHold, c.cpu, c.granted, c.released, c.role, c.site, c.nodes});
    t.list_length.emplace_back(c.granted, c.list_length);
  }
  const int n_cpus = static_cast<int>(run.activity.size());
  for (int cpu = 0; cpu < n_cpus; ++cpu) {
    for (const IrqOffStretch& s : run.activity[cpu].irq_off) {
      t.spans.push_back(
          {TimelineSpan::Kind::kIrqOff, cpu, s.start, s.end, s.role, CallSite::kCancelMatch, 0});
    }
  }
  if (t.spans.size() > max_spans) {
    // Keep the max_spans longest; of equally long ones, the earlier made.
    std::vector<std::size_t> order(t.spans.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto longer = [&](std::size_t a, std::size_t b) {
      const Ns la = t.spans[a].end - t.spans[a].start, lb = t.spans[b].end - t.spans[b].start;
      return la != lb ? la > lb : a < b;
    };
    std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(max_spans),
                     order.end(), longer);
    std::vector<char> keep(t.spans.size(), 0);
    for (std::size_t i = 0; i < max_spans; ++i) keep[order[i]] = 1;
    t.omitted_below_ns = t.spans[order[max_spans]].end - t.spans[order[max_spans]].start;
    std::vector<TimelineSpan> kept;
    kept.reserve(max_spans);
    for (std::size_t i = 0; i < t.spans.size(); ++i) {
      if (keep[i]) kept.push_back(t.spans[i]);
    }
    t.omitted_spans = static_cast<std::int64_t>(t.spans.size() - kept.size());
    t.spans = std::move(kept);
  }
  if (t.list_length.size() > max_spans) {
    const std::size_t k = (t.list_length.size() + max_spans - 1) / max_spans;
    std::vector<std::pair<Ns, std::int64_t>> thinned;
    for (std::size_t i = 0; i < t.list_length.size(); i += k) thinned.push_back(t.list_length[i]);
    t.omitted_samples = static_cast<std::int64_t>(t.list_length.size() - thinned.size());
    t.list_length = std::move(thinned);
  }
  // Enclosing spans first (an interrupts-off stretch before the spin and hold
  // inside it), so that trace viewers nest them.
  std::stable_sort(
      t.spans.begin(), t.spans.end(), [](const TimelineSpan& a, const TimelineSpan& b) {
        if (a.start != b.start) return a.start < b.start;
        if (a.end != b.end) return a.end > b.end;
        return a.kind == TimelineSpan::Kind::kIrqOff && b.kind != TimelineSpan::Kind::kIrqOff;
      });

  const DetectorInput in = make_detector_input(run.activity, scenario, seed, replication);
  for (int cpu = 0; cpu < n_cpus; ++cpu) add_watchdog_ticks(in, cpu, &t.instants);
  if (t.instants.size() > max_spans) {
    std::stable_sort(
        t.instants.begin(), t.instants.end(),
        [](const TimelineInstant& a, const TimelineInstant& b) { return a.at < b.at; });
    t.omitted_ticks = static_cast<std::int64_t>(t.instants.size() - max_spans);
    t.instants.resize(max_spans);
  }
  for (const DetectorReport& r : run.metrics.reports) {
    t.instants.push_back({TimelineInstant::Kind::kReport, r.cpu, r.at_ns, r});
  }
  std::stable_sort(t.instants.begin(), t.instants.end(),
                   [](const TimelineInstant& a, const TimelineInstant& b) { return a.at < b.at; });
  return t;
}

}  // namespace twsim
