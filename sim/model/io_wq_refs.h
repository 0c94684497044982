// The io-wq's worker reference count (wq->worker_refs) and the end of the
// teardown: io_wq_create's initial reference, one per worker (dropped in
// io_worker_exit) and one per queued create (io_queue_worker_create). The
// submitter drops its own in io_wq_exit_workers and sleeps on worker_done;
// the last io_worker_ref_put completes worker_done, whose try_to_wake_up of
// the sleeping submitter takes pi_lock once more, and the teardown is over.
#ifndef TWSIM_MODEL_IO_WQ_REFS_H_
#define TWSIM_MODEL_IO_WQ_REFS_H_

#include <cstdint>

#include "sim/core/simulator.h"
#include "sim/model/cpu_pool.h"
#include "sim/model/cpu_recorder.h"
#include "sim/model/lock_section.h"
#include "sim/model/run_invariants.h"

namespace twsim {

class IoWqRefs {
 public:
  // Every pointer must outlive this object; `refs` is the count at t = 0.
  IoWqRefs(std::int64_t refs, Ns wakeup_hold_ns, Simulator* sim, LockSection* lock, CpuPool* cpus,
           CpuRecorder* recorder, RunInvariants* invariants)
      : refs_(refs),
        wakeup_hold_ns_(wakeup_hold_ns),
        sim_(sim),
        lock_(lock),
        cpus_(cpus),
        recorder_(recorder),
        invariants_(invariants) {}

  // A worker has done io_worker_exit's work; its own reference goes next.
  void worker_exited() { ++workers_exited_; }
  // io_worker_ref_put by the thread on `cpu`; `then()` runs afterwards.
  void put(int cpu, Role role, UniqueFunction<void()> then);
  // The submitter on `cpu` drops the initial reference and sleeps on
  // worker_done (its CPU is free).
  void submitter_waits(int cpu);

  bool done() const { return done_; }
  std::int64_t refs() const { return refs_; }
  Ns end() const { return end_; }

 private:
  void finish();

  std::int64_t refs_;
  Ns wakeup_hold_ns_;
  Simulator* sim_;
  LockSection* lock_;
  CpuPool* cpus_;
  CpuRecorder* recorder_;
  RunInvariants* invariants_;
  int workers_exited_ = 0;
  bool submitter_waiting_ = false;
  bool done_ = false;
  Ns end_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_IO_WQ_REFS_H_
