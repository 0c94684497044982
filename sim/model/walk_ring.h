// Fast-forward of the old teardown's ring of full walks (issue 16 part 2).
//
// Under the old teardown every CPU of the io-wq cpuset holds an exiting
// worker queued on pi_lock, each to walk the whole unchanging list and find
// nothing (io_worker_exit's second task_work_cancel_match). Each release then
// brings the same five events: the handoff to the queue head (the queued
// spinlock's cache-line transfer, pi_lock.h), the released worker's end
// (worker_exit_ns later: io_worker_exit's rest and do_exit, its
// io_worker_ref_put, its CPU freed), the next worker that waited for a CPU
// starting on it, its raw_spin_lock_irqsave joining the queue's tail, and the
// head's release one walk later. A ring is those five for as long as they are
// all that can happen; this computes them in a loop, with no event queued,
// no coroutine resumed and no frame made for the workers that start in it.
//
// It runs the components' own code for each of the five (PiLock's release
// and handoff, LockSection's lock call, grant and release, the walk,
// CpuRecorder, IoWqRefs, CpuPool), in the order stepping runs them, so every
// result is the same byte for byte (tests/model/walk_ring_test.cc, on every
// shipped config and random scenarios). What it writes itself is the part of
// io_worker_exit (worker.cc) that follows a walk that found nothing, for the
// workers it started: their calls are RingRequests, which stepping can also
// finish if the ring stops with them queued.
//
// A ring goes on only while, at each release (checked every time):
//  - the run is the old teardown on a queued spinlock (qspinlock: FIFO, a
//    handoff costs a transfer by sockets) with no injected faults (set once
//    per run; task_work_add pushes are drawn by the walks themselves, as
//    stepping draws them, and background wakeups are queued events, below);
//  - the holder and the queue head are workers in io_worker_exit whose walk
//    finds nothing (their create_work is gone), and the thread that gets the
//    freed CPU, if any, is such a worker too;
//  - the released worker's reference is not the last (that one wakes the
//    submitter under pi_lock: try_to_wake_up);
//  - handoff <= worker_exit_ns < handoff + walk, so the order is the one above;
//  - it all lies before the earliest event queued (another thread's next
//    step: a submitter's cancel_cb, a wake-up) and run_until's end (the
//    horizon): those run stepped, in their place.
// Otherwise stepping goes on from there (fast_forward.h switches it off).
#ifndef TWSIM_MODEL_WALK_RING_H_
#define TWSIM_MODEL_WALK_RING_H_

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/model/lock_request.h"
#include "sim/model/run_context.h"
#include "sim/model/worker.h"

namespace twsim {

class WalkRing {
 public:
  // Offers itself to `ctx`'s lock section if the run qualifies (see above).
  // Both must outlive the run; `faulty`: the run has injected faults.
  WalkRing(RunContext* ctx, std::vector<Worker>* workers, bool faulty);
  ~WalkRing();  // adds its events to fast_forwarded_events()
  WalkRing(const WalkRing&) = delete;
  WalkRing& operator=(const WalkRing&) = delete;

  // Events computed in closed form so far.
  std::uint64_t events() const { return events_; }

 private:
  // The lock call of a worker started in a ring (one per CPU at most).
  struct RingRequest : LockRequest {
    WalkRing* ring;
  };
  static bool on_release(void* self, LockRequest* req, const LockCall& record);
  // The ring from `holder`'s release at now(); false: step it instead.
  bool run(LockRequest* holder, const LockCall& record);
  // Whether the ring can take the release of `holder` due at `release_at`
  // (the rules above; all it brings lies before last_free_ns()).
  bool can_take(const LockRequest* holder, Ns release_at) const;
  bool walks_to_the_end(const LockRequest* req) const;
  // The worker a CPU thread is, if it starts io_worker_exit and walks to the end.
  Worker* worker_to_start(const CpuThread* thread) const;
  void step(Ns when);
  // The last time a ring may reach: before run_until's end and before the
  // earliest queued event (which must run as stepped, in its place).
  Ns last_free_ns() const;
  // io_worker_exit's end on `cpu` (delay over): exited, reference put, CPU freed.
  void worker_ends(int cpu);
  void start_worker(Worker* worker, int cpu);

  // RingRequest's body and done, for stepping (a ring that stopped with them queued).
  static Ns walk(LockRequest* self);
  static void done(LockRequest* self);

  RunContext* ctx_;
  std::vector<Worker>* workers_;
  Ns exit_ns_;
  // The calls of workers a ring started: live ones are queued on pi_lock or
  // hold it (one per CPU at most); a finished one is reused.
  std::deque<RingRequest> requests_;
  std::vector<RingRequest*> free_requests_;
  RingRequest* new_request();
  void free_request(RingRequest* req) { free_requests_.push_back(req); }
  std::uint64_t events_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_WALK_RING_H_
