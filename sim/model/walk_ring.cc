#include "sim/model/walk_ring.h"

#include <algorithm>
#include <string>

#include "sim/core/fast_forward.h"
#include "sim/core/invariant.h"

namespace twsim {

WalkRing::WalkRing(RunContext* ctx, std::vector<Worker>* workers, bool faulty)
    : ctx_(ctx), workers_(workers), exit_ns_(ctx->config.costs.worker_exit_ns) {
  const ScenarioConfig& c = ctx->config;
  const bool qualifies = fast_forward_enabled() && ctx->algorithm == Algorithm::kOld &&
                         c.lock.kind == LockKind::kQspinlock && !faulty;
  if (qualifies) ctx->section_.set_release_hook({&WalkRing::on_release, this});
}

WalkRing::~WalkRing() { add_fast_forwarded_events(events_); }

bool WalkRing::on_release(void* self, LockRequest* req, const LockCall& record) {
  return static_cast<WalkRing*>(self)->run(req, record);
}

bool WalkRing::walks_to_the_end(const LockRequest* req) const {
  return req->thread >= 0 && req->site == CallSite::kCancelMatch &&
         req->who.fn == KernelFn::kIoWorkerExit && !ctx_->workers()[req->thread].create_pending;
}

Worker* WalkRing::worker_to_start(const CpuThread* thread) const {
  if (thread->run != &Worker::run_on) return nullptr;
  auto* worker = static_cast<Worker*>(thread->self);
  return ctx_->workers()[worker->id()].create_pending ? nullptr : worker;
}

Ns WalkRing::last_free_ns() const {
  const Ns next = ctx_->next_event_time();
  return std::min(ctx_->run_end(), next == kNever ? kNever : next - 1);
}

bool WalkRing::can_take(const LockRequest* holder, Ns release_at) const {
  if (!walks_to_the_end(holder)) return false;
  const LockGrant* head = ctx_->lock_.fifo_head();
  if (head == nullptr || !walks_to_the_end(static_cast<const LockRequest*>(head->self))) {
    return false;
  }
  if (ctx_->refs_.refs() <= 1 || ctx_->walk_.list().length() == 0) return false;
  const Ns handoff = ctx_->lock_.head_handoff_ns(holder->cpu);
  if (handoff > exit_ns_ || exit_ns_ >= handoff + ctx_->walk_.full_walk_ns()) return false;
  if (release_at + exit_ns_ > last_free_ns()) return false;
  const CpuThread* next = ctx_->cpus_.next_thread(holder->cpu);
  return next == nullptr || worker_to_start(next) != nullptr;
}

void WalkRing::step(Ns when) {
  ctx_->step_in_closed_form(when);
  ++events_;
}

bool WalkRing::run(LockRequest* holder, const LockCall& record) {
  if (!can_take(holder, ctx_->now())) return false;
  LockSection& section = ctx_->section_;
  LockSection::Held held{holder, record};
  for (;;) {
    // The release event (the first was popped; the rest are computed): the
    // lock goes to the queue head after the handoff, interrupts come back on.
    const Ns released = ctx_->now();
    const int cpu = held.record.cpu;
    Ns handoff_ns = 0;
    ctx_->lock_.release_for_handoff(cpu, &handoff_ns);
    section.finish(held.record);
    if (held.request->done == &WalkRing::done) {
      free_request(static_cast<RingRequest*>(held.request));
    } else {  // a worker's own coroutine: it ends here
      (*workers_)[held.request->thread].exit_computed_elsewhere();
    }
    // The handoff event: the head owns the lock and walks the whole list.
    step(released + handoff_ns);
    LockSection::Held next{};
    section.take_releases(&next);
    ctx_->lock_.complete_handoff();
    section.take_releases(nullptr);
    // worker_exit_ns after its release the released worker is gone; its CPU
    // goes to the next worker waiting for one, which queues at once.
    step(released + exit_ns_);
    worker_ends(cpu);
    held = next;
    if (!can_take(held.request, held.record.released)) {
      section.schedule_release(held);
      return true;
    }
    step(held.record.released);
  }
}

void WalkRing::worker_ends(int cpu) {
  // io_worker_exit after the loop (worker.cc), its reference not the last.
  ctx_->worker_exited();
  ctx_->refs_.put(cpu, Role::kWorker, [] {});
  ctx_->end_no_sched(cpu);
  CpuThread next{};
  if (!ctx_->cpus_.hand_over(cpu, &next)) return;
  step(ctx_->now());  // CpuPool's start event
  start_worker(static_cast<Worker*>(next.self), cpu);
}

void WalkRing::start_worker(Worker* worker, int cpu) {
  // Worker::run -> io_worker_exit up to its lock call (worker.cc).
  ctx_->begin_no_sched(cpu, Role::kWorker, KernelFn::kIoWorkerExit);
  check_invariant(
      ctx_->list_pending(), "walk ring", ctx_->now(),
      [&] {
        return "worker " + std::to_string(worker->id()) + " starts on CPU " + std::to_string(cpu);
      },
      [] { return std::string("the list is empty, so it would not take pi_lock"); });
  RingRequest& req = *new_request();
  req.cpu = cpu;
  req.who = Runner{Role::kWorker, KernelFn::kIoWorkerExit};
  req.site = CallSite::kCancelMatch;
  req.body = &WalkRing::walk;
  req.done = &WalkRing::done;
  req.thread = worker->id();
  req.ring = this;
  ctx_->section_.next_tie();  // LockSection::call's draw
  step(ctx_->now());          // the lock call's event
  ctx_->section_.arrive(&req);
}

WalkRing::RingRequest* WalkRing::new_request() {
  if (free_requests_.empty()) return &requests_.emplace_back();
  RingRequest* req = free_requests_.back();
  free_requests_.pop_back();
  *req = RingRequest{};
  return req;
}

Ns WalkRing::walk(LockRequest* self) {
  auto* req = static_cast<RingRequest*>(self);
  const ListWalk::Result r = req->ring->ctx_->cancel_match(req->thread);
  check_invariant(
      r.unlinked.empty(), "walk ring", req->ring->ctx_->now(),
      [&] { return "worker " + std::to_string(req->thread) + " walks"; },
      [] { return std::string("a worker started in a ring found a create_work"); });
  return r.hold_ns;
}

void WalkRing::done(LockRequest* self) {
  // Stepping finishes a call the ring made: io_worker_exit's end, as worker.cc.
  auto* req = static_cast<RingRequest*>(self);
  WalkRing* ring = req->ring;
  RunContext* ctx = ring->ctx_;
  const int cpu = req->cpu;
  ring->free_request(req);
  ctx->after(ring->exit_ns_, [ctx, cpu] {
    ctx->worker_exited();
    ctx->put_worker_ref(cpu, Role::kWorker, [ctx, cpu] {
      ctx->end_no_sched(cpu);
      ctx->release_cpu(cpu);
    });
  });
}

}  // namespace twsim
