#include "sim/experiment/experiment_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

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
    p.scenario.io_wq.pending_create = cpus / 2;
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

TEST(ExperimentRunnerTest, ProgressWeighsRunsByTheirPointsCost) {
  // small_experiment: point 0 has 2 CPUs, 4 workers, 1 live create, so a run
  // costs 1 + 4 + 1 + 2 = 8 (run_cost.h); point 1 has 4, 8, 2: 15. Six runs
  // each: 48 + 90 = 138 in all, 48 once point 0 (run first on one thread) is done.
  const ExperimentConfig config = small_experiment();
  std::vector<double> done;
  double total = 0;
  RunnerOptions options;
  options.on_progress = [&](const RunnerProgress& p) {
    done.push_back(p.work_done);
    total = p.work_total;
  };
  ExperimentResults results;
  ASSERT_EQ(run_experiment(config, options, &results), RunnerOutcome::kDone);
  ASSERT_EQ(done.size(), 12u);
  EXPECT_EQ(total, 138);
  EXPECT_EQ(done[5], 48);
  EXPECT_EQ(done[6], 63);
  EXPECT_EQ(done[11], 138);
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

TEST(ExperimentRunnerTest, RunsOnlyTheChosenPointsAndKeepsTheOthers) {
  // Given point 0 already in *results (loaded from disk, say) and only point
  // 1 to run; then point 0 is untouched, point 1 equals a full run's, and the
  // timing counts only what was simulated.
  const ExperimentConfig config = small_experiment();
  ExperimentResults full;
  ASSERT_EQ(run_experiment(config, {}, &full), RunnerOutcome::kDone);
  ExperimentResults part;
  part.points.resize(2);
  part.points[0] = full.points[0];
  RunnerOptions options;
  options.jobs = 2;
  options.run_point = {false, true};
  RunnerProgress last;
  options.on_progress = [&](const RunnerProgress& p) { last = p; };
  ASSERT_EQ(run_experiment(config, options, &part), RunnerOutcome::kDone);
  EXPECT_EQ(runs_csv(config, part), runs_csv(config, full));
  EXPECT_EQ(part.timing.runs, 6u);
  EXPECT_EQ(last.points_total, 1u);
  EXPECT_EQ(last.points_done, 1u);
  EXPECT_EQ(last.runs_total, 6u);
}

TEST(ExperimentRunnerTest, PointDoneHookSeesEachCompletePointOnce) {
  const ExperimentConfig config = small_experiment();
  std::mutex mu;
  std::vector<std::size_t> seen;
  RunnerOptions options;
  options.jobs = 3;
  options.on_point_done = [&](std::size_t p, PointRuns* runs) {
    for (const auto& algo : runs->runs) {
      for (const RunMetrics& m : algo) EXPECT_GT(m.events, 0u);  // every run is in
    }
    runs->runs[0][0].teardown_ns = -7;  // the hook may change what is kept
    std::lock_guard<std::mutex> lock(mu);
    seen.push_back(p);
  };
  ExperimentResults results;
  ASSERT_EQ(run_experiment(config, options, &results), RunnerOutcome::kDone);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(results.points[1].runs[0][0].teardown_ns, -7);
}

TEST(ExperimentRunnerTest, PointDoneHookFailureStopsTheRunAndPropagates) {
  const ExperimentConfig config = small_experiment();
  RunnerOptions options;
  options.on_point_done = [](std::size_t, PointRuns*) { throw std::logic_error("disk full"); };
  ExperimentResults results;
  try {
    run_experiment(config, options, &results);
    FAIL();
  } catch (const std::logic_error& e) {
    EXPECT_STREQ(e.what(), "disk full");
  }
}

}  // namespace
}  // namespace twsim
