// One pi_lock critical section of a run, as tests, traces and explanations
// see it (teardown.h's RunDetail lists them).
#ifndef TWSIM_MODEL_LOCK_CALL_H_
#define TWSIM_MODEL_LOCK_CALL_H_

#include <cstdint>

#include "sim/core/time.h"
#include "sim/scenario/results.h"

namespace twsim {

// One pi_lock critical section, from the lock call to the unlock.
struct LockCall {
  int cpu;
  Role role;
  CallSite site;
  Ns called;                      // raw_spin_lock_irqsave: interrupts off
  Ns granted;                     // owns the lock
  Ns released;                    // raw_spin_unlock_irqrestore: interrupts back on
  std::int64_t nodes;             // task_work nodes walked while holding it
  std::int64_t list_length;       // task_work list length when it got the lock
  KernelFn fn = KernelFn::kNone;  // the caller, as perf lock contention names it
};

}  // namespace twsim

#endif  // TWSIM_MODEL_LOCK_CALL_H_
