// The state one teardown run shares between its threads (submitter, workers,
// background wakers): the engine, the CPUs, pi_lock, the task_work list, the
// io-wq reference count, and what is being measured. Built and owned by
// simulate_teardown(); threads hold a reference to it.
#ifndef TWSIM_MODEL_RUN_CONTEXT_H_
#define TWSIM_MODEL_RUN_CONTEXT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/simulator.h"
#include "sim/scenario/config.h"
#include "sim/scenario/results.h"
#include "sim/model/cpu_activity.h"
#include "sim/model/cpu_pool.h"
#include "sim/model/list_walk.h"
#include "sim/model/lock_call.h"
#include "sim/model/model_faults.h"
#include "sim/model/pi_lock.h"

namespace twsim {

// One io_worker struct: a live worker (ids 0..workers-1) or a thread-less one
// whose create_worker_cont retry is queued (ids from `workers` on).
struct WorkerState {
  // create_state bit 0: its create_work is queued, or unlinked or detached
  // but its callback (io_worker_cancel_cb, create_worker_cb) has not run yet.
  bool create_pending = false;
  bool racing = false;  // queued its create_work just as EXIT was set (io_wq.racing_create)
  // io_worker_exit waiting in wait_for_completion(&worker->ref_done) for the
  // create's worker reference (create_done() runs it).
  std::function<void()> on_create_done;
};

// Invariants checked as the run goes (sim/core/invariant.h), each observed
// here from outside the component that keeps the state:
//  - pi_lock mutual exclusion: no grant while another CPU holds it;
//  - FIFO service where the lock kind promises it (qspinlock, ticket):
//    grants in the order the lock calls were made;
//  - task_work node conservation after every critical section: present +
//    cancelled + run = initial + pushed (run: detached by task_work_run);
//  - the last io-wq reference is dropped only once the submitter waits, and
//    only after every worker has exited (worker_done ends the teardown).
// Monotone time is checked by the Simulator itself.
class RunContext {
 public:
  // `faults` (tests only) breaks the model on purpose.
  RunContext(const ScenarioConfig& config, Algorithm algorithm, std::uint64_t seed,
             int replication, ModelFaults faults = {});
  RunContext(const RunContext&) = delete;
  RunContext& operator=(const RunContext&) = delete;

  // The thread on `cpu` calls raw_spin_lock_irqsave(&submitter->pi_lock) now.
  // Callers reaching the lock in the same nanosecond are ordered by the "tie"
  // stream, not by queue accident. Once it owns the lock, `body()` runs the
  // critical section (walks and edits the list) and returns its hold time; the
  // lock is released that much later, interrupts come back on, and `then()`
  // runs.
  // `fn` is the function the thread is in (for reports and explanations).
  void locked_call(int cpu, Role role, KernelFn fn, CallSite site, std::function<Ns()> body,
                   std::function<void()> then);

  // The callback of `owner`'s create_work has run (io_worker_cancel_cb or
  // create_worker_cb: clear_bit_unlock of create_state bit 0, and the
  // worker reference it held is released): wakes its io_worker_exit if that
  // waits for it.
  void create_done(int owner);

  // A worker has done io_worker_exit's work; its own reference is dropped next.
  void worker_exited() { ++workers_exited_; }

  // The thread on `cpu` enters / leaves a stretch in which it never calls
  // schedule() (only matters under preempt=none/voluntary).
  void begin_no_sched(int cpu, Role role, KernelFn fn);
  void end_no_sched(int cpu);

  // Drops one io-wq worker reference (io_worker_ref_put) on behalf of the
  // thread on `cpu`; the last one completes worker_done, which wakes the
  // submitter through try_to_wake_up (its pi_lock) if it is already waiting.
  // `then()` runs afterwards.
  void put_worker_ref(int cpu, Role role, std::function<void()> then);
  // The submitter has finished io_wq_cancel_tw_create and waits for workers.
  void submitter_waits(int cpu);

  void finish_teardown();
  bool teardown_done() const { return teardown_done_; }

  // Closes stretches still open at the horizon and returns what was measured
  // (detectors not yet applied).
  RunMetrics collect(Ns horizon);
  const std::vector<CpuActivity>& activity() const { return activity_; }
  // Every completed critical section, in order of release.
  const std::vector<LockCall>& lock_calls() const { return lock_calls_; }

  const ScenarioConfig& config;
  const Algorithm algorithm;
  const std::uint64_t seed;
  const int replication;
  Simulator sim;
  CpuPool cpus;
  PiLock lock;
  ListWalk walk;
  std::vector<WorkerState> workers;  // live workers, then thread-less create_cont owners

 private:
  void record_irq_off(int cpu, Ns start, Ns end, Ns wait, Role role, KernelFn fn);
  // Invariant checks, at a lock grant and after a critical section.
  void check_grant(int cpu, CallSite site, std::uint64_t ticket);
  void check_node_conservation(int cpu, CallSite site) const;
  // When the last io-wq reference goes (worker_done completes).
  void check_workers_exited(int cpu) const;
  std::string last_ref_event(int cpu) const;

  const ModelFaults faults_;

  RandomStream tie_;
  std::vector<CpuActivity> activity_;
  std::vector<Ns> open_irq_off_;    // per CPU: start of an open stretch, or -1
  std::vector<Ns> open_wait_end_;   // per CPU: when the open stretch got the lock, or -1
  std::vector<Runner> open_runner_;  // per CPU: who has the open stretch
  std::vector<ThreadSpan> open_no_sched_;  // per CPU: an open no-sched span (start -1: none)
  std::vector<LockCall> lock_calls_;
  std::vector<Ns> cancel_holds_;
  Ns max_lock_wait_ = 0;
  std::int64_t contentions_by_site_[kCallSites] = {};
  std::int64_t worker_refs_;
  bool submitter_waiting_ = false;
  int submitter_cpu_ = -1;
  bool teardown_done_ = false;
  Ns teardown_end_ = 0;
  // What the invariant checks observe.
  int lock_holder_ = -1;
  Ns lock_held_since_ = 0;
  std::uint64_t lock_calls_made_ = 0;   // FIFO tickets handed out at lock calls
  std::uint64_t lock_calls_served_ = 0;
  int workers_exited_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_RUN_CONTEXT_H_
