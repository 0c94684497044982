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

void CancelTwCreate::cancel_next() {
  auto cancelled = std::make_shared<int>(-1);
  ctx_->locked_call(
      cpu_, role_, CallSite::kCancelMatch,
      [this, cancelled] {
        TaskWorkList& list = ctx_->list;
        auto match = list.first_create();
        if (match && ctx_->race_head_cmpxchg(*match)) match = list.first_create();
        const std::int64_t visited = match ? match->depth : list.length();
        ctx_->nodes_visited += visited;
        const Ns walk = ctx_->walk_ns(visited);  // before the unlink: the list as walked
        if (!match) return walk;
        ctx_->unlink_create(*match);
        *cancelled = match->owner;
        return walk + ctx_->config.costs.unlink_ns;
      },
      [this, cancelled] {
        if (*cancelled < 0) {
          done_();
          return;
        }
        run_cancel_cbs({*cancelled}, 0, [this] { cancel_next(); });
      });
}

void CancelTwCreate::cancel_all() {
  auto cancelled = std::make_shared<std::vector<int>>();
  ctx_->locked_call(
      cpu_, role_, CallSite::kCancelMatchAll,
      [this, cancelled] {
        TaskWorkList& list = ctx_->list;
        if (const auto first = list.first_create()) ctx_->race_head_cmpxchg(*first);
        const std::int64_t visited = list.length();
        ctx_->nodes_visited += visited;
        const Ns walk = ctx_->walk_ns(visited);
        for (const auto& m : list.all_creates()) {
          ctx_->unlink_create(m);
          cancelled->push_back(m.owner);
        }
        return walk + ctx_->config.costs.unlink_ns * static_cast<Ns>(cancelled->size());
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
                    // io_worker_ref_put for the reference the create held.
                    ctx_->workers[owners[i]].create_pending = false;
                    ctx_->put_worker_ref(cpu_, role_,
                                         [this, owners = std::move(owners), i,
                                          then = std::move(then)]() mutable {
                                           run_cancel_cbs(std::move(owners), i + 1,
                                                          std::move(then));
                                         });
                  });
}

}  // namespace twsim
