#include "sim/model/worker.h"

#include <memory>

namespace twsim {

void Worker::wake_after(Ns delay) {
  ctx_->sim.after(delay, [this] {
    if (racing_) {
      woken_ = true;
      return;
    }
    ctx_->cpus.run_when_free(Affinity::kCpuset, [this](int cpu) { run(cpu); });
  });
}

void Worker::race_after(Ns delay, bool signalled) {
  woken_ = signalled;
  racing_ = true;
  ctx_->sim.after(delay, [this] {
    ctx_->cpus.run_when_free(Affinity::kCpuset, [this](int cpu) {
      cpu_ = cpu;
      ctx_->begin_no_sched(cpu_);
      race_ = std::make_unique<CancelTwCreate>(ctx_, cpu_, Role::kWorker);
      race_->run([this] { race_done(); });
    });
  });
}

void Worker::race_done() {
  racing_ = false;
  // It was on its way into schedule() (io_wq_worker_sleeping runs from
  // sched_submit_work): a scheduling point.
  ctx_->end_no_sched(cpu_);
  if (woken_) {
    run(cpu_);  // the signal is pending: the blocking call returns at once
  } else {
    ctx_->cpus.release(cpu_);  // sleeps until io_wq_worker_wake
  }
}

void Worker::run(int cpu) {
  cpu_ = cpu;
  ctx_->begin_no_sched(cpu_);
  if (ctx_->algorithm == Algorithm::kOld) {
    cancel_own(/*again=*/true);
  } else if (ctx_->workers[id_].create_pending) {
    cancel_own(/*again=*/false);
  } else {
    exit();
  }
}

void Worker::cancel_own(bool again) {
  auto found = std::make_shared<bool>(false);
  ctx_->locked_call(
      cpu_, Role::kWorker, CallSite::kCancelMatch,
      [this, found] {
        TaskWorkList& list = ctx_->list;
        auto match = list.create_of(id_);
        if (match && ctx_->race_head_cmpxchg(*match)) match = list.create_of(id_);
        const std::int64_t visited = match ? match->depth : list.length();
        ctx_->nodes_visited += visited;
        if (!match) return ctx_->walk_ns(visited);
        ctx_->unlink_create(*match);
        *found = true;
        return ctx_->walk_ns(visited) + ctx_->config.costs.unlink_ns;
      },
      [this, found, again] {
        if (!*found) {
          exit();
          return;
        }
        ctx_->sim.after(ctx_->config.costs.cancel_cb_ns, [this, again] {
          ctx_->workers[id_].create_pending = false;
          ctx_->put_worker_ref(cpu_, Role::kWorker, [this, again] {
            if (again) {
              cancel_own(true);
            } else {
              exit();
            }
          });
        });
      });
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
