// Deliberate model bugs, for tests only. Each breaks one rule of the model so
// that a test can see the invariant checks (sim/core/invariant.h) catch it.
// Configs cannot set these; a default-constructed ModelFaults breaks nothing.
#ifndef TWSIM_MODEL_MODEL_FAULTS_H_
#define TWSIM_MODEL_MODEL_FAULTS_H_

namespace twsim {

struct ModelFaults {
  // pi_lock's fast path ignores a current owner and grants anyway.
  bool grant_held_lock = false;
  // A release hands the lock to the newest waiter instead of the oldest.
  bool lifo_handoff = false;
  // task_work_add pushes are counted but never reach the list (lost works).
  bool lose_pushed_nodes = false;
  // A critical section reports a negative hold time (a cost-arithmetic bug),
  // so its release is scheduled in the past.
  bool negative_hold = false;
  // The io-wq reference count starts one short, so worker_done completes
  // while a worker has still to exit.
  bool short_worker_refs = false;

  bool any() const {
    return grant_held_lock || lifo_handoff || lose_pushed_nodes || negative_hold ||
           short_worker_refs;
  }
};

}  // namespace twsim

#endif  // TWSIM_MODEL_MODEL_FAULTS_H_
