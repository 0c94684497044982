// One exiting io-wq worker (iou-wrk). Something ends its io_wq_worker loop
// (torvalds/linux io_uring/io-wq.c io_wq_worker; docs/kernel-facts.md C2):
//  - group exit: zap_other_threads' SIGKILL at exit start; get_signal returns
//    true for a PF_USER_WORKER and the loop breaks (wake_after);
//  - thread exit, idle: it sleeps until io_wq_worker_wake, which the
//    submitter calls after io_wq_cancel_tw_create (io_wq_worker_wake);
//  - thread exit, running cancelable work: io_wq_cancel_cb signals it; when
//    the work ends it sees IO_WQ_BIT_EXIT, which io_uring_cancel_generic set
//    first thing (io_wq_exit_start), and leaves the loop (wake_after).
// It then waits for a CPU of the io-wq cpuset and runs io_worker_exit
// (docs/kernel-facts.md §2.6 step 6):
//  old: task_work_cancel_match(io_task_worker_match) until it returns NULL:
//       a partial walk to its own create_work (if still queued) and then a
//       full walk that finds nothing;
//  new: nothing unless create_state bit 0 is set, then one call that stops at
//       its node (or walks the whole list if someone else took it).
// Both return without pi_lock when the list is empty (ListWalk::pending).
// io_worker_release + wait_for_completion(&worker->ref_done) then wait for
// the create's callback if another thread unlinked or detached it and has not
// run it yet (the worker sleeps meanwhile). The rest of io_worker_exit and
// do_exit take worker_exit_ns, the last io_worker_ref_put may wake the
// submitter, and the CPU is free.
//
// A racing worker (io_wq.racing_create) was running when EXIT was set: it had
// just queued its create_work with task_work_add, saw EXIT after the add in
// io_queue_worker_create, and so runs io_wq_cancel_tw_create itself on its CPU
// (docs/kernel-facts.md §2.4 step 6, rule 6) before it sleeps. If its wake-up came
// meanwhile (or was already pending) it goes on to io_worker_exit on the same
// CPU; otherwise it sleeps until woken.
#ifndef TWSIM_MODEL_WORKER_H_
#define TWSIM_MODEL_WORKER_H_

#include "sim/core/task.h"
#include "sim/model/cancel_tw_create.h"
#include "sim/model/run_context.h"

namespace twsim {

class Worker {
 public:
  // `ctx` must outlive the run. A worker starts idle.
  Worker(RunContext* ctx, int id) : ctx_(ctx), id_(id) {}
  // Its loop ends `delay` ns from now (a SIGKILL, or a wake-up with EXIT set):
  // it queues for a CPU and runs io_worker_exit (a racing worker still in its
  // cancel goes on to io_worker_exit when the cancel is done).
  void wake_after(Ns delay);
  // io_wq_worker_wake: wakes it `delay` ns from now if it sleeps (or is
  // still in its racing cancel); a worker already exiting is left be.
  void io_wq_worker_wake(Ns delay);
  // A racing worker reaches io_queue_worker_create's EXIT check `delay` ns
  // from now (on a CPU of the cpuset, once one is free) and runs
  // io_wq_cancel_tw_create; with `signalled` its wake-up is already pending.
  void race_after(Ns delay, bool signalled);

  // The same, in parts, for events a WakeupSchedule holds: wake_after(d) is
  // woken() d ns from now; race_after(d, s) is arm_race(s) now and race() d ns
  // from now; io_wq_worker_wake(d) is wake_after(d) if sleeps() now.
  void woken();
  void arm_race(bool signalled);
  void race();
  bool sleeps() const { return state_ == State::kIdle || state_ == State::kRacing; }

  int id() const { return id_; }
  // How start() asks for a CPU: run_on(worker, cpu) runs io_worker_exit there
  // (walk_ring.h tells a worker's CpuThread by it).
  static void run_on(void* worker, int cpu) { static_cast<Worker*>(worker)->run(cpu); }
  // walk_ring.h computed the rest of its io_worker_exit in closed form: the
  // coroutine, suspended in its lock call, is freed without going on.
  void exit_computed_elsewhere() { thread_ = Task(); }

 private:
  enum class State { kIdle, kRacing, kExiting };

  void start();
  // Starts io_worker_exit on `cpu`.
  void run(int cpu);
  // The thread's bodies.
  Task io_worker_exit();
  Task racing_cancel();

  RunContext* ctx_;
  int id_;
  int cpu_ = -1;
  State state_ = State::kIdle;
  bool woken_ = false;  // a wake-up is pending (while racing)
  // Its thread: io_worker_exit, or a racing worker's cancel, which runs
  // io_worker_exit inside it (one Task: a worker is 32 bytes, 4,000,000 of
  // them in a million-CPU run).
  Task thread_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_WORKER_H_
