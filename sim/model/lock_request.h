// One raw_spin_lock_irqsave(&submitter->pi_lock) call from the call to the
// unlock (LockSection::call). It lives wherever its caller keeps it (a
// thread's coroutine frame, awaitables.h Locked), so that a CPU spinning in
// the queue costs the lock only a {cpu, since, grant} entry (pi_lock.h) and
// no heap block: a million-CPU run has ~1,000,000 of them at once.
#ifndef TWSIM_MODEL_LOCK_REQUEST_H_
#define TWSIM_MODEL_LOCK_REQUEST_H_

#include <cstdint>

#include "sim/core/time.h"
#include "sim/model/cpu_activity.h"
#include "sim/scenario/results.h"

namespace twsim {

class LockSection;

struct LockRequest {
  // What the caller sets.
  int cpu;
  Runner who;
  CallSite site;
  // The critical section, run at the grant: walks and edits the list and
  // returns the hold time.
  Ns (*body)(LockRequest* self);
  // After raw_spin_unlock_irqrestore: the caller goes on. The request may be
  // gone once it returns.
  void (*done)(LockRequest* self);

  // What LockSection fills in at the call (itself, for the grant; lockdep's
  // view then).
  LockSection* section = nullptr;
  CallSite holder_site = CallSite::kCancelMatch;
  int holder_cpu = -1;
  std::uint64_t ticket = 0;
  Ns called = 0;

  // The worker whose io_worker_exit makes the call, or -1 (another thread).
  int thread = -1;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_LOCK_REQUEST_H_
