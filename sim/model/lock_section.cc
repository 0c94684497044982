#include "sim/model/lock_section.h"

#include <algorithm>
#include <utility>

#include "sim/core/saturating.h"

namespace twsim {

void LockSection::call(int cpu, Runner who, CallSite site, UniqueFunction<Ns()> body,
                       UniqueFunction<void()> then) {
  std::size_t slot = callbacks_.size();
  if (free_callbacks_.empty()) {
    callbacks_.emplace_back();
  } else {
    slot = free_callbacks_.back();
    free_callbacks_.pop_back();
  }
  auto req = std::make_unique<CallbackRequest>();
  req->cpu = cpu;
  req->who = who;
  req->site = site;
  req->body = [](LockRequest* self) { return static_cast<CallbackRequest*>(self)->body_fn(); };
  req->done = [](LockRequest* self) {
    auto* r = static_cast<CallbackRequest*>(self);
    LockSection* section = r->section;
    const std::size_t slot = r->slot;
    UniqueFunction<void()> then = std::move(r->then);
    section->callbacks_[slot].reset();  // frees r: nothing of it is read after this
    section->free_callbacks_.push_back(slot);
    then();
  };
  req->slot = slot;
  req->body_fn = std::move(body);
  req->then = std::move(then);
  callbacks_[slot] = std::move(req);
  call(callbacks_[slot].get());
}

void LockSection::call(LockRequest* req) {
  sim_->after(
      0, [this, req] { arrive(req); }, tie_.next_u64());
}

void LockSection::arrive(LockRequest* req) {
  req->section = this;
  req->called = sim_->now();
  cpus_->irq_off(req->cpu, req->called, req->who);
  req->ticket = invariants_->lock_called();
  // lockdep.c __lock_contended reads lock->cpu and lock->ip when the
  // trylock fails, i.e. now; whether it failed shows as a wait at the grant.
  req->holder_cpu = last_cpu_;
  req->holder_site = last_site_;
  lock_->acquire(req->cpu, LockGrant{[](void* self) {
                                       auto* r = static_cast<LockRequest*>(self);
                                       r->section->granted(r);
                                     },
                                     req});
}

void LockSection::granted(LockRequest* req) {
  const int cpu = req->cpu;
  const Runner who = req->who;
  const CallSite site = req->site;
  invariants_->granted(cpu, site, req->ticket);
  const Ns wait = sim_->now() - req->called;
  max_wait_ = std::max(max_wait_, wait);
  LockCaller& caller = sites_.by_caller[static_cast<int>(who.fn)];
  ++caller.acquisitions;
  if (wait > 0) {
    ++sites_.contentions_by_site[static_cast<int>(site)];
    ++sites_.contending_by_site[static_cast<int>(req->holder_site)];
    if (req->holder_cpu != cpu) ++sites_.con_bounces;
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
  const Ns hold = faults_.negative_hold ? -1 : req->body(req);
  invariants_->check_node_conservation(*walk_, cpu, site);
  caller.hold_total_ns = add_saturating(caller.hold_total_ns, hold);
  caller.hold_max_ns = std::max(caller.hold_max_ns, hold);
  if (site == CallSite::kCancelMatch || site == CallSite::kCancelMatchAll) {
    cancel_holds_.push_back(hold);
  }
  const LockCall record{cpu,
                        who.role,
                        site,
                        req->called,
                        sim_->now(),
                        sim_->now() + hold,
                        walk_->nodes_visited() - nodes_before,
                        length_before,
                        who.fn};
  if (hold_out_ != nullptr) {  // a closed-form caller takes the release from here
    *hold_out_ = Held{req, record};
    return;
  }
  schedule_release(Held{req, record});  // record.released = now + hold
}

void LockSection::release(LockRequest* req, const LockCall& record) {
  if (release_hook_.run != nullptr && release_hook_.run(release_hook_.self, req, record)) return;
  lock_->release(record.cpu);
  finish(record);
  req->done(req);
}

void LockSection::finish(const LockCall& record) {
  invariants_->released();
  calls_.push_back(record);
  cpus_->irq_on(record.cpu, sim_->now());
}

void LockSection::schedule_release(const Held& held) {
  sim_->at(held.record.released, [this, held] { release(held.request, held.record); });
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
