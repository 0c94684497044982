#include "sim/cli/experiment_runner.h"

#include <atomic>

#include <gtest/gtest.h>

#include "sim/io/csv_results.h"

namespace twsim {
namespace {

// A small experiment built in code: two points (2 and 4 CPUs), old and new,
// three replications, a short task_work list.
ExperimentConfig small_experiment() {
  ExperimentConfig c;
  c.name = "runner_test";
  c.seed = 3;
  c.replications = 3;
  c.swept = {"machine.cpus"};
  for (int cpus : {2, 4}) {
    Point p;
    p.params = {{"machine.cpus", std::to_string(cpus)}};
    p.scenario.horizon_s = 60;
    p.scenario.machine.cpus = cpus;
    p.scenario.io_wq.workers = 2 * cpus;
    p.scenario.io_wq.pending_create = cpus;
    p.scenario.task_work.unrelated = 2000;
    c.points.push_back(p);
  }
  return c;
}

TEST(ExperimentRunnerTest, FillsEverySlotAndCountsEvents) {
  const ExperimentConfig config = small_experiment();
  ExperimentResults results;
  ASSERT_EQ(run_experiment(config, {}, &results), RunnerOutcome::kDone);
  ASSERT_EQ(results.points.size(), 2u);
  std::uint64_t events = 0;
  for (const PointRuns& p : results.points) {
    ASSERT_EQ(p.runs.size(), 2u);
    for (const auto& algo : p.runs) {
      ASSERT_EQ(algo.size(), 3u);
      for (const RunMetrics& m : algo) events += m.events;
    }
  }
  EXPECT_EQ(results.timing.runs, 12u);
  EXPECT_EQ(results.timing.events, events);
  EXPECT_GT(events, 0u);
}

TEST(ExperimentRunnerTest, ThreadCountDoesNotChangeResults) {
  // Given the same experiment on 1 and 3 threads; then runs.csv is identical.
  const ExperimentConfig config = small_experiment();
  ExperimentResults one, three;
  RunnerOptions options;
  ASSERT_EQ(run_experiment(config, options, &one), RunnerOutcome::kDone);
  options.jobs = 3;
  ASSERT_EQ(run_experiment(config, options, &three), RunnerOutcome::kDone);
  EXPECT_EQ(runs_csv(config, one), runs_csv(config, three));
}

TEST(ExperimentRunnerTest, ProgressReachesTheTotal) {
  const ExperimentConfig config = small_experiment();
  RunnerProgress last;
  int calls = 0;
  RunnerOptions options;
  options.on_progress = [&](const RunnerProgress& p) {
    last = p;
    ++calls;
  };
  ExperimentResults results;
  ASSERT_EQ(run_experiment(config, options, &results), RunnerOutcome::kDone);
  EXPECT_EQ(calls, 12);
  EXPECT_EQ(last.runs_done, 12u);
  EXPECT_EQ(last.runs_total, 12u);
  EXPECT_EQ(last.points_done, 2u);
  EXPECT_EQ(last.points_total, 2u);
}

TEST(ExperimentRunnerTest, StopFlagStartsNoFurtherRuns) {
  const ExperimentConfig config = small_experiment();
  std::atomic<bool> stop{true};
  RunnerOptions options;
  options.stop = &stop;
  ExperimentResults results;
  EXPECT_EQ(run_experiment(config, options, &results), RunnerOutcome::kStopped);
  EXPECT_EQ(results.timing.runs, 0u);
}

}  // namespace
}  // namespace twsim
