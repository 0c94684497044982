// One exiting io-wq worker (iou-wrk). It wakes at teardown (SIGKILL /
// __set_notify_signal at exit start, or io_wq_worker_wake after the cancel),
// waits for a CPU, runs io_worker_exit and exits (kernel-facts §2.6 step 6):
//  old: task_work_cancel_match(io_task_worker_match) until it returns NULL:
//       a partial scan to its own create_work (if still queued) and then a full
//       scan that finds nothing;
//  new: nothing unless create_state bit 0 is set, then one call that stops at
//       its node (or walks the whole list if the submitter already unlinked it).
// Then the rest of io_worker_exit and do_exit take worker_exit_ns, the last
// io_worker_ref_put may wake the submitter, and the CPU is free.
#ifndef TWSIM_MODEL_WORKER_H_
#define TWSIM_MODEL_WORKER_H_

#include "sim/model/run_context.h"

namespace twsim {

class Worker {
 public:
  // `ctx` must outlive the run.
  Worker(RunContext* ctx, int id) : ctx_(ctx), id_(id) {}
  // Wakes `delay` ns from now and queues for a CPU.
  void wake_after(Ns delay);

 private:
  void run(int cpu);
  // One task_work_cancel_match for this worker's create_work; `again` says
  // whether to repeat after a hit (the pre-fix loop) or stop (the fix).
  void cancel_own(bool again);
  void exit();

  RunContext* ctx_;
  int id_;
  int cpu_ = -1;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_WORKER_H_
