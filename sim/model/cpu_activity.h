// What each CPU did that the lockup detectors can see: its interrupts-off
// stretches and the spans in which the softlockup stopper could not run.
// The teardown simulation writes these; the detectors (watchdog.h) read them.
#ifndef TWSIM_MODEL_CPU_ACTIVITY_H_
#define TWSIM_MODEL_CPU_ACTIVITY_H_

#include <vector>

#include "sim/core/paged_array.h"
#include "sim/core/time.h"
#include "sim/scenario/results.h"

namespace twsim {

struct TimeSpan {
  Ns start;
  Ns end;  // exclusive; end >= start
};

// raw_spin_lock_irqsave .. raw_spin_unlock_irqrestore (docs/kernel-facts.md rule 1):
// interrupts go off at the lock call, before any spinning, and come back at
// the unlock, so one stretch is the wait plus the hold.
struct IrqOffStretch {
  Ns start;
  Ns end;
  Ns wait_ns;  // the part spent spinning before owning the lock
  Role role;
  KernelFn fn = KernelFn::kNone;  // the function that took the lock
};

// A span in which one thread runs on a CPU without calling schedule(). Two
// spans that touch belong to two threads (or two passes of one thread through
// a scheduling point): the boundary is a scheduling point (docs/kernel-facts.md C4).
struct ThreadSpan : TimeSpan {
  Role role = Role::kNone;
  KernelFn fn = KernelFn::kNone;
};

struct CpuActivity {
  std::vector<IrqOffStretch> irq_off;  // in time order, non-overlapping
  // Spans in which this CPU cannot schedule, so a queued stopper waits
  // (docs/kernel-facts.md rule 11), one per thread run. In time order; they cover
  // every irq_off stretch except a background waker's.
  std::vector<ThreadSpan> no_sched;
};

// Every CPU's activity, indexed by CPU. Paged: a CPU that never runs a thread
// reads as empty and costs nothing (a million-CPU machine with 16 workers
// made 48 MB of empty vectors before).
using CpuActivities = PagedArray<CpuActivity>;

// Who ran on a CPU at time t: the interrupts-off stretch with start < t <= end
// (a report printed as interrupts come back on is about the stretch that just
// ended), else the no-schedule span with start < t <= end; {kNone, kNone} if
// neither.
struct Runner {
  Role role = Role::kNone;
  KernelFn fn = KernelFn::kNone;
};
Runner runner_at(const CpuActivity& activity, Ns t);

}  // namespace twsim

#endif  // TWSIM_MODEL_CPU_ACTIVITY_H_
