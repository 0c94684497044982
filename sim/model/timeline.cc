#include "sim/model/timeline.h"

#include <algorithm>
#include <set>

#include "sim/model/hrtimer_clock.h"
#include "sim/model/watchdog.h"

namespace twsim {

namespace {

bool drawn(const TimelineLimits& limits, int cpu) {
  return limits.cpus.empty() ||
         (static_cast<std::size_t>(cpu) < limits.cpus.size() && limits.cpus[cpu]);
}

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
    const Ns length = s.end - s.start;
    for (Ns f = clock.next_firing_after(from); f <= to; f = clock.next_firing_after(f)) {
      out->push_back({TimelineInstant::Kind::kHrtimer, cpu, f, {}, length});
    }
    if (in.kernel.hardlockup_detector == HardlockupDetector::kPerf) {
      const Ns p = in.timing.nmi_accepted_period_ns;
      const Ns phase = in.phases[cpu].nmi_phase_ns;
      for (Ns t = phase + (floor_div(from - phase, p) + 1) * p; t <= to; t += p) {
        out->push_back({TimelineInstant::Kind::kNmi, cpu, t, {}, length});
      }
    }
    last_drawn = to;
  }
}

// Keeps the `cap` items with the largest weight (of equal ones, the earlier
// made), in their order; returns how many it dropped and sets *below to the
// largest weight dropped.
template <typename T, typename Weight>
std::int64_t keep_heaviest(std::vector<T>* items, std::size_t cap, Weight weight, Ns* below) {
  if (items->size() <= cap) return 0;
  std::vector<std::size_t> order(items->size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto heavier = [&](std::size_t a, std::size_t b) {
    const Ns wa = weight((*items)[a]), wb = weight((*items)[b]);
    return wa != wb ? wa > wb : a < b;
  };
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(cap), order.end(),
                   heavier);
  std::vector<char> keep(items->size(), 0);
  for (std::size_t i = 0; i < cap; ++i) keep[order[i]] = 1;
  *below = weight((*items)[order[cap]]);
  std::vector<T> kept;
  kept.reserve(cap);
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (keep[i]) kept.push_back((*items)[i]);
  }
  const auto dropped = static_cast<std::int64_t>(items->size() - kept.size());
  *items = std::move(kept);
  return dropped;
}

// Marks each hand-over: in grant order, a call that waited and was already
// waiting when the previous holder released got the lock from that release
// (qspinlock.c: the unlock's store is what the waiter's spin sees).
void mark_handovers(std::vector<LockCall> calls, std::vector<TimelineSpan>* spans) {
  std::stable_sort(calls.begin(), calls.end(),
                   [](const LockCall& a, const LockCall& b) { return a.granted < b.granted; });
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const LockCall& c = calls[i];
    const auto id = static_cast<std::int64_t>(i + 1);
    const bool handed = i > 0 && c.granted > c.called && c.called <= calls[i - 1].released;
    if (c.granted > c.called) {
      spans->push_back({TimelineSpan::Kind::kSpin, c.cpu, c.called, c.granted, c.role, c.site, 0,
                        c.fn, 0, handed ? id : 0, handed ? calls[i - 1].released : 0});
    }
    const bool hands_on = i + 1 < calls.size() && calls[i + 1].granted > calls[i + 1].called &&
                          calls[i + 1].called <= c.released;
    spans->push_back({TimelineSpan::Kind::kHold, c.cpu, c.granted, c.released, c.role, c.site,
                      c.nodes, c.fn, c.list_length, hands_on ? id + 1 : 0, 0});
  }
}

// Clears the hand-over ids whose other end was left out.
void drop_broken_handovers(std::vector<TimelineSpan>* spans) {
  std::set<std::int64_t> from, to;
  for (const TimelineSpan& s : *spans) {
    if (s.handover_id == 0) continue;
    (s.kind == TimelineSpan::Kind::kHold ? from : to).insert(s.handover_id);
  }
  for (TimelineSpan& s : *spans) {
    if (s.handover_id != 0 && (from.count(s.handover_id) == 0 || to.count(s.handover_id) == 0)) {
      s.handover_id = 0;
      s.handover_at = 0;
    }
  }
}

}  // namespace

Timeline build_timeline(const RunDetail& run, const ScenarioConfig& scenario, std::uint64_t seed,
                        int replication, const TimelineLimits& limits) {
  Timeline t;
  mark_handovers(run.lock_calls, &t.spans);
  for (const LockCall& c : run.lock_calls) t.list_length.emplace_back(c.granted, c.list_length);
  std::sort(t.list_length.begin(), t.list_length.end());
  const int n_cpus = static_cast<int>(run.activity.size());
  for (int cpu = 0; cpu < n_cpus; ++cpu) {
    t.filtered_cpus += drawn(limits, cpu) ? 0 : 1;
    for (const IrqOffStretch& s : run.activity[cpu].irq_off) {
      t.spans.push_back(
          {TimelineSpan::Kind::kIrqOff, cpu, s.start, s.end, s.role, CallSite::kCancelMatch, 0});
    }
  }
  std::erase_if(t.spans, [&](const TimelineSpan& s) { return !drawn(limits, s.cpu); });
  t.omitted_spans = keep_heaviest(
      &t.spans, limits.max_spans, [](const TimelineSpan& s) { return s.end - s.start; },
      &t.omitted_below_ns);
  drop_broken_handovers(&t.spans);
  if (t.list_length.size() > limits.max_samples) {
    const std::size_t k = (t.list_length.size() + limits.max_samples - 1) / limits.max_samples;
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
  for (int cpu = 0; cpu < n_cpus; ++cpu) {
    if (drawn(limits, cpu)) add_watchdog_ticks(in, cpu, &t.instants);
  }
  t.omitted_ticks = keep_heaviest(
      &t.instants, limits.max_ticks, [](const TimelineInstant& i) { return i.stretch_ns; },
      &t.omitted_ticks_below_ns);
  for (const DetectorReport& r : run.metrics.reports) {
    if (drawn(limits, r.cpu))
      t.instants.push_back({TimelineInstant::Kind::kReport, r.cpu, r.at_ns, r});
  }
  std::stable_sort(t.instants.begin(), t.instants.end(),
                   [](const TimelineInstant& a, const TimelineInstant& b) { return a.at < b.at; });
  return t;
}

}  // namespace twsim
