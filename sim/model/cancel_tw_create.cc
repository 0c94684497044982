#include "sim/model/cancel_tw_create.h"

#include <memory>
#include <utility>

namespace twsim {

void CancelTwCreate::run(std::function<void()> done) {
  done_ = std::move(done);
  if (ctx_->algorithm == Algorithm::kOld) {
    cancel_next();
  } else {
    cancel_all();
  }
}

// Old: while ((cb = task_work_cancel_match(wq->task, io_task_work_match, wq)))
//        io_worker_cancel_cb(worker);
void CancelTwCreate::cancel_next() {
  if (!ctx_->walk.pending(ctx_->sim.now())) {  // task_work_cancel_match returns NULL unlocked
    done_();
    return;
  }
  auto cancelled = std::make_shared<std::vector<int>>();
  ctx_->locked_call(
      cpu_, role_, KernelFn::kIoWqCancelTwCreate, CallSite::kCancelMatch,
      [this, cancelled] {
        ListWalk::Result r = ctx_->walk.cancel_match(ListWalk::kAnyCreate, ctx_->sim.now());
        *cancelled = std::move(r.unlinked);
        return r.hold_ns;
      },
      [this, cancelled] {
        if (cancelled->empty()) {
          done_();
          return;
        }
        run_cancel_cbs(std::move(*cancelled), 0, [this] { cancel_next(); });
      });
}

// New: one task_work_cancel_match_all, then io_worker_cancel_cb for each.
void CancelTwCreate::cancel_all() {
  if (!ctx_->walk.pending(ctx_->sim.now())) {  // task_work_cancel_match_all returns NULL unlocked
    done_();
    return;
  }
  auto cancelled = std::make_shared<std::vector<int>>();
  ctx_->locked_call(
      cpu_, role_, KernelFn::kIoWqCancelTwCreate, CallSite::kCancelMatchAll,
      [this, cancelled] {
        ListWalk::Result r = ctx_->walk.cancel_match_all(ctx_->sim.now());
        *cancelled = std::move(r.unlinked);
        return r.hold_ns;
      },
      [this, cancelled] { run_cancel_cbs(std::move(*cancelled), 0, [this] { done_(); }); });
}

void CancelTwCreate::run_cancel_cbs(std::vector<int> owners, std::size_t i,
                                    std::function<void()> then) {
  if (i == owners.size()) {
    then();
    return;
  }
  ctx_->sim.after(ctx_->config.costs.cancel_cb_ns,
                  [this, owners = std::move(owners), i, then = std::move(then)]() mutable {
                    // io_worker_cancel_cb: clear_bit_unlock(0, &worker->create_state),
                    // io_worker_ref_put for the reference the create held (a
                    // create_worker_cont's io_worker is kfreed as well).
                    ctx_->create_done(owners[i]);
                    ctx_->put_worker_ref(cpu_, role_,
                                         [this, owners = std::move(owners), i,
                                          then = std::move(then)]() mutable {
                                           run_cancel_cbs(std::move(owners), i + 1,
                                                          std::move(then));
                                         });
                  });
}

}  // namespace twsim
