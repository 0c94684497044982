// Records what each CPU does that the lockup detectors can see: its
// interrupts-off stretches (from raw_spin_lock_irqsave to
// raw_spin_unlock_irqrestore, docs/kernel-facts.md rule 1) and the spans in which its
// thread never calls schedule(), each tagged with who ran (cpu_activity.h).
#ifndef TWSIM_MODEL_CPU_RECORDER_H_
#define TWSIM_MODEL_CPU_RECORDER_H_

#include <deque>
#include <vector>

#include "sim/core/paged_array.h"
#include "sim/core/time.h"
#include "sim/model/cpu_activity.h"

namespace twsim {

class CpuRecorder {
 public:
  explicit CpuRecorder(int cpus);

  // `who` on `cpu` turns interrupts off at `at` to take the lock...
  void irq_off(int cpu, Ns at, Runner who);
  // ... owns it from `at` ...
  void granted(int cpu, Ns at);
  // ... and turns interrupts back on at `at`.
  void irq_on(int cpu, Ns at);

  // The thread on `cpu` stops / starts being able to schedule.
  void begin_no_sched(int cpu, Ns at, Role role, KernelFn fn);
  void end_no_sched(int cpu, Ns at);

  // Closes the stretches and spans still open at the horizon and files what
  // was recorded under each CPU.
  void close(Ns horizon);

  // REQUIRES: close() was called.
  const CpuActivities& activity() const { return activity_; }

 private:
  struct Open {
    Ns irq_off = -1;  // start of an open stretch, or -1
    Ns granted = -1;  // when the open stretch got the lock, or -1
    Runner who;
    ThreadSpan no_sched{{-1, -1}};  // start -1: none open
    int irq_off_count = 0;          // stretches and spans recorded so far
    int no_sched_count = 0;
  };
  // During the run every stretch and span goes on one list in the order it
  // ends (one growing list rather than one per CPU: a run's cost must not
  // be an allocation per CPU's every few stretches); close() sorts them out
  // by CPU, each CPU's in time order, sized exactly. A deque, emptied from
  // the front as close() files it: the list never copies itself to grow, and
  // it and the per-CPU copies are not both whole at once (a million-CPU run
  // records 4,000,000 of each).
  // One stretch or span and its CPU, packed (24 and 32 bytes, not 32 and 40).
  struct SpanOnCpu {
    Ns start;
    Ns end;
    std::int32_t cpu;
    Role role;
    KernelFn fn;
  };
  struct StretchOnCpu {
    Ns start;
    Ns end;
    Ns wait_ns;
    std::int32_t cpu;
    Role role;
    KernelFn fn;
  };
  std::deque<StretchOnCpu> irq_off_;
  std::deque<SpanOnCpu> no_sched_;
  CpuActivities activity_;
  // Open state by CPU, paged: a CPU that never runs a thread costs nothing
  // here (a million-CPU machine with 16 workers had 56 MB of it).
  PagedArray<Open> open_;
  Open& open(int cpu) { return open_[static_cast<std::size_t>(cpu)]; }
};

}  // namespace twsim

#endif  // TWSIM_MODEL_CPU_RECORDER_H_
