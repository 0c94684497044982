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
  cpu_ = ctx_->cpus.take_now();
  const TaskWorkConfig& tw = ctx_->config.task_work;
  if (tw.drains()) {
    ctx_->sim.after(us_to_ns(tw.drain_us), [this] { drain(); });
  } else {
    ctx_->sim.after(cancel_start_ns_, [this] { cancel(); });
  }
}

void Submitter::drain() {
  // task_work_run: detach with a cmpxchg, then raw_spin_lock_irq(&task->pi_lock);
  // raw_spin_unlock_irq: waits for a canceller still unlinking from the chain.
  auto detached = std::make_shared<TaskWorkList::Detached>(ctx_->walk.detach_all(ctx_->sim.now()));
  ctx_->locked_call(
      cpu_, Role::kSubmitter, KernelFn::kTaskWorkRun, CallSite::kTaskWorkRun,
      [] { return Ns{0}; }, [this, detached] { run_works(*detached); });
}

void Submitter::run_works(const TaskWorkList::Detached& detached) {
  const Ns work = ctx_->config.costs.work_run_ns;
  const Ns create = ctx_->config.costs.cancel_cb_ns;
  const auto creates = static_cast<std::int64_t>(detached.creates.size());
  // Works run head first; the k-th create_work (0-based) at depth d ends
  // after the d - 1 - k unrelated works and k + 1 creates before and at it.
  for (std::int64_t k = 0; k < creates; ++k) {
    const TaskWorkList::Match& m = detached.creates[k];
    ctx_->sim.after((m.depth - 1 - k) * work + (k + 1) * create, [this, owner = m.owner] {
      ctx_->create_done(owner);  // create_worker_cb: clear_bit_unlock, io_worker_release
      ctx_->put_worker_ref(cpu_, Role::kSubmitter, [] {});
    });
  }
  ctx_->sim.after((detached.nodes - creates) * work + creates * create, [this] {
    ctx_->sim.after(std::max<Ns>(0, cancel_start_ns_ - ctx_->sim.now()), [this] { cancel(); });
  });
}

void Submitter::cancel() {
  ctx_->begin_no_sched(cpu_, Role::kSubmitter, KernelFn::kIoWqCancelTwCreate);
  cancel_ = std::make_unique<CancelTwCreate>(ctx_, cpu_, Role::kSubmitter);
  cancel_->run([this] { finish(); });
}

void Submitter::finish() {
  if (wake_workers_) wake_workers_();
  ctx_->submitter_waits(cpu_);
}

}  // namespace twsim
