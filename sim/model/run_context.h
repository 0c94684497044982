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
#include "sim/io/config.h"
#include "sim/io/results.h"
#include "sim/model/cpu_activity.h"
#include "sim/model/cpu_pool.h"
#include "sim/model/model_faults.h"
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

// Invariants checked as the run goes (sim/core/invariant.h), each observed
// here from outside the component that keeps the state:
//  - pi_lock mutual exclusion: no grant while another CPU holds it;
//  - FIFO service where the lock kind promises it (qspinlock, ticket):
//    grants in the order the lock calls were made;
//  - task_work node conservation after every critical section: present +
//    cancelled + run = initial + pushed (nothing is run: the barrier's
//    task_work_run detaches no modelled node);
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
  void locked_call(int cpu, Role role, CallSite site, std::function<Ns()> body,
                   std::function<void()> then);

  // Brings the list up to date with the task_work_add pushes (SEND_FD msg->tw
  // and the like, at add_rate_hz) made since the last call. Pushes are
  // lock-free and land at the head (kernel-facts §1.2), so a walk that starts
  // now meets exactly those made before now. The count over an interval is
  // Poisson, drawn in one step: the cost does not grow with the rate.
  void catch_up_pushes();

  // The unlink of a match at depth 1 is a cmpxchg on the head pointer
  // itself, which fails if task_work_add pushed while the walker read that
  // node; the walk then reloads the head and walks the new nodes before
  // reaching the match again (kernel-facts §1.3). Links the pushes made in
  // that window (one node visit) now, so the match's depth grows by their
  // number; returns whether any came. Only the head link can race: pi_lock
  // excludes every other writer.
  bool race_head_cmpxchg(const TaskWorkList::Match& match);

  // Cost of walking `nodes` task_work nodes under the lock, with the list as
  // it stands now (its length picks the cache level, walk_cost.h): call it
  // before unlinking what the walk found.
  Ns walk_ns(std::int64_t nodes) const;

  // Unlinks a create_work a cancel walk matched, handing it to the caller
  // (the cancel callback runs it later).
  void unlink_create(const TaskWorkList::Match& match);

  // A worker has done io_worker_exit's work; its own reference is dropped next.
  void worker_exited() { ++workers_exited_; }

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
  // Draws the pushes made up to `until` (>= the last draw) and links them.
  void push_until(Ns until);
  // Invariant checks, at a lock grant and after a critical section.
  void check_grant(int cpu, CallSite site, std::uint64_t ticket);
  void check_node_conservation(int cpu, CallSite site) const;
  // When the last io-wq reference goes (worker_done completes).
  void check_workers_exited(int cpu) const;
  std::string last_ref_event(int cpu) const;

  const ModelFaults faults_;

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
  // What the invariant checks observe.
  int lock_holder_ = -1;
  Ns lock_held_since_ = 0;
  std::uint64_t lock_calls_made_ = 0;   // FIFO tickets handed out at lock calls
  std::uint64_t lock_calls_served_ = 0;
  std::int64_t initial_nodes_ = 0;
  std::int64_t nodes_pushed_ = 0;
  std::int64_t nodes_cancelled_ = 0;
  int workers_exited_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_RUN_CONTEXT_H_
