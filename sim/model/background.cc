#include "sim/model/background.h"

#include <cmath>

namespace twsim {

BackgroundWakeups::BackgroundWakeups(RunContext* ctx)
    : ctx_(ctx), arrivals_(ctx->seed, ctx->replication, "background") {}

void BackgroundWakeups::start() {
  if (ctx_->config.background.wakeups_hz > 0) schedule_next();
}

void BackgroundWakeups::schedule_next() {
  const double gap_ns = arrivals_.exponential(1e9 / ctx_->config.background.wakeups_hz);
  // A wakeup after the horizon is never seen; at a tiny rate the gap would
  // not even fit in int64 nanoseconds.
  const Ns horizon = seconds_to_ns(ctx_->config.horizon_s);
  if (gap_ns >= static_cast<double>(horizon - ctx_->now())) return;
  ctx_->after(static_cast<Ns>(std::llround(gap_ns)), [this] {
    if (ctx_->teardown_done()) return;
    if (waiting_ < ctx_->config.machine.cpus) {
      ++waiting_;
      ctx_->run_when_free(Affinity::kAny, [this](int cpu) {
        --waiting_;
        wake_submitter(cpu);
      });
    }
    schedule_next();
  });
}

void BackgroundWakeups::wake_submitter(int cpu) {
  ctx_->begin_no_sched(cpu, Role::kBackground, KernelFn::kTryToWakeUp);
  ctx_->locked_call(
      cpu, Role::kBackground, KernelFn::kTryToWakeUp, CallSite::kTtwu,
      [this] { return ctx_->config.background.wakeup_hold_ns; },
      [this, cpu] {
        ctx_->end_no_sched(cpu);
        ctx_->release_cpu(cpu);
      });
}

}  // namespace twsim
