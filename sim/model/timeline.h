// One run drawn as per-CPU tracks for a person to read (twsim run --trace):
// who spun for pi_lock and who held it (and walking what), the
// interrupts-off stretches, the watchdog hrtimer firings and accepted perf
// NMIs on the CPUs that had interrupts off, every detector report, and the
// task_work list length. Plain data; sim/cli/chrome_trace.h writes it as a
// Chrome trace-event file for Perfetto or chrome://tracing.
#ifndef TWSIM_MODEL_TIMELINE_H_
#define TWSIM_MODEL_TIMELINE_H_

#include <cstdint>
#include <vector>

#include "sim/model/teardown.h"
#include "sim/scenario/config.h"

namespace twsim {

struct TimelineSpan {
  enum class Kind { kSpin, kHold, kIrqOff };
  Kind kind;
  int cpu;
  Ns start;
  Ns end;
  Role role;
  CallSite site;       // kSpin / kHold only
  std::int64_t nodes;  // kHold: nodes walked
};

struct TimelineInstant {
  enum class Kind { kHrtimer, kNmi, kReport };
  Kind kind;
  int cpu;
  Ns at;
  DetectorReport report;  // kReport only
};

struct Timeline {
  std::vector<TimelineSpan> spans;
  std::vector<TimelineInstant> instants;
  std::vector<std::pair<Ns, std::int64_t>> list_length;  // (time, nodes), a counter track
  std::int64_t omitted_spans = 0;  // spans no longer than omitted_below_ns, left out
  Ns omitted_below_ns = 0;
  std::int64_t omitted_ticks = 0;    // hrtimer and NMI instants after the last kept one
  std::int64_t omitted_samples = 0;  // list-length samples thinned out
};

// Builds the timeline of a run. Watchdog ticks are drawn only on CPUs that
// turned interrupts off, within 2 sample periods of their stretches. Each
// kind of event is capped at `max_spans`, and the Timeline says what was left
// out: the shortest spans (a person cannot see them at the zoom such a trace
// opens at; of equally short ones, the later), the latest hrtimer and NMI
// instants, and every k-th list-length sample but one. Detector reports are
// always kept (a run keeps at most kReportsPerRun).
Timeline build_timeline(const RunDetail& run, const ScenarioConfig& scenario, std::uint64_t seed,
                        int replication, std::size_t max_spans = 500'000);

}  // namespace twsim

#endif  // TWSIM_MODEL_TIMELINE_H_
