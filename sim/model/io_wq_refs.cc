#include "sim/model/io_wq_refs.h"

#include <utility>

namespace twsim {

void IoWqRefs::put(int cpu, Role role, UniqueFunction<void()> then) {
  if (--refs_ > 0) {
    then();
    return;
  }
  invariants_->check_last_ref(cpu, /*by_submitter=*/false, submitter_waiting_, workers_exited_);
  // complete(&wq->worker_done) -> try_to_wake_up(submitter) under its pi_lock.
  lock_->call(
      cpu, Runner{role, KernelFn::kTryToWakeUp}, CallSite::kTtwu,
      [this] { return wakeup_hold_ns_; },
      [this, then = std::move(then)] {
        finish();
        then();
      });
}

void IoWqRefs::submitter_waits(int cpu) {
  if (--refs_ == 0) {
    invariants_->check_last_ref(cpu, /*by_submitter=*/true, true, workers_exited_);
    finish();
  } else {
    submitter_waiting_ = true;
  }
  recorder_->end_no_sched(cpu, sim_->now());
  cpus_->release(cpu);
}

void IoWqRefs::finish() {
  done_ = true;
  end_ = sim_->now();
}

}  // namespace twsim
