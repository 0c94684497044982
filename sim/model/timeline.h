// One run drawn as per-CPU tracks for a person to read (twsim run --trace):
// who spun for pi_lock and who held it (and walking what), each hand-over of
// the lock from a release to the next holder, the interrupts-off stretches,
// the watchdog hrtimer firings and accepted perf NMIs on the CPUs that had
// interrupts off, every detector report, and the task_work list length.
// Plain data; sim/cli/chrome_trace.h writes it as a Chrome trace-event file
// for Perfetto or chrome://tracing.
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
  CallSite site;                  // kSpin / kHold only
  std::int64_t nodes;             // kHold: nodes walked
  KernelFn fn = KernelFn::kNone;  // kSpin / kHold: the caller
  std::int64_t list_length = 0;   // kHold: task_work list length at the grant
  // Lock hand-overs (qspinlock: the release writes the lock word the next
  // waiter spins on): a kHold whose release handed the lock on has
  // handover_id > 0, and the kSpin of the waiter it went to has the same id
  // and handover_at = that release. 0: none (or its partner was left out).
  std::int64_t handover_id = 0;
  Ns handover_at = 0;
};

struct TimelineInstant {
  enum class Kind { kHrtimer, kNmi, kReport };
  Kind kind;
  int cpu;
  Ns at;
  DetectorReport report;  // kReport only
  Ns stretch_ns = 0;      // kHrtimer / kNmi: the interrupts-off stretch it was drawn for
};

// What a trace keeps of a run: at most so many of each kind of event, and
// only the CPUs in `cpus` (empty: every CPU).
struct TimelineLimits {
  std::size_t max_spans = 250'000;
  std::size_t max_ticks = 100'000;  // hrtimer and NMI instants
  std::size_t max_samples = 100'000;
  std::vector<bool> cpus;  // cpus[c]: draw CPU c
};

struct Timeline {
  std::vector<TimelineSpan> spans;
  std::vector<TimelineInstant> instants;
  std::vector<std::pair<Ns, std::int64_t>> list_length;  // (time, nodes), a counter track
  std::int64_t omitted_spans = 0;  // spans no longer than omitted_below_ns, left out
  Ns omitted_below_ns = 0;
  std::int64_t omitted_ticks = 0;    // hrtimer and NMI instants of stretches no longer than
  Ns omitted_ticks_below_ns = 0;     // omitted_ticks_below_ns, left out
  std::int64_t omitted_samples = 0;  // list-length samples thinned out
  std::int64_t filtered_cpus = 0;    // CPUs not drawn (TimelineLimits::cpus)
};

// Builds the timeline of a run. Watchdog ticks are drawn only on CPUs that
// turned interrupts off, within 2 sample periods of their stretches. Only
// the CPUs in limits.cpus are drawn (the list-length counter is the whole
// run's). Each kind of event is capped, and the Timeline says what was left
// out: the shortest spans (a person cannot see them at the zoom such a trace
// opens at; of equally short ones, the later), the hrtimer and NMI ticks of
// the shortest stretches (likewise), and every k-th list-length sample but
// one. Detector reports are always kept (a run keeps at most kReportsPerRun).
Timeline build_timeline(const RunDetail& run, const ScenarioConfig& scenario, std::uint64_t seed,
                        int replication, const TimelineLimits& limits = {});

}  // namespace twsim

#endif  // TWSIM_MODEL_TIMELINE_H_
