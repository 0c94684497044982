// What one teardown run's threads share. Built and owned by
// simulate_teardown(); threads hold a pointer to it.
#ifndef TWSIM_MODEL_RUN_CONTEXT_H_
#define TWSIM_MODEL_RUN_CONTEXT_H_

#include <coroutine>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/simulator.h"
#include "sim/model/awaitables.h"
#include "sim/model/cpu_activity.h"
#include "sim/model/cpu_pool.h"
#include "sim/model/cpu_recorder.h"
#include "sim/model/io_wq_refs.h"
#include "sim/model/list_walk.h"
#include "sim/model/lock_call.h"
#include "sim/model/lock_section.h"
#include "sim/model/model_faults.h"
#include "sim/model/pi_lock.h"
#include "sim/model/run_invariants.h"
#include "sim/scenario/config.h"
#include "sim/scenario/results.h"

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
  std::coroutine_handle<> on_create_done;  // 8 bytes: there is one per worker
};

// The run's owner: it builds the engine, the CPUs, pi_lock, the task_work
// list and the components that each keep one part of the run's state, wires
// them together, and gives the threads (submitter, workers, background
// wakers) one place to reach them:
//  - LockSection (lock_section.h): critical sections on pi_lock;
//  - CpuRecorder (cpu_recorder.h): what each CPU did, for the detectors;
//  - IoWqRefs (io_wq_refs.h): the worker references and the teardown's end;
//  - RunInvariants (run_invariants.h): the rules checked as the run goes;
//  - ListWalk (list_walk.h): the task_work list and every walk of it.
class RunContext {
 public:
  // `faults` (tests only) breaks the model on purpose.
  RunContext(const ScenarioConfig& config, Algorithm algorithm, std::uint64_t seed, int replication,
             ModelFaults faults = {});
  RunContext(const RunContext&) = delete;
  RunContext& operator=(const RunContext&) = delete;

  // Time and the event loop.
  Ns now() const { return sim_.now(); }
  void after(Ns delay, EventQueue::Callback fn) { sim_.after(delay, std::move(fn)); }
  void run_until(Ns end) { sim_.run_until(end); }
  // Events pushed late that pop as if pushed now (Simulator::reserve_seqs).
  std::uint64_t reserve_seqs(std::uint64_t n) { return sim_.reserve_seqs(n); }
  void at_reserved(Ns when, EventQueue::Callback fn, std::uint64_t seq) {
    sim_.at_reserved(when, std::move(fn), seq);
  }
  void set_stop_flag(const std::atomic<bool>* stop) { sim_.set_stop_flag(stop); }
  // For events computed in closed form (fast_forward.h): the earliest queued
  // event's time, run_until's end, and the clock moved to one such event.
  Ns next_event_time() const { return sim_.next_event_time(); }
  Ns run_end() const { return sim_.run_end(); }
  void step_in_closed_form(Ns when) { sim_.step_in_closed_form(when); }
  std::uint64_t events_run() const { return sim_.events_run(); }

  // The CPUs (CpuPool).
  int take_cpu_now() { return cpus_.take_now(); }
  void run_when_free(Affinity affinity, CpuThread thread) { cpus_.run_when_free(affinity, thread); }
  void run_when_free(Affinity affinity, CpuPool::Start start) {
    cpus_.run_when_free(affinity, std::move(start));
  }
  void release_cpu(int cpu) { cpus_.release(cpu); }

  // The submitter's task_work list (ListWalk), as it stands now.
  bool list_pending() { return walk_.pending(sim_.now()); }  // task_work_pending()
  ListWalk::Result cancel_match(int owner) { return walk_.cancel_match(owner, sim_.now()); }
  ListWalk::Result cancel_match_all() { return walk_.cancel_match_all(sim_.now()); }
  TaskWorkList::Detached detach_list() { return walk_.detach_all(sim_.now()); }
  const TaskWorkList& list() const { return walk_.list(); }

  // The io_worker structs: live workers, then thread-less create_cont owners.
  const std::vector<WorkerState>& workers() const { return workers_; }

  // A critical section on pi_lock by the thread on `cpu` (LockSection::call);
  // `fn` is the function the thread is in (for reports and explanations).
  void locked_call(int cpu, Role role, KernelFn fn, CallSite site, UniqueFunction<Ns()> body,
                   UniqueFunction<void()> then) {
    section_.call(cpu, Runner{role, fn}, site, std::move(body), std::move(then));
  }

  // The callback of `owner`'s create_work has run (io_worker_cancel_cb or
  // create_worker_cb: clear_bit_unlock of create_state bit 0, and the
  // worker reference it held is released): wakes its io_worker_exit if that
  // waits for it.
  void create_done(int owner);

  // The thread on `cpu` enters / leaves a stretch in which it never calls
  // schedule() (only matters under preempt=none/voluntary).
  void begin_no_sched(int cpu, Role role, KernelFn fn) {
    recorder_.begin_no_sched(cpu, sim_.now(), role, fn);
  }
  void end_no_sched(int cpu) { recorder_.end_no_sched(cpu, sim_.now()); }

  // What a thread's coroutine can co_await (awaitables.h).
  Delay delay(Ns ns) { return Delay{&sim_, ns}; }
  template <typename Body>
  Locked<Body> locked(int cpu, Role role, KernelFn fn, CallSite site, Body body) {
    return Locked<Body>(&section_, cpu, Runner{role, fn}, site, std::move(body));
  }
  // The same for worker `worker`'s io_worker_exit (the request names it).
  template <typename Body>
  Locked<Body> worker_locked(int worker, int cpu, KernelFn fn, CallSite site, Body body) {
    Locked<Body> call(&section_, cpu, Runner{Role::kWorker, fn}, site, std::move(body));
    call.thread = worker;
    return call;
  }
  FreeCpu free_cpu(Affinity affinity) { return FreeCpu{&cpus_, affinity}; }
  PutRef put_ref(int cpu, Role role) { return PutRef{&refs_, cpu, role}; }
  CreateDone create_done_of(int owner) { return CreateDone{&workers_[owner].on_create_done}; }

  // The io-wq references (IoWqRefs).
  void worker_exited() { refs_.worker_exited(); }
  void put_worker_ref(int cpu, Role role, UniqueFunction<void()> then) {
    refs_.put(cpu, role, std::move(then));
  }
  void submitter_waits(int cpu) { refs_.submitter_waits(cpu); }
  bool teardown_done() const { return refs_.done(); }

  // Closes stretches still open at the horizon and returns what was measured
  // (detectors not yet applied).
  RunMetrics collect(Ns horizon);
  const CpuActivities& activity() const { return recorder_.activity(); }
  // Every completed critical section, in order of release.
  const std::vector<LockCall>& lock_calls() const { return section_.calls(); }

  const ScenarioConfig& config;
  const Algorithm algorithm;
  const std::uint64_t seed;
  const int replication;

 private:
  friend class WalkRing;  // computes a ring of full walks in closed form with the parts
  Simulator sim_;
  CpuPool cpus_;
  PiLock lock_;
  ListWalk walk_;
  std::vector<WorkerState> workers_;
  CpuRecorder recorder_;
  RunInvariants invariants_;
  LockSection section_;
  IoWqRefs refs_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_RUN_CONTEXT_H_
