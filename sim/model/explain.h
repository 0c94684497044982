// The facts behind one CPU of one run, for `twsim explain` (in the spirit of
// ninja's -d explain): what it was doing, how long its interrupts were off
// and why (who held pi_lock ahead of it, walking what), what its watchdog
// saw, and which reports followed. Plain data; the CLI words it.
#ifndef TWSIM_MODEL_EXPLAIN_H_
#define TWSIM_MODEL_EXPLAIN_H_

#include <cstdint>
#include <vector>

#include "sim/model/teardown.h"
#include "sim/scenario/config.h"

namespace twsim {

struct Explanation {
  bool any = false;  // false: the CPU never turned interrupts off
  int cpu = -1;
  // The stretch the CPU's first report fell in (or ended at), else its
  // longest one.
  IrqOffStretch stretch{};
  bool reported = false;  // a report of this CPU fell in (or at the end of) `stretch`
  // The stretches around `stretch` that touch it back to back (each starts
  // as the one before ends: a lock call right after an unlock, or the next
  // thread's call right after a context switch) with no hrtimer firing at any
  // of those instants, in time order; just `stretch` if there are none. To the
  // hard-lockup detector they are one stretch.
  std::vector<IrqOffStretch> chain;
  LockCall own{};  // its own critical section at the end of that stretch
  // Holders of pi_lock while it waited (the one it found, then those granted
  // before it), in order.
  std::vector<LockCall> ahead;
  // Watchdog view of that stretch.
  Ns sample_period_ns = 0;
  Ns last_firing_before_ns = 0;  // last hrtimer firing before interrupts went off
  Ns firing_at_end_ns = -1;      // deferred firing at re-enable (-1: none was pending)
  bool perf = false;
  Ns nmi_period_ns = 0;  // accepted-NMI spacing
  struct Check {
    Ns at;
    bool progress;  // hrtimer_interrupts moved since the previous accepted NMI
  };
  std::vector<Check> nmi_checks;        // accepted NMIs during the stretch (perf detector only)
  std::vector<DetectorReport> reports;  // every report about this CPU
};

// The CPU `twsim explain` describes by default: the CPU of the run's first
// report, else the one with the longest interrupts-off stretch (-1 if no CPU
// turned interrupts off).
int cpu_to_explain(const RunDetail& run);

// Explains `cpu` in `run`.
Explanation explain_cpu(const RunDetail& run, int cpu, const ScenarioConfig& scenario,
                        std::uint64_t seed, int replication);

}  // namespace twsim

#endif  // TWSIM_MODEL_EXPLAIN_H_
