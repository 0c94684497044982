#include "sim/model/submitter.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace twsim {
namespace {

Ns us_to_ns(double us) { return static_cast<Ns>(std::llround(us * 1e3)); }

}  // namespace

Submitter::Submitter(RunContext* ctx, std::function<void()> wake_workers)
    : ctx_(ctx),
      wake_workers_(std::move(wake_workers)),
      cancel_start_ns_(us_to_ns(ctx->config.io_wq.cancel_start_us)) {}

void Submitter::start() {
  cpu_ = ctx_->take_cpu_now();
  task_ = do_exit();
  task_.start();
}

Task Submitter::do_exit() {
  // io_uring_cancel_generic: cancel requests; with tracked ones in flight its
  // loop runs task_work_run (task_work.drain_us).
  const TaskWorkConfig& tw = ctx_->config.task_work;
  if (tw.drains()) {
    co_await ctx_->delay(us_to_ns(tw.drain_us));
    co_await task_work_run();
    co_await ctx_->delay(std::max<Ns>(0, cancel_start_ns_ - ctx_->now()));
  } else {
    co_await ctx_->delay(cancel_start_ns_);
  }
  // io_uring_clean_tctx -> io_wq_put_and_exit -> io_wq_exit_workers.
  ctx_->begin_no_sched(cpu_, Role::kSubmitter, KernelFn::kIoWqCancelTwCreate);
  co_await io_wq_cancel_tw_create(ctx_, cpu_, Role::kSubmitter);
  if (wake_workers_) wake_workers_();  // io_wq_worker_wake for each worker
  ctx_->submitter_waits(cpu_);         // drop the initial reference, sleep on worker_done
}

Task Submitter::task_work_run() {
  // Detach the whole list with a cmpxchg, then raw_spin_lock_irq(&task->pi_lock);
  // raw_spin_unlock_irq: waits for a canceller still unlinking from the chain.
  const TaskWorkList::Detached detached = ctx_->detach_list();
  co_await ctx_->locked(cpu_, Role::kSubmitter, KernelFn::kTaskWorkRun, CallSite::kTaskWorkRun,
                        [] { return Ns{0}; });
  // Works run head first, interrupts on, cond_resched between them; the k-th
  // create_work (0-based) at depth d ends after the d - 1 - k unrelated works
  // and the k + 1 creates before and at it. Its create_worker_cb clears
  // create_state and drops the create's reference (the submitter holds its
  // own, so this is never the last).
  const Ns work = ctx_->config.costs.work_run_ns;
  const Ns create = ctx_->config.costs.cancel_cb_ns;
  const auto creates = static_cast<std::int64_t>(detached.creates.size());
  for (std::int64_t k = 0; k < creates; ++k) {
    const TaskWorkList::Match& m = detached.creates[k];
    ctx_->after((m.depth - 1 - k) * work + (k + 1) * create, [this, owner = m.owner] {
      ctx_->create_done(owner);
      ctx_->put_worker_ref(cpu_, Role::kSubmitter, [] {});
    });
  }
  co_await ctx_->delay((detached.nodes - creates) * work + creates * create);
}

}  // namespace twsim
