#include "sim/model/submitter.h"

#include <utility>

namespace twsim {

Submitter::Submitter(RunContext* ctx, std::function<void()> after_cancel)
    : ctx_(ctx), after_cancel_(std::move(after_cancel)) {}

void Submitter::start() {
  cpu_ = ctx_->cpus.take_now();
  ctx_->begin_no_sched(cpu_);
  if (ctx_->algorithm == Algorithm::kOld) {
    cancel_next();
  } else {
    cancel_all();
  }
}

void Submitter::cancel_next() {
  auto cancelled = std::make_shared<int>(-1);
  ctx_->locked_call(
      cpu_, Role::kSubmitter, CallSite::kCancelMatch,
      [this, cancelled] {
        TaskWorkList& list = ctx_->list;
        const auto match = list.first_create();
        const std::int64_t visited = match ? match->depth : list.length();
        ctx_->nodes_visited += visited;
        if (!match) return ctx_->walk_ns(visited);
        list.remove(match->node);
        *cancelled = match->owner;
        return ctx_->walk_ns(visited) + ctx_->config.costs.unlink_ns;
      },
      [this, cancelled] {
        if (*cancelled < 0) {
          finish();
          return;
        }
        run_cancel_cbs({*cancelled}, 0, [this] { cancel_next(); });
      });
}

void Submitter::cancel_all() {
  auto cancelled = std::make_shared<std::vector<int>>();
  ctx_->locked_call(
      cpu_, Role::kSubmitter, CallSite::kCancelMatchAll,
      [this, cancelled] {
        TaskWorkList& list = ctx_->list;
        const std::int64_t visited = list.length();
        ctx_->nodes_visited += visited;
        for (const auto& m : list.all_creates()) {
          list.remove(m.node);
          cancelled->push_back(m.owner);
        }
        return ctx_->walk_ns(visited) +
               ctx_->config.costs.unlink_ns * static_cast<Ns>(cancelled->size());
      },
      [this, cancelled] { run_cancel_cbs(std::move(*cancelled), 0, [this] { finish(); }); });
}

void Submitter::run_cancel_cbs(std::vector<int> owners, std::size_t i,
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
                    ctx_->put_worker_ref(cpu_, Role::kSubmitter,
                                         [this, owners = std::move(owners), i,
                                          then = std::move(then)]() mutable {
                                           run_cancel_cbs(std::move(owners), i + 1,
                                                          std::move(then));
                                         });
                  });
}

void Submitter::finish() {
  if (after_cancel_) after_cancel_();
  ctx_->submitter_waits(cpu_);
}

}  // namespace twsim
