// One exiting io-wq worker (iou-wrk). It wakes at teardown (SIGKILL /
// __set_notify_signal at exit start, or io_wq_worker_wake after the cancel),
// waits for a CPU of the io-wq cpuset, runs io_worker_exit and exits
// (kernel-facts §2.6 step 6):
//  old: task_work_cancel_match(io_task_worker_match) until it returns NULL:
//       a partial scan to its own create_work (if still queued) and then a full
//       scan that finds nothing;
//  new: nothing unless create_state bit 0 is set, then one call that stops at
//       its node (or walks the whole list if the submitter already unlinked it).
// Then the rest of io_worker_exit and do_exit take worker_exit_ns, the last
// io_worker_ref_put may wake the submitter, and the CPU is free.
//
// A racing worker (io_wq.racing_create) was running when EXIT was set: it had
// just queued its create_work with task_work_add, saw EXIT after the add in
// io_queue_worker_create, and so runs io_wq_cancel_tw_create itself on its CPU
// (kernel-facts §2.4 step 6, rule 6) before it sleeps. If its wake-up came
// meanwhile (or was already pending at exit start) it goes on to
// io_worker_exit on the same CPU; otherwise it sleeps until woken.
#ifndef TWSIM_MODEL_WORKER_H_
#define TWSIM_MODEL_WORKER_H_

#include <memory>

#include "sim/model/cancel_tw_create.h"
#include "sim/model/run_context.h"

namespace twsim {

class Worker {
 public:
  // `ctx` must outlive the run.
  Worker(RunContext* ctx, int id) : ctx_(ctx), id_(id) {}
  // Wakes `delay` ns from now and queues for a CPU (a racing worker still in
  // its cancel goes on to io_worker_exit when the cancel is done).
  void wake_after(Ns delay);
  // A racing worker reaches io_queue_worker_create's EXIT check `delay` ns
  // from now (on a CPU of the cpuset, once one is free) and runs
  // io_wq_cancel_tw_create; with `signalled` its wake-up is already pending.
  void race_after(Ns delay, bool signalled);

 private:
  void run(int cpu);
  // One task_work_cancel_match for this worker's create_work; `again` says
  // whether to repeat after a hit (the pre-fix loop) or stop (the fix).
  void cancel_own(bool again);
  void exit();
  void race_done();

  RunContext* ctx_;
  int id_;
  int cpu_ = -1;
  bool racing_ = false;  // inside its own io_wq_cancel_tw_create
  bool woken_ = false;   // a wake-up is pending
  std::unique_ptr<CancelTwCreate> race_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_WORKER_H_
