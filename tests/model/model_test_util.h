// Scenarios for the model tests whose expected numbers are worked out by hand
// from the kernel rules.
#ifndef TWSIM_TESTS_MODEL_MODEL_TEST_UTIL_H_
#define TWSIM_TESTS_MODEL_MODEL_TEST_UTIL_H_

#include <vector>

#include "sim/model/run_context.h"
#include "sim/model/worker.h"
#include "sim/scenario/config.h"

namespace twsim {

// A small machine with round numbers and no jitter: 16 CPUs on one socket,
// 100 ns lock handoff (local and remote), 1000 unrelated task_work nodes at
// 10 ns each, 30 ns unlink, 300 ns cancel_cb, 20 us worker exit, 100 ns per
// drained work, no drain, and `workers` io-wq workers with no create_work
// pending, all SIGKILLed at t = 0 (group exit) as the submitter enters
// io_wq_cancel_tw_create. Every value is set
// here, defaults included, so that a new default cannot move the numbers.
inline ScenarioConfig hand_worked_scenario(int workers) {
  ScenarioConfig s;
  s.horizon_s = 600;
  s.machine.cpus = 16;
  s.machine.sockets = 1;
  s.lock.handoff_ns = 100;
  s.lock.remote_handoff_ns = 100;
  s.costs.node_visit_ns = 10;
  s.costs.unlink_ns = 30;
  s.costs.cancel_cb_ns = 300;
  s.costs.worker_exit_ns = 20'000;
  s.costs.work_run_ns = 100;
  s.task_work.unrelated = 1000;
  s.task_work.drain_us = TaskWorkConfig::kNoDrain;
  s.io_wq.workers = workers;
  s.io_wq.pending_create = 0;
  s.io_wq.create_cont = 0;
  s.io_wq.exit = ExitKind::kGroup;
  s.io_wq.cancel_start_us = 0;
  s.io_wq.running_workers = 0;
  s.io_wq.wake_jitter_us = 0;
  s.background.wakeup_hold_ns = 400;
  return s;
}

// configs/seed-reproducer.json's point as numbers: 192 CPUs on 2 sockets at
// 2.1 GHz, PREEMPT(lazy), perf NMI at thresh 10, RCU 26 s, qspinlock 60/140 ns
// handoffs, debug-kernel costs, 100,000 unrelated nodes, 768 workers, 2 live
// creates, group exit.
inline ScenarioConfig seed_reproducer_scenario() {
  ScenarioConfig s;
  s.machine = {192, 2, 2.1, 2.1};
  s.kernel.preempt = Preempt::kLazy;
  s.kernel.rcu_stall_timeout_s = 26;
  s.lock.handoff_ns = 60;
  s.lock.remote_handoff_ns = 140;
  s.costs.node_visit_ns = 400;
  s.costs.unlink_ns = 100;
  s.costs.cancel_cb_ns = 2000;
  s.costs.worker_exit_ns = 50'000;
  s.task_work.unrelated = 100'000;
  s.io_wq.workers = 768;
  s.io_wq.pending_create = 2;
  s.io_wq.exit = ExitKind::kGroup;
  s.background.wakeup_hold_ns = 1000;
  return s;
}

// The lock calls of one worker whose create_work sits at depth 1001 (behind
// the 1000 unrelated nodes), woken at t = 0 with no submitter.
inline std::vector<LockCall> lone_worker_lock_calls(Algorithm algorithm) {
  ScenarioConfig s = hand_worked_scenario(1);
  s.io_wq.pending_create = 1;
  s.task_work.create_layout = CreateLayout::kOldest;
  RunContext ctx(s, algorithm, 1, 0);
  Worker w(&ctx, 0);
  w.wake_after(0);
  ctx.run_until(kNever - 1);
  return ctx.lock_calls();
}

}  // namespace twsim

#endif  // TWSIM_TESTS_MODEL_MODEL_TEST_UTIL_H_
