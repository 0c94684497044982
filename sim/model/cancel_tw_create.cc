#include "sim/model/cancel_tw_create.h"

#include <utility>
#include <vector>

namespace twsim {
namespace {

// io_worker_cancel_cb for each cancelled create, in order, the lock dropped:
// clear_bit_unlock(0, &worker->create_state), io_worker_ref_put.
Task cancel_cbs(RunContext* ctx, int cpu, Role role, std::vector<int> owners) {
  for (const int owner : owners) {
    co_await ctx->delay(ctx->config.costs.cancel_cb_ns);
    ctx->create_done(owner);
    co_await ctx->put_ref(cpu, role);
  }
}

}  // namespace

Task io_wq_cancel_tw_create(RunContext* ctx, int cpu, Role role) {
  const KernelFn fn = KernelFn::kIoWqCancelTwCreate;
  if (!cancels_creates_in_one_pass(ctx->algorithm)) {
    for (;;) {
      if (!ctx->list_pending()) co_return;  // task_work_cancel_match: NULL, unlocked
      std::vector<int> cancelled;
      co_await ctx->locked(cpu, role, fn, CallSite::kCancelMatch, [&] {
        ListWalk::Result r = ctx->cancel_match(ListWalk::kAnyCreate);
        cancelled = std::move(r.unlinked);
        return r.hold_ns;
      });
      if (cancelled.empty()) co_return;
      co_await cancel_cbs(ctx, cpu, role, std::move(cancelled));
    }
  }
  if (!ctx->list_pending()) co_return;  // task_work_cancel_match_all: NULL, unlocked
  std::vector<int> cancelled;
  co_await ctx->locked(cpu, role, fn, CallSite::kCancelMatchAll, [&] {
    ListWalk::Result r = ctx->cancel_match_all();
    cancelled = std::move(r.unlinked);
    return r.hold_ns;
  });
  co_await cancel_cbs(ctx, cpu, role, std::move(cancelled));
}

}  // namespace twsim
