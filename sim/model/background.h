// Other CPUs waking the submitter during teardown (try_to_wake_up holds the
// target's pi_lock, kernel-facts §5): a Poisson stream at wakeups_hz, each
// holding pi_lock for wakeup_hold_ns. Each wakeup runs on a free CPU (or waits
// for one) and stops when the teardown is over.
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
};

}  // namespace twsim

#endif  // TWSIM_MODEL_BACKGROUND_H_
