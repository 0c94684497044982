#include "sim/model/pi_lock.h"

#include <algorithm>
#include <string>
#include <utility>

#include "sim/core/invariant.h"
#include "sim/core/saturating.h"

namespace twsim {

PiLock::PiLock(Simulator* sim, const LockConfig& config, SocketLayout sockets, RandomStream rng,
               ModelFaults faults)
    : sim_(sim), config_(config), sockets_(sockets), rng_(rng), faults_(faults) {}

void PiLock::acquire(int cpu, Granted on_granted) {
  Waiter w{cpu, sim_->now(), on_granted};
  if (!busy() || faults_.grant_held_lock) {  // fast path: cmpxchg 0 -> locked
    grant(std::move(w));
    return;
  }
  // pv-qspinlock: a queue head that spun past SPIN_THRESHOLD cleared the
  // pending bit and halted (pv_wait_head_or_lock); while the unlocker's kick
  // wakes it the lock word is 0 with no pending bit, so a CPU entering the
  // slowpath takes it (pv_hybrid_queued_unfair_trylock) and the head waits on.
  if (kick_in_flight_ && owner_ < 0) {
    ++steals_;
    grant(std::move(w));
    return;
  }
  enqueue(std::move(w));
}

void PiLock::enqueue(Waiter w) {
  if (config_.kind == LockKind::kTas) {
    tas_queue_.push_back(std::move(w));
  } else {
    queue_.push_back(std::move(w));
  }
}

PiLock::Waiter PiLock::take_next() {
  if (config_.kind == LockKind::kTas) {
    // virt_spin_lock (arch/x86/include/asm/qspinlock.h): every spinner retries
    // the cmpxchg; which one wins is a uniform draw over the waiters.
    std::size_t next = rng_.below(tas_queue_.size());
    if (faults_.lifo_handoff) next = tas_queue_.size() - 1;
    return tas_queue_.take(next);
  }
  if (faults_.lifo_handoff) {
    Waiter w = std::move(queue_.back());
    queue_.pop_back();
    return w;
  }
  Waiter w = std::move(queue_.front());
  queue_.pop_front();  // FIFO kinds: the head
  return w;
}

void PiLock::release(int cpu) {
  Ns latency_ns = 0;
  if (release_for_handoff(cpu, &latency_ns))
    sim_->after(latency_ns, [this] { complete_handoff(); });
}

bool PiLock::release_for_handoff(int cpu, Ns* latency_ns) {
  check_invariant(
      owner_ == cpu, "pi_lock mutual exclusion", sim_->now(),
      [&] { return "raw_spin_unlock by CPU " + std::to_string(cpu); },
      [&] { return "the lock is owned by CPU " + std::to_string(owner_); });
  const Ns hold = sim_->now() - owned_since_;
  stat_.hold_total_ns = add_saturating(stat_.hold_total_ns, hold);
  stat_.hold_max_ns = std::max(stat_.hold_max_ns, hold);
  stat_.hold_min_ns = stat_.acquisitions == 1 ? hold : std::min(stat_.hold_min_ns, hold);
  const int releaser = owner_;
  owner_ = -1;
  // A thief releasing while the kicked head is still waking: the head takes
  // the lock when it gets there; no second handoff starts meanwhile.
  if (waiters() == 0 || handing_off_) return false;

  Waiter w = take_next();
  const int still_waiting = waiters() + 1;  // including w
  *latency_ns = handoff_cost(releaser, w, still_waiting);
  handing_off_ = true;
  kick_in_flight_ = config_.kind == LockKind::kPvQspinlock && halted(w);
  handing_to_ = std::move(w);
  return true;
}

const LockGrant* PiLock::fifo_head() const {
  const bool fifo = config_.kind == LockKind::kQspinlock || config_.kind == LockKind::kTicket;
  if (!fifo || faults_.lifo_handoff || queue_.empty()) return nullptr;
  return &queue_.front().on_granted;
}

void PiLock::complete_handoff() {
  // One handoff is in flight at a time (release_for_handoff starts none while
  // handing_off_), so handing_to_ is still the waiter it picked.
  handing_off_ = false;
  kick_in_flight_ = false;
  if (owner_ >= 0) {  // stolen while it was being kicked: it stays the queue head
    queue_.push_front(std::move(handing_to_));
    return;
  }
  grant(std::move(handing_to_));
}

Ns PiLock::handoff_cost(int from_cpu, const Waiter& to, int still_waiting) const {
  const bool remote = sockets_.socket_of(from_cpu) != sockets_.socket_of(to.cpu);
  const Ns transfer = remote ? config_.remote_handoff_ns : config_.handoff_ns;
  switch (config_.kind) {
    case LockKind::kTicket:
      return transfer * still_waiting;
    case LockKind::kPvQspinlock:
      return transfer + (halted(to) ? kPvKickNs : 0);
    default:
      return transfer;
  }
}

bool PiLock::halted(const Waiter& w) const { return sim_->now() - w.since >= kPvSpinThresholdNs; }

void PiLock::grant(Waiter w) {
  const Ns wait = sim_->now() - w.since;
  ++stat_.acquisitions;
  if (wait > 0) {
    stat_.wait_min_ns = stat_.contentions == 0 ? wait : std::min(stat_.wait_min_ns, wait);
    ++stat_.contentions;
    stat_.wait_max_ns = std::max(stat_.wait_max_ns, wait);
    stat_.wait_total_ns = add_saturating(stat_.wait_total_ns, wait);
  }
  owner_ = w.cpu;
  owned_since_ = sim_->now();
  w.on_granted.run(w.on_granted.self);
}

}  // namespace twsim
