#include "sim/model/worker.h"

namespace twsim {

void Worker::wake_after(Ns delay) {
  ctx_->after(delay, [this] { woken(); });
}

void Worker::woken() {
  if (state_ == State::kRacing) {
    woken_ = true;
    return;
  }
  if (state_ != State::kExiting) start();
}

void Worker::io_wq_worker_wake(Ns delay) {
  if (sleeps()) wake_after(delay);
}

void Worker::start() {
  state_ = State::kExiting;
  ctx_->run_when_free(Affinity::kCpuset, CpuThread{&Worker::run_on, this});
}

void Worker::race_after(Ns delay, bool signalled) {
  arm_race(signalled);
  ctx_->after(delay, [this] { race(); });
}

void Worker::arm_race(bool signalled) {
  woken_ = signalled;
  state_ = State::kRacing;
}

void Worker::race() {
  thread_ = racing_cancel();
  thread_.start();
}

void Worker::run(int cpu) {
  cpu_ = cpu;
  thread_ = io_worker_exit();
  thread_.start();
}

Task Worker::racing_cancel() {
  cpu_ = co_await ctx_->free_cpu(Affinity::kCpuset);
  ctx_->begin_no_sched(cpu_, Role::kWorker, KernelFn::kIoWqCancelTwCreate);
  co_await io_wq_cancel_tw_create(ctx_, cpu_, Role::kWorker);
  // It was on its way into schedule() (io_wq_worker_sleeping runs from
  // sched_submit_work): a scheduling point.
  ctx_->end_no_sched(cpu_);
  if (woken_) {
    state_ = State::kExiting;
    // The signal is pending: the blocking call returns at once, and
    // io_worker_exit runs on this CPU now (inside this coroutine).
    co_await io_worker_exit();
  } else {
    state_ = State::kIdle;
    ctx_->release_cpu(cpu_);  // sleeps until io_wq_worker_wake
  }
}

Task Worker::io_worker_exit() {
  ctx_->begin_no_sched(cpu_, Role::kWorker, KernelFn::kIoWorkerExit);
  const bool old = !exit_tests_create_state(ctx_->algorithm);
  // old: while ((cb = task_work_cancel_match(wq->task, io_task_worker_match, worker)))
  //        io_worker_cancel_cb(worker);
  // new, exit-test: if (test_bit(0, &worker->create_state)) one task_work_cancel_match.
  if (old || ctx_->workers()[id_].create_pending) {
    do {
      if (!ctx_->list_pending()) break;  // NULL without the lock
      bool found = false;
      co_await ctx_->worker_locked(id_, cpu_, KernelFn::kIoWorkerExit, CallSite::kCancelMatch, [&] {
        const ListWalk::Result r = ctx_->cancel_match(id_);
        found = !r.unlinked.empty();
        return r.hold_ns;
      });
      if (!found) break;
      co_await ctx_->delay(ctx_->config.costs.cancel_cb_ns);
      ctx_->create_done(id_);  // io_worker_cancel_cb
      co_await ctx_->put_ref(cpu_, Role::kWorker);
    } while (old);
  }
  // io_worker_release + wait_for_completion(&worker->ref_done): the create's
  // worker reference is out while another thread's callback for it is
  // pending; the worker sleeps until it runs.
  if (ctx_->workers()[id_].create_pending) {
    ctx_->end_no_sched(cpu_);
    ctx_->release_cpu(cpu_);
    co_await ctx_->create_done_of(id_);
    cpu_ = co_await ctx_->free_cpu(Affinity::kCpuset);
    ctx_->begin_no_sched(cpu_, Role::kWorker, KernelFn::kIoWorkerExit);
  }
  // The rest of io_worker_exit and do_exit.
  co_await ctx_->delay(ctx_->config.costs.worker_exit_ns);
  ctx_->worker_exited();
  co_await ctx_->put_ref(cpu_, Role::kWorker);
  ctx_->end_no_sched(cpu_);
  ctx_->release_cpu(cpu_);
}

}  // namespace twsim
