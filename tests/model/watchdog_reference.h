// A second, brute-force implementation of the lockup detectors, written from
// the kernel rules (docs/kernel-facts.md §4 and rules 8-12) and sharing nothing with
// sim/model/watchdog.cc or hrtimer_clock.cc but the input and output structs.
// Every CPU, idle or not, is replayed event by event from well before t = 0
// (no activity before 0, so the state is the steady one at 0) up to the
// horizon: each hrtimer firing, each raw perf NMI through the timestamp filter,
// each softlockup stopper run. It is slow and plain on purpose; the tests
// compare run_detectors() with it.
//
// Ties between events at the same nanosecond are resolved as follows:
//  1. every hrtimer_interrupts increment at t (on any CPU),
//  2. then the rest of the hrtimer callbacks at t (buddy check, stopper
//     queueing, softlockup check) and the accepted NMIs' checks at t,
//  3. then the stoppers that run at t,
// so a check sees a firing at its own instant, and a stopper that runs at the
// instant of a firing has not completed for that firing.
#ifndef TWSIM_TESTS_MODEL_WATCHDOG_REFERENCE_H_
#define TWSIM_TESTS_MODEL_WATCHDOG_REFERENCE_H_

#include <vector>

#include "sim/core/time.h"
#include "sim/model/cpu_activity.h"
#include "sim/model/watchdog.h"
#include "sim/scenario/results.h"

namespace twsim {

// When one CPU's watchdog hrtimer fires in [from, to), grid point by grid
// point: expiries at phase + k * period; one that falls inside an
// interrupts-off stretch [start, end) is pending and fires at end (several
// collapse into one firing); after a firing at f the next expiry is the first
// grid point > f. REQUIRES: `from` is not inside a stretch.
std::vector<Ns> reference_hrtimer_firings(Ns phase, Ns period,
                                          const std::vector<IrqOffStretch>& irq_off, Ns from,
                                          Ns to);

// The number of raw NMIs after an accepted one until the next is accepted,
// found by running watchdog_check_timestamp's filter (accept if at least
// nmi_min_spacing_ns after the last accepted one, or at the 10th early one).
int reference_nmi_accept_stride(const WatchdogTiming& timing);

// The accepted perf NMIs in [from, to) of one CPU whose raw NMIs arrive at
// phase + j * nmi_period_ns, replayed through the filter from a raw NMI at or
// before `from` that is accepted and chosen so that the one at `phase` is too.
std::vector<Ns> reference_accepted_nmis(const WatchdogTiming& timing, Ns phase, Ns from, Ns to);

// Every report, at times in [0, horizon), sorted by (time, cpu, kind,
// checker). stuck_ns is the "stuck for" duration for soft lockups, the time
// since the blocked span began for RCU stalls, and the time since the last
// hrtimer firing for hard lockups.
std::vector<DetectorReport> reference_detectors(const DetectorInput& in);

}  // namespace twsim

#endif  // TWSIM_TESTS_MODEL_WATCHDOG_REFERENCE_H_
