// The exiting task that owns pi_lock and the task_work list. At t = 0 it has
// just set IO_WQ_BIT_EXIT. With task_work.run_barrier it first passes
// task_work_run's pi_lock barrier (io_run_task_work in io_uring_cancel_generic's
// cancel loop, kernel-facts §2.6 step 3 and §1.4 step 2: an empty
// raw_spin_lock_irq/unlock that still queues behind walks in progress). Then it
// runs io_wq_exit_workers (§2.6 step 5): io_wq_cancel_tw_create, then
// (after_cancel wake mode) io_wq_worker_wake, then drops its reference and
// sleeps on worker_done until the last worker exits. It runs on a CPU of the
// io-wq cpuset (io_wq.cpus_allowed), which is its own.
#ifndef TWSIM_MODEL_SUBMITTER_H_
#define TWSIM_MODEL_SUBMITTER_H_

#include <functional>
#include <memory>

#include "sim/model/cancel_tw_create.h"
#include "sim/model/run_context.h"

namespace twsim {

class Submitter {
 public:
  // `after_cancel` runs once the cancel loop is done (used to wake the workers
  // in the after_cancel wake mode). `ctx` must outlive the run.
  Submitter(RunContext* ctx, std::function<void()> after_cancel);
  void start();

 private:
  void cancel();
  void finish();

  RunContext* ctx_;
  std::function<void()> after_cancel_;
  int cpu_ = -1;
  std::unique_ptr<CancelTwCreate> cancel_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_SUBMITTER_H_
