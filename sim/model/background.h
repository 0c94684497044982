// Other CPUs waking the submitter during teardown (try_to_wake_up holds the
// target's pi_lock, docs/kernel-facts.md §5): a Poisson stream at wakeups_hz, each
// holding pi_lock for wakeup_hold_ns. Each wakeup runs on a free CPU (or waits
// for one) and stops when the teardown is over. At most one wakeup per CPU
// waits for a CPU: when every CPU is taken and that many already wait, a new
// one is not issued (the CPUs that would issue it are all busy), which keeps
// a run's memory bounded at any rate.
#ifndef TWSIM_MODEL_BACKGROUND_H_
#define TWSIM_MODEL_BACKGROUND_H_

#include "sim/core/random.h"
#include "sim/model/run_context.h"

namespace twsim {

class BackgroundWakeups {
 public:
  // `ctx` must outlive the run.
  explicit BackgroundWakeups(RunContext* ctx);
  void start();

 private:
  void schedule_next();
  void wake_submitter(int cpu);

  RunContext* ctx_;
  RandomStream arrivals_;
  int waiting_ = 0;  // wakeups queued for a CPU
};

}  // namespace twsim

#endif  // TWSIM_MODEL_BACKGROUND_H_
