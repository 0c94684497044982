#include "sim/model/lock_section.h"

#include <algorithm>
#include <utility>

namespace twsim {

void LockSection::call(int cpu, Runner who, CallSite site, UniqueFunction<Ns()> body,
                       UniqueFunction<void()> then) {
  auto lock_call = [this, cpu, who, site, body = std::move(body),
                    then = std::move(then)]() mutable {
    const Ns called = sim_->now();
    cpus_->irq_off(cpu, called, who);
    const std::uint64_t ticket = invariants_->lock_called();
    lock_->acquire(cpu, [this, cpu, who, site, called, ticket, body = std::move(body),
                         then = std::move(then)]() mutable {
      invariants_->granted(cpu, site, ticket);
      const Ns wait = sim_->now() - called;
      max_wait_ = std::max(max_wait_, wait);
      if (wait > 0) ++contentions_by_site_[static_cast<int>(site)];
      cpus_->granted(cpu, sim_->now());
      walk_->catch_up(sim_->now());
      const std::int64_t nodes_before = walk_->nodes_visited();
      const std::int64_t length_before = walk_->list().length();
      const Ns hold = faults_.negative_hold ? -1 : body();
      invariants_->check_node_conservation(*walk_, cpu, site);
      if (site == CallSite::kCancelMatch || site == CallSite::kCancelMatchAll) {
        cancel_holds_.push_back(hold);
      }
      const LockCall record{cpu,
                            who.role,
                            site,
                            called,
                            sim_->now(),
                            sim_->now() + hold,
                            walk_->nodes_visited() - nodes_before,
                            length_before};
      sim_->after(hold, [this, cpu, record, then = std::move(then)] {
        lock_->release(cpu);
        invariants_->released();
        calls_.push_back(record);
        cpus_->irq_on(cpu, sim_->now());
        then();
      });
    });
  };
  sim_->after(0, std::move(lock_call), tie_.next_u64());
}

}  // namespace twsim
