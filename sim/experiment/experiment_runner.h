// Runs every (point, algorithm, replication) of an experiment through the
// model. Each run's result goes to its own slot, indexed by position, so the
// collected results (and the files written from them) are identical whatever
// the number of threads or the order in which runs finish.
#ifndef TWSIM_EXPERIMENT_EXPERIMENT_RUNNER_H_
#define TWSIM_EXPERIMENT_EXPERIMENT_RUNNER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"

namespace twsim {

// Counts over the points the runner simulates (RunnerOptions::run_point).
struct RunnerProgress {
  std::size_t points_done = 0;  // points all of whose runs have finished
  std::size_t points_total = 0;
  std::uint64_t runs_done = 0;
  std::uint64_t runs_total = 0;
  double elapsed_s = 0;
  // The same runs weighed by expected_run_cost (run_cost.h): what the ETA
  // scales by, since later points of a sweep often cost more.
  double work_done = 0;
  double work_total = 0;
};

struct RunnerOptions {
  int jobs = 1;  // >= 1 threads; 1 runs everything on the calling thread
  // Called after each run, never concurrently; may be empty.
  std::function<void(const RunnerProgress&)> on_progress;
  // When set and it becomes true, no further runs start.
  const std::atomic<bool>* stop = nullptr;
  // Which points to simulate, parallel to config.points; empty: all. The
  // others keep what *results already holds for them (loaded from disk, say).
  std::vector<bool> run_point;
  // Called once for each simulated point when its last run has finished, with
  // its index and its runs, which it may change (trim) before they are kept.
  // Called outside the runner's lock: possibly concurrently, but never twice
  // at once for the same point. If it throws, no further runs start and
  // run_experiment rethrows that exception as it is. May be empty.
  std::function<void(std::size_t point, PointRuns* runs)> on_point_done;
  // Called once if the system would not start all `jobs` threads: the run
  // goes on with those it got (at least the calling thread). May be empty.
  std::function<void(std::size_t started, std::size_t wanted)> on_fewer_threads;
};

enum class RunnerOutcome { kDone, kStopped };

// Fills *results (points, and timing with wall time, and the runs and events
// simulated by this call). Points are started in index order, so when the
// run stops early, at most `jobs` of them are left partly simulated.
// If the model throws, the remaining runs are abandoned and a
// std::runtime_error naming the run is thrown: "point 3 (machine.cpus=256),
// old, replication 4: <what the model said>".
RunnerOutcome run_experiment(const ExperimentConfig& config, const RunnerOptions& options,
                             ExperimentResults* results);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_EXPERIMENT_RUNNER_H_
