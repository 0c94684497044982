// The state one teardown run shares between its threads (submitter, workers,
// background wakers): the engine, the CPUs, pi_lock, the task_work list, the
// io-wq reference count, and what is being measured. Built and owned by
// simulate_teardown(); threads hold a reference to it.
#ifndef TWSIM_MODEL_RUN_CONTEXT_H_
#define TWSIM_MODEL_RUN_CONTEXT_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/simulator.h"
#include "sim/io/config.h"
#include "sim/io/results.h"
#include "sim/model/cpu_activity.h"
#include "sim/model/cpu_pool.h"
#include "sim/model/pi_lock.h"
#include "sim/model/task_work_list.h"
#include "sim/model/walk_cost.h"

namespace twsim {

// One pi_lock critical section, from the lock call to the unlock.
struct LockCall {
  int cpu;
  Role role;
  CallSite site;
  Ns called;    // raw_spin_lock_irqsave: interrupts off
  Ns granted;   // owns the lock
  Ns released;  // raw_spin_unlock_irqrestore: interrupts back on
  std::int64_t nodes;  // task_work nodes walked while holding it
  std::int64_t list_length;  // task_work list length when it got the lock
};

struct WorkerState {
  bool create_pending = false;  // create_state bit 0: its create_work is owned by a request
  bool racing = false;  // queued its create_work just as EXIT was set (io_wq.racing_create)
};

class RunContext {
 public:
  RunContext(const ScenarioConfig& config, Algorithm algorithm, std::uint64_t seed,
             int replication);
  RunContext(const RunContext&) = delete;
  RunContext& operator=(const RunContext&) = delete;

  // The thread on `cpu` calls raw_spin_lock_irqsave(&submitter->pi_lock) now.
  // Callers reaching the lock in the same nanosecond are ordered by the "tie"
  // stream, not by queue accident. Once it owns the lock, `body()` runs the
  // critical section (walks and edits the list) and returns its hold time; the
  // lock is released that much later, interrupts come back on, and `then()`
  // runs.
  void locked_call(int cpu, Role role, CallSite site, std::function<Ns()> body,
                   std::function<void()> then);

  // Brings the list up to date with the task_work_add pushes (SEND_FD msg->tw
  // and the like, at add_rate_hz) made since the last call. Pushes are
  // lock-free and land at the head (kernel-facts §1.2), so a walk that starts
  // now meets exactly those made before now. The count over an interval is
  // Poisson, drawn in one step: the cost does not grow with the rate.
  void catch_up_pushes();

  // Cost of walking `nodes` task_work nodes under the lock, with the list as
  // it stands now (its length picks the cache level, walk_cost.h): call it
  // before unlinking what the walk found.
  Ns walk_ns(std::int64_t nodes) const;

  // The thread on `cpu` enters / leaves a stretch in which it never calls
  // schedule() (only matters under preempt=none/voluntary).
  void begin_no_sched(int cpu);
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
  TaskWorkList list;
  std::vector<WorkerState> workers;
  std::int64_t nodes_visited = 0;

 private:
  void record_irq_off(int cpu, Ns start, Ns end, Ns wait, Role role);

  WalkCost walk_cost_;
  RandomStream tie_;
  RandomStream pushes_;
  Ns pushes_until_ = 0;
  std::vector<CpuActivity> activity_;
  std::vector<Ns> open_irq_off_;    // per CPU: start of an open stretch, or -1
  std::vector<Ns> open_wait_end_;   // per CPU: when the open stretch got the lock, or -1
  std::vector<Role> open_role_;
  std::vector<Ns> open_no_sched_;   // per CPU: start of an open no-sched span, or -1
  std::vector<LockCall> lock_calls_;
  std::vector<Ns> cancel_holds_;
  Ns max_lock_wait_ = 0;
  std::int64_t contentions_by_site_[kCallSites] = {};
  std::int64_t worker_refs_;
  bool submitter_waiting_ = false;
  int submitter_cpu_ = -1;
  bool teardown_done_ = false;
  Ns teardown_end_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_RUN_CONTEXT_H_
