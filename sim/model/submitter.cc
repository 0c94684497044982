#include "sim/model/submitter.h"

#include <utility>

namespace twsim {

Submitter::Submitter(RunContext* ctx, std::function<void()> after_cancel)
    : ctx_(ctx), after_cancel_(std::move(after_cancel)) {}

void Submitter::start() {
  cpu_ = ctx_->cpus.take_now();
  ctx_->begin_no_sched(cpu_);
  if (!ctx_->config.task_work.run_barrier) {
    cancel();
    return;
  }
  // task_work_run: the list it detaches is not modelled (the scenario's list
  // is what io_wq_cancel_tw_create finds); only the barrier's lock traffic is.
  ctx_->locked_call(
      cpu_, Role::kSubmitter, CallSite::kTaskWorkRun, [] { return Ns{0}; },
      [this] { cancel(); });
}

void Submitter::cancel() {
  cancel_ = std::make_unique<CancelTwCreate>(ctx_, cpu_, Role::kSubmitter);
  cancel_->run([this] { finish(); });
}

void Submitter::finish() {
  if (after_cancel_) after_cancel_();
  ctx_->submitter_waits(cpu_);
}

}  // namespace twsim
