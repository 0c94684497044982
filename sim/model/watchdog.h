// The kernel's lockup detectors (docs/kernel-facts.md §4, rules 8-12), applied per CPU
// to what the CPUs did (cpu_activity.h). Each detector is replayed
// mechanistically from its own timers, with a random phase per CPU, so whether
// it fires depends on where its ticks fall and the result is a probability
// over replications:
//  - perf NMI hard-lockup detector (watchdog_perf.c): NMIs every
//    thresh * nominal/actual seconds whatever the interrupt state, accepted
//    only 4/5 thresh after the last accepted one (watchdog_check_timestamp,
//    the 10th early one accepted anyway); a check that finds hrtimer_interrupts
//    unchanged since the previous check reports, once per episode
//    (watchdog_hardlockup_check, miss_thresh 1);
//  - buddy detector (watchdog_buddy.c): each CPU's hrtimer checks the next
//    CPU; 7.1+: every tick, report on the 3rd consecutive miss and again every
//    3 misses while it stays stuck (a check short of a multiple of
//    miss_thresh clears `warned`); legacy: every 3rd tick, report on the
//    first miss, once per episode;
//  - soft-lockup detector (watchdog_timer_fn / softlockup_fn): each firing
//    queues the stopper if the previous one completed; the stopper runs only
//    when the CPU can schedule; the check reports when
//    now - report_ts > 2 * thresh in 2^30-ns units, then restarts the period;
//  - RCU CPU stall: a CPU that cannot pass a quiescent state for longer than
//    rcu_stall_timeout_s is reported, and again every 3 timeouts
//    (an approximation, docs/kernel-facts.md rule 12).
// Only CPUs that turned interrupts off or stopped scheduling are examined,
// and only in windows around that activity: everywhere else the detectors
// are in their steady state and report nothing.
#ifndef TWSIM_MODEL_WATCHDOG_H_
#define TWSIM_MODEL_WATCHDOG_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/core/paged_array.h"
#include "sim/core/time.h"
#include "sim/model/cpu_activity.h"
#include "sim/scenario/config.h"
#include "sim/scenario/results.h"
#include "sim/scenario/watchdog_timing.h"

namespace twsim {

// Per-CPU random phases; drawn from stream (seed, replication, "watchdog", cpu)
// so they are the same for old and new.
struct WatchdogPhases {
  Ns hrtimer_phase_ns;  // in [0, sample_period)
  Ns nmi_phase_ns;      // phase of the accepted-NMI lattice, in [0, nmi_accepted_period)
  int count_residue;    // hrtimer_interrupts mod 3 at t = 0 (legacy buddy checks on multiples of 3)
};

// Per-CPU phases, paged: a CPU no detector looks at (an idle one) costs
// nothing and reads as all zero.
using WatchdogPhaseTable = PagedArray<WatchdogPhases>;

struct DetectorInput {
  const CpuActivities* activity;  // indexed by CPU
  KernelConfig kernel;
  WatchdogTiming timing;
  WatchdogPhaseTable phases;  // indexed by CPU
  Ns clock_offset_ns;         // running_clock() at t = 0 (uptime); only its value mod 2^30 matters
  Ns horizon_ns;
};

// Builds the input for a run: timings from the config, phases and clock offset
// from the run's streams.
DetectorInput make_detector_input(const CpuActivities& activity, const ScenarioConfig& scenario,
                                  std::uint64_t seed, int replication);

// Passes every report the kernel would print to `sink`, CPU by CPU (within a
// CPU: hard-lockup, then soft-lockup, then RCU reports, each in time order),
// holding only one CPU's reports at a time.
void run_detectors(const DetectorInput& input,
                   const std::function<void(const DetectorReport&)>& sink);

// Every report the kernel would print, in time order (ties: by CPU).
std::vector<DetectorReport> run_detectors(const DetectorInput& input);

}  // namespace twsim

#endif  // TWSIM_MODEL_WATCHDOG_H_
