// io_wq_cancel_tw_create(wq) run by one thread on one CPU (kernel-facts §2.6
// step 5.1, §1.7): cancels every create_work of the wq still on the
// submitter's task_work list, under the submitter's pi_lock.
//  old: task_work_cancel_match(io_task_work_match) until it returns NULL: each
//       call is its own acquisition, walking from the head to the next
//       create_work; the last walks the whole list and finds none;
//  new: one task_work_cancel_match_all acquisition walking the whole list.
// Each cancelled item then costs cancel_cb_ns outside the lock
// (io_worker_cancel_cb: clears its worker's create_state bit and drops the
// reference the create held). The submitter runs it at teardown; a worker
// that queued its create_work as EXIT was set runs it too (§2.4 step 6).
#ifndef TWSIM_MODEL_CANCEL_TW_CREATE_H_
#define TWSIM_MODEL_CANCEL_TW_CREATE_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "sim/model/run_context.h"

namespace twsim {

class CancelTwCreate {
 public:
  // The thread on `cpu` (of `role`) runs it. `ctx` must outlive this object,
  // and this object must outlive the run of run().
  CancelTwCreate(RunContext* ctx, int cpu, Role role) : ctx_(ctx), cpu_(cpu), role_(role) {}
  CancelTwCreate(const CancelTwCreate&) = delete;
  CancelTwCreate& operator=(const CancelTwCreate&) = delete;

  // Starts now; `done()` runs once the loop and its callbacks are over.
  void run(std::function<void()> done);

 private:
  void cancel_next();  // old: one task_work_cancel_match
  void cancel_all();   // new: one task_work_cancel_match_all
  // io_worker_cancel_cb for owners[i..], outside the lock, in order.
  void run_cancel_cbs(std::vector<int> owners, std::size_t i, std::function<void()> then);

  RunContext* ctx_;
  int cpu_;
  Role role_;
  std::function<void()> done_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_CANCEL_TW_CREATE_H_
