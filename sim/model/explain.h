// The facts behind the worst CPU of one run, for `twsim explain` (in the
// spirit of ninja's -d explain): which CPU, what it was doing, how long its
// interrupts were off and why (who held pi_lock ahead of it, walking what),
// what its watchdog saw, and which reports followed. Plain data; the CLI
// words it.
#ifndef TWSIM_MODEL_EXPLAIN_H_
#define TWSIM_MODEL_EXPLAIN_H_

#include <cstdint>
#include <vector>

#include "sim/io/config.h"
#include "sim/model/teardown.h"

namespace twsim {

struct Explanation {
  bool any = false;  // false: no CPU ever turned interrupts off
  int cpu = -1;
  IrqOffStretch stretch{};  // the CPU's longest interrupts-off stretch
  LockCall own{};           // its own critical section at the end of that stretch
  // Holders granted pi_lock while it waited, in order.
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
  std::vector<Check> nmi_checks;  // accepted NMIs during the stretch (perf detector only)
  std::vector<DetectorReport> reports;  // every report about this CPU
};

// Explains the CPU with the run's longest interrupts-off stretch.
Explanation explain_worst_cpu(const RunDetail& run, const ScenarioConfig& scenario,
                              std::uint64_t seed, int replication);

}  // namespace twsim

#endif  // TWSIM_MODEL_EXPLAIN_H_
