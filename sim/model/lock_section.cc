#include "sim/model/lock_section.h"

#include <algorithm>
#include <utility>

#include "sim/core/saturating.h"

namespace twsim {

void LockSection::call(int cpu, Runner who, CallSite site, UniqueFunction<Ns()> body,
                       UniqueFunction<void()> then) {
  auto lock_call = [this, cpu, who, site, body = std::move(body),
                    then = std::move(then)]() mutable {
    const Ns called = sim_->now();
    cpus_->irq_off(cpu, called, who);
    const std::uint64_t ticket = invariants_->lock_called();
    // lockdep.c __lock_contended reads lock->cpu and lock->ip when the
    // trylock fails, i.e. now; whether it failed shows as a wait at the grant.
    const int holder_cpu = last_cpu_;
    const CallSite holder_site = last_site_;
    lock_->acquire(cpu, [this, cpu, who, site, called, ticket, holder_cpu, holder_site,
                         body = std::move(body), then = std::move(then)]() mutable {
      invariants_->granted(cpu, site, ticket);
      const Ns wait = sim_->now() - called;
      max_wait_ = std::max(max_wait_, wait);
      LockCaller& caller = sites_.by_caller[static_cast<int>(who.fn)];
      ++caller.acquisitions;
      if (wait > 0) {
        ++sites_.contentions_by_site[static_cast<int>(site)];
        ++sites_.contending_by_site[static_cast<int>(holder_site)];
        if (holder_cpu != cpu) ++sites_.con_bounces;
        ++caller.contentions;
        caller.wait_total_ns = add_saturating(caller.wait_total_ns, wait);
        caller.wait_max_ns = std::max(caller.wait_max_ns, wait);
      }
      // lockdep.c __lock_acquired: a bounce when lock->cpu != cpu, then
      // lock->cpu = cpu, lock->ip = ip.
      if (last_cpu_ >= 0 && last_cpu_ != cpu) ++sites_.acq_bounces;
      last_cpu_ = cpu;
      last_site_ = site;
      cpus_->granted(cpu, sim_->now());
      walk_->catch_up(sim_->now());
      const std::int64_t nodes_before = walk_->nodes_visited();
      const std::int64_t length_before = walk_->list().length();
      const Ns hold = faults_.negative_hold ? -1 : body();
      invariants_->check_node_conservation(*walk_, cpu, site);
      caller.hold_total_ns = add_saturating(caller.hold_total_ns, hold);
      caller.hold_max_ns = std::max(caller.hold_max_ns, hold);
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
                            length_before,
                            who.fn};
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

void LockSection::add_call_site_counters(LockStat* stat) const {
  for (int i = 0; i < kCallSites; ++i) {
    stat->contentions_by_site[i] = sites_.contentions_by_site[i];
    stat->contending_by_site[i] = sites_.contending_by_site[i];
  }
  stat->con_bounces = sites_.con_bounces;
  stat->acq_bounces = sites_.acq_bounces;
  for (int i = 0; i < kKernelFns; ++i) stat->by_caller[i] = sites_.by_caller[i];
}

}  // namespace twsim
