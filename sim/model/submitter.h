// The exiting task that owns pi_lock and the task_work list, from exit start
// (t = 0) to its sleep on worker_done (torvalds/linux io_uring/io_uring.c
// io_uring_cancel_generic, io_uring/io-wq.c io_wq_put_and_exit;
// docs/kernel-facts.md §2.6, C2, C3):
//  1. io_uring_cancel_generic sets IO_WQ_BIT_EXIT first (io_wq_exit_start),
//     then cancels requests (io_wq.cancel_start_us). If
//     tracked requests are in flight its loop runs task_work_run
//     (task_work.drain_us): the whole list is detached lock-free, the empty
//     raw_spin_lock_irq/unlock barrier on pi_lock queues behind any walk in
//     progress, then the works run in list order with cond_resched between
//     them (create_worker_cb clears its worker's create_state and drops the
//     create's reference, like io_worker_cancel_cb).
//  2. io_uring_clean_tctx -> io_wq_put_and_exit -> io_wq_exit_workers:
//     io_wq_cancel_tw_create (old or new, cancel_tw_create.h) runs without
//     scheduling.
//  3. io_wq_worker_wake for every worker (`wake_workers`), drop its own
//     reference, sleep on worker_done until the last worker exits.
// It runs on a CPU of the io-wq cpuset (io_wq.cpus_allowed), which is its own.
//
// Left out: task_work_run's outer loop (works queued while it runs, and the
// cancel loop's later passes, are not detached again); a create_worker_cb run
// by the drain never starts a new worker (create_worker_cb does so only below
// acct->max_workers, and in a group exit create_io_thread fails on the fatal
// signal).
#ifndef TWSIM_MODEL_SUBMITTER_H_
#define TWSIM_MODEL_SUBMITTER_H_

#include <functional>

#include "sim/core/task.h"
#include "sim/model/cancel_tw_create.h"
#include "sim/model/run_context.h"

namespace twsim {

class Submitter {
 public:
  // `wake_workers` runs once the cancel loop is done (io_wq_worker_wake).
  // `ctx` must outlive the run.
  Submitter(RunContext* ctx, std::function<void()> wake_workers);
  // Takes its CPU (it is already running) and starts exiting.
  void start();

 private:
  Task do_exit();
  // io_uring_cancel_generic's task_work_run: detach, barrier, run the works.
  Task task_work_run();

  RunContext* ctx_;
  std::function<void()> wake_workers_;
  int cpu_ = -1;
  Ns cancel_start_ns_ = 0;
  Task task_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_SUBMITTER_H_
