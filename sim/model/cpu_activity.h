// What each CPU did that the lockup detectors can see: its interrupts-off
// stretches and the spans in which the softlockup stopper could not run.
// The teardown simulation writes these; the detectors (watchdog.h) read them.
#ifndef TWSIM_MODEL_CPU_ACTIVITY_H_
#define TWSIM_MODEL_CPU_ACTIVITY_H_

#include <vector>

#include "sim/core/time.h"
#include "sim/io/results.h"

namespace twsim {

struct TimeSpan {
  Ns start;
  Ns end;  // exclusive; end >= start
};

// raw_spin_lock_irqsave .. raw_spin_unlock_irqrestore (kernel-facts rule 1):
// interrupts go off at the lock call, before any spinning, and come back at
// the unlock, so one stretch is the wait plus the hold.
struct IrqOffStretch {
  Ns start;
  Ns end;
  Ns wait_ns;  // the part spent spinning before owning the lock
  Role role;
};

struct CpuActivity {
  std::vector<IrqOffStretch> irq_off;  // in time order, non-overlapping
  // Spans in which this CPU cannot schedule, so a queued stopper waits
  // (kernel-facts rule 11). Always a superset of irq_off. In time order.
  std::vector<TimeSpan> no_sched;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_CPU_ACTIVITY_H_
