// A tiny hand-made experiment and its runs, shared by the result-writer tests:
// one point (machine.cpus = 4, task_work.create_layout = "newest"), old and
// new, two replications each. Old trips the hard-lockup detector in both
// replications (on CPU 3, a worker in io_worker_exit) and completes in one;
// new is clean. Every old time is exactly
// twice the new one, so the paired ratios are exactly 2.
#ifndef TWSIM_TESTS_IO_RESULTS_TEST_DATA_H_
#define TWSIM_TESTS_IO_RESULTS_TEST_DATA_H_

#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"
#include "sim/scenario/results.h"

namespace twsim {

inline RunMetrics old_run(Ns teardown_ns, bool complete, std::uint64_t events) {
  RunMetrics m;
  m.teardown_ns = teardown_ns;
  m.teardown_complete = complete;
  m.max_irqoff_ns = 50;
  m.max_irqoff_cpu = 3;
  m.max_irqoff_role = Role::kSubmitter;
  m.max_irqoff_wait_ns = 10;
  m.max_lock_wait_ns = 20;
  m.lock_acquisitions = 5;
  m.contended_acquisitions = 2;
  m.nodes_visited = 1000;
  m.cancel_hold_p50_ns = 7;
  m.cancel_hold_p99_ns = 8;
  m.cancel_hold_max_ns = 9;
  m.hard_lockups = 1;
  m.first_hard_lockup_ns = 40;
  m.first_hard = {3, Role::kWorker, KernelFn::kIoWorkerExit};
  m.hard_lockups_worker = 1;
  m.verdict = Verdict::kHard;
  m.lock_stat = {5, 2, 3, 20, 30, 1, 9, 25};
  m.reports.push_back({ReportKind::kHardLockup, 1'500'000'000, 3, 3, 12'000'000'000, Role::kWorker,
                       KernelFn::kIoWorkerExit});
  m.events = events;
  return m;
}

inline RunMetrics new_run(Ns teardown_ns, std::uint64_t events) {
  RunMetrics m;
  m.teardown_ns = teardown_ns;
  m.teardown_complete = true;
  m.max_irqoff_ns = 25;
  m.max_irqoff_cpu = 0;
  m.max_irqoff_role = Role::kWorker;
  m.lock_acquisitions = 1;
  m.nodes_visited = 500;
  m.cancel_hold_p50_ns = 4;
  m.cancel_hold_p99_ns = 4;
  m.cancel_hold_max_ns = 4;
  m.lock_stat = {1, 0, 0, 0, 0, 4, 4, 4};
  m.events = events;
  return m;
}

inline ExperimentConfig tiny_config() {
  ExperimentConfig c;
  c.name = "tiny";
  c.seed = 7;
  c.replications = 2;
  c.swept = {"machine.cpus", "task_work.create_layout"};
  Point p;
  p.params = {{"machine.cpus", "4"}, {"task_work.create_layout", "\"newest\""}};
  p.scenario.machine.cpus = 4;
  p.resolved_json = R"({"machine":{"cpus":4}})";
  c.points.push_back(p);
  c.source_file = "tiny.json";
  c.resolved_json = R"({"name":"tiny","seed":7})";
  return c;
}

inline ExperimentResults tiny_results() {
  ExperimentResults r;
  PointRuns p;
  p.runs = {{old_run(100, true, 123), old_run(300, false, 456)},
            {new_run(50, 11), new_run(150, 22)}};
  r.points.push_back(p);
  r.timing = {2.0, 4, 612};
  return r;
}

}  // namespace twsim

#endif  // TWSIM_TESTS_IO_RESULTS_TEST_DATA_H_
