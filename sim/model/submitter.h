// The exiting task that owns pi_lock and the task_work list. At t = 0 it has
// just set IO_WQ_BIT_EXIT and runs io_wq_exit_workers (kernel-facts §2.6 step 5):
// io_wq_cancel_tw_create, then (after_cancel wake mode) io_wq_worker_wake, then
// drops its reference and sleeps on worker_done until the last worker exits.
#ifndef TWSIM_MODEL_SUBMITTER_H_
#define TWSIM_MODEL_SUBMITTER_H_

#include <functional>
#include <vector>

#include "sim/model/run_context.h"

namespace twsim {

class Submitter {
 public:
  // `after_cancel` runs once the cancel loop is done (used to wake the workers
  // in the after_cancel wake mode). `ctx` must outlive the run.
  Submitter(RunContext* ctx, std::function<void()> after_cancel);
  void start();

 private:
  // Pre-fix: one task_work_cancel_match(io_task_work_match) per call, walking
  // from the head to the next create_work; the last call walks the whole list.
  void cancel_next();
  // Post-fix: one task_work_cancel_match_all walk of the whole list.
  void cancel_all();
  // io_worker_cancel_cb for each cancelled item, outside the lock, in order.
  void run_cancel_cbs(std::vector<int> owners, std::size_t i, std::function<void()> then);
  void finish();

  RunContext* ctx_;
  std::function<void()> after_cancel_;
  int cpu_ = -1;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_SUBMITTER_H_
