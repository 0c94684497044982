// The submitter's task->pi_lock, a raw spinlock (docs/kernel-facts.md §3). The default
// kind is the x86 queued spinlock: a contender that finds the lock free takes it
// at once (fast path); otherwise it joins a strict FIFO (the first waiter sits
// in the "pending" slot, the rest in the MCS queue; no stealing on bare metal,
// qspinlock.c queued_spin_lock_slowpath), and each release hands the lock to
// the next waiter after a cache-line transfer of `handoff_ns`, or
// `remote_handoff_ns` when the two CPUs are on different sockets.
// Comparison kinds (docs/kernel-facts.md §3.5, §3.6; docs/calibration.md §4.3):
//  - ticket: FIFO, but every waiter spins on the one lock line, so a release
//    with m CPUs still waiting costs m x the transfer;
//  - tas: unfair test-and-set (virt_spin_lock): a random spinner wins;
//  - pv-qspinlock: FIFO, but a waiter that spun past SPIN_THRESHOLD halts
//    (pv_wait) and pays a kick latency when handed the lock; a CPU arriving
//    during that kick steals the free lock (pv_hybrid_queued_unfair_trylock)
//    and the kicked head stays first in line for the thief's release.
// The lock knows nothing of interrupts; callers account for those.
#ifndef TWSIM_MODEL_PI_LOCK_H_
#define TWSIM_MODEL_PI_LOCK_H_

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/simulator.h"
#include "sim/model/model_faults.h"
#include "sim/model/ranked_queue.h"
#include "sim/model/socket_layout.h"
#include "sim/scenario/config.h"
#include "sim/scenario/results.h"

namespace twsim {

// pv-qspinlock constants (estimates, see README "Model"): SPIN_THRESHOLD is
// 1 << 15 iterations of cpu_relax() (arch/x86/include/asm/spinlock.h); at
// ~40 ns per PAUSE iteration that is ~1.3 ms. A pv_kick + vCPU wake-up is
// taken as 20 us.
constexpr Ns kPvSpinThresholdNs = 1'310'720;
constexpr Ns kPvKickNs = 20'000;

// What runs when a waiter owns the lock: run(self). A plain pointer pair, so
// that a queued waiter is 32 bytes (the caller keeps the state, lock_request.h).
struct LockGrant {
  void (*run)(void* self);
  void* self;
};

class PiLock {
 public:
  using Granted = LockGrant;

  // `sockets` says which CPUs are remote from each other. `sim` must outlive
  // the lock. `faults` (tests only) may break the lock on purpose.
  PiLock(Simulator* sim, const LockConfig& config, SocketLayout sockets, RandomStream rng,
         ModelFaults faults = {});
  PiLock(const PiLock&) = delete;
  PiLock& operator=(const PiLock&) = delete;

  // CPU `cpu` calls raw_spin_lock at now(); on_granted runs (as an event) at
  // the moment it owns the lock, which is now() if the lock is free. Its
  // `self` must live until then.
  void acquire(int cpu, Granted on_granted);
  // The owner releases at now(). A release by any other CPU throws
  // InvariantViolation.
  void release(int cpu);

  // release() in two steps, for a caller that runs the handoff itself
  // (sim/model/walk_ring.h): the release, which picks the next owner and
  // returns true with *latency_ns the handoff's latency (false: nobody to
  // hand to) ...
  bool release_for_handoff(int cpu, Ns* latency_ns);
  // ... and, that much later, the grant to it (the handoff event's work).
  void complete_handoff();
  // The next waiter a release now would hand to, if the lock is FIFO
  // (qspinlock or ticket); nullptr otherwise or when none waits.
  const LockGrant* fifo_head() const;
  // What a release by `from_cpu` now would pay to hand the lock to that head.
  // REQUIRES: fifo_head() != nullptr.
  Ns head_handoff_ns(int from_cpu) const {
    return handoff_cost(from_cpu, queue_.front(), waiters());
  }

  bool busy() const { return owner_ >= 0 || handing_off_; }
  int waiters() const { return static_cast<int>(queue_.size() + tas_queue_.size()); }
  int owner() const { return owner_; }
  Ns owned_since() const { return owned_since_; }

  // /proc/lock_stat counters so far.
  const LockStat& stat() const { return stat_; }
  // pv-qspinlock: acquisitions that stole the lock from a kicked queue head.
  std::int64_t steals() const { return steals_; }

 private:
  struct Waiter {
    int cpu;
    Ns since;
    Granted on_granted;
  };
  void enqueue(Waiter w);
  // Takes the waiter the release hands the lock to.
  Waiter take_next();
  void grant(Waiter w);
  bool halted(const Waiter& w) const;  // pv: spun past SPIN_THRESHOLD, so pv_wait()ed
  Ns handoff_cost(int from_cpu, const Waiter& to, int still_waiting) const;

  Simulator* sim_;
  LockConfig config_;
  SocketLayout sockets_;
  RandomStream rng_;
  ModelFaults faults_;
  std::deque<Waiter> queue_;       // FIFO kinds: the head is next
  RankedQueue<Waiter> tas_queue_;  // tas: a random waiter is next, in O(log n)
  int owner_ = -1;
  Ns owned_since_ = 0;
  bool handing_off_ = false;     // released; the next owner gets it after the handoff latency
  bool kick_in_flight_ = false;  // pv: that handoff is a pv_kick of a halted head
  Waiter handing_to_{};          // release_for_handoff's pick, until complete_handoff
  LockStat stat_;
  std::int64_t steals_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_PI_LOCK_H_
