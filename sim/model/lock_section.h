// Critical sections on the submitter's pi_lock, as every thread makes them:
// raw_spin_lock_irqsave (interrupts off at once, docs/kernel-facts.md rule 1), spin
// until granted (pi_lock.h), run the body, raw_spin_unlock_irqrestore. It
// records each section (LockCall), the CPUs' interrupts-off stretches, the
// lock_stat contention and contending points, bounces and callers, and the
// cancel hold times, and has the
// invariants checked at each grant and after each body.
#ifndef TWSIM_MODEL_LOCK_SECTION_H_
#define TWSIM_MODEL_LOCK_SECTION_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/simulator.h"
#include "sim/core/unique_function.h"
#include "sim/model/cpu_activity.h"
#include "sim/model/cpu_recorder.h"
#include "sim/model/list_walk.h"
#include "sim/model/lock_call.h"
#include "sim/model/lock_request.h"
#include "sim/model/model_faults.h"
#include "sim/model/pi_lock.h"
#include "sim/model/run_invariants.h"

namespace twsim {

class LockSection {
 public:
  // Every pointer must outlive this object.
  LockSection(Simulator* sim, PiLock* lock, ListWalk* walk, CpuRecorder* cpus,
              RunInvariants* invariants, RandomStream tie, ModelFaults faults)
      : sim_(sim),
        lock_(lock),
        walk_(walk),
        cpus_(cpus),
        invariants_(invariants),
        tie_(std::move(tie)),
        faults_(faults) {}

  // req->who on req->cpu calls raw_spin_lock_irqsave(&submitter->pi_lock)
  // now, for req->site. Callers reaching the lock in the same nanosecond are
  // ordered by the "tie" stream, not by queue accident. Once it owns the lock,
  // req->body runs the critical section (walks and edits the list) and
  // returns its hold time; the lock is released that much later, interrupts
  // come back on, and req->done runs. *req must live until then.
  void call(LockRequest* req);
  // The same for a caller with no place to keep the request (a callback):
  // the section keeps it, with `body` and `then`, until the unlock.
  void call(int cpu, Runner who, CallSite site, UniqueFunction<Ns()> body,
            UniqueFunction<void()> then);

  // What a closed-form caller (sim/model/walk_ring.h) runs instead of the
  // events, one piece of them each:
  //  - the tie draw call() makes;
  std::uint64_t next_tie() { return tie_.next_u64(); }
  //  - the lock call's event: interrupts off, the call recorded, acquire;
  void arrive(LockRequest* req);
  //  - a grant's release, taken rather than queued while `out` is set
  //    (nullptr: queued again);
  struct Held {
    LockRequest* request;
    LockCall record;  // released: when the release is due
  };
  void take_releases(Held* out) { hold_out_ = out; }
  //  - the release event's work after the lock's release: recorded,
  //    interrupts back on (the caller then goes on without req->done);
  void finish(const LockCall& record);
  //  - and a taken release queued after all (as every grant's is).
  void schedule_release(const Held& held);
  // Offered each release before it happens; a hook that returns true has
  // done it (and whatever follows) itself.
  struct ReleaseHook {
    bool (*run)(void* self, LockRequest* req, const LockCall& record);
    void* self;
  };
  void set_release_hook(ReleaseHook hook) { release_hook_ = hook; }

  // Every completed critical section, in order of release.
  const std::vector<LockCall>& calls() const { return calls_; }
  // Hold times of task_work_cancel_match / _match_all, in order made.
  const std::vector<Ns>& cancel_holds() const { return cancel_holds_; }
  Ns max_wait() const { return max_wait_; }
  // The lock_stat counters only the caller knows (call sites, bounces and
  // callers) copied into *stat; PiLock::stat() has the rest.
  void add_call_site_counters(LockStat* stat) const;

 private:
  Simulator* sim_;
  PiLock* lock_;
  ListWalk* walk_;
  CpuRecorder* cpus_;
  RunInvariants* invariants_;
  RandomStream tie_;
  const ModelFaults faults_;
  std::vector<LockCall> calls_;
  std::vector<Ns> cancel_holds_;
  Ns max_wait_ = 0;
  LockStat sites_;  // only the fields add_call_site_counters copies
  // Requests of call(cpu, ...): the slot of each, and the free slots.
  struct CallbackRequest : LockRequest {
    std::size_t slot;
    UniqueFunction<Ns()> body_fn;
    UniqueFunction<void()> then;
  };
  std::vector<std::unique_ptr<CallbackRequest>> callbacks_;
  std::vector<std::size_t> free_callbacks_;
  void granted(LockRequest* req);
  void release(LockRequest* req, const LockCall& record);  // the release event
  Held* hold_out_ = nullptr;
  ReleaseHook release_hook_{nullptr, nullptr};
  // lockdep's lock->cpu and lock->ip: where the lock was last acquired
  // (-1: not yet in this run; the first acquisition is no bounce).
  int last_cpu_ = -1;
  CallSite last_site_ = CallSite::kCancelMatch;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_LOCK_SECTION_H_
