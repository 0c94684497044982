#include "sim/model/worker.h"

#include <memory>

namespace twsim {

void Worker::wake_after(Ns delay) {
  ctx_->sim.after(delay, [this] {
    if (state_ == State::kRacing) {
      woken_ = true;
      return;
    }
    if (state_ != State::kExiting) start();
  });
}

void Worker::io_wq_worker_wake(Ns delay) {
  if (state_ == State::kIdle || state_ == State::kRacing) wake_after(delay);
}

void Worker::start() {
  state_ = State::kExiting;
  ctx_->cpus.run_when_free(Affinity::kCpuset, [this](int cpu) { run(cpu); });
}

void Worker::race_after(Ns delay, bool signalled) {
  woken_ = signalled;
  state_ = State::kRacing;
  ctx_->sim.after(delay, [this] {
    ctx_->cpus.run_when_free(Affinity::kCpuset, [this](int cpu) {
      cpu_ = cpu;
      ctx_->begin_no_sched(cpu_, Role::kWorker, KernelFn::kIoWqCancelTwCreate);
      race_ = std::make_unique<CancelTwCreate>(ctx_, cpu_, Role::kWorker);
      race_->run([this] { race_done(); });
    });
  });
}

void Worker::race_done() {
  // It was on its way into schedule() (io_wq_worker_sleeping runs from
  // sched_submit_work): a scheduling point.
  ctx_->end_no_sched(cpu_);
  if (woken_) {
    state_ = State::kExiting;
    run(cpu_);  // the signal is pending: the blocking call returns at once
  } else {
    state_ = State::kIdle;
    ctx_->cpus.release(cpu_);  // sleeps until io_wq_worker_wake
  }
}

void Worker::run(int cpu) {
  cpu_ = cpu;
  ctx_->begin_no_sched(cpu_, Role::kWorker, KernelFn::kIoWorkerExit);
  if (ctx_->algorithm == Algorithm::kOld) {
    cancel_own(/*again=*/true);
  } else if (ctx_->workers[id_].create_pending) {  // test_bit(0, &worker->create_state)
    cancel_own(/*again=*/false);
  } else {
    wait_ref_done();
  }
}

void Worker::cancel_own(bool again) {
  if (!ctx_->walk.pending(ctx_->sim.now())) {  // task_work_cancel_match returns NULL unlocked
    wait_ref_done();
    return;
  }
  auto found = std::make_shared<bool>(false);
  ctx_->locked_call(
      cpu_, Role::kWorker, KernelFn::kIoWorkerExit, CallSite::kCancelMatch,
      [this, found] {
        const ListWalk::Result r = ctx_->walk.cancel_match(id_, ctx_->sim.now());
        *found = !r.unlinked.empty();
        return r.hold_ns;
      },
      [this, found, again] {
        if (!*found) {
          wait_ref_done();
          return;
        }
        ctx_->sim.after(ctx_->config.costs.cancel_cb_ns, [this, again] {
          ctx_->create_done(id_);  // io_worker_cancel_cb
          ctx_->put_worker_ref(cpu_, Role::kWorker, [this, again] {
            if (again) {
              cancel_own(true);
            } else {
              wait_ref_done();
            }
          });
        });
      });
}

void Worker::wait_ref_done() {
  if (!ctx_->workers[id_].create_pending) {
    exit();
    return;
  }
  // The create's worker reference is still out: sleep until its callback.
  ctx_->end_no_sched(cpu_);
  ctx_->cpus.release(cpu_);
  ctx_->workers[id_].on_create_done = [this] {
    ctx_->cpus.run_when_free(Affinity::kCpuset, [this](int cpu) {
      cpu_ = cpu;
      ctx_->begin_no_sched(cpu_, Role::kWorker, KernelFn::kIoWorkerExit);
      exit();
    });
  };
}

void Worker::exit() {
  ctx_->sim.after(ctx_->config.costs.worker_exit_ns, [this] {
    ctx_->worker_exited();
    ctx_->put_worker_ref(cpu_, Role::kWorker, [this] {
      ctx_->end_no_sched(cpu_);
      ctx_->cpus.release(cpu_);
    });
  });
}

}  // namespace twsim
