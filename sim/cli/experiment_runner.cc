#include "sim/cli/experiment_runner.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/io/number_format.h"
#include "sim/model/teardown.h"

namespace twsim {
namespace {

struct RunIndex {
  std::size_t point, algorithm;
  int replication;
};

std::string describe(const ExperimentConfig& config, const RunIndex& at) {
  std::string s = "point " + std::to_string(at.point);
  const Point& point = config.points[at.point];
  if (!point.params.empty()) {
    s += " (";
    for (std::size_t i = 0; i < point.params.size(); ++i) {
      if (i > 0) s += ", ";
      s += point.params[i].first + "=" + param_display(point.params[i].second);
    }
    s += ")";
  }
  s += std::string(", ") + to_string(config.algorithms[at.algorithm]);
  return s + ", replication " + std::to_string(at.replication);
}

}  // namespace

RunnerOutcome run_experiment(const ExperimentConfig& config, const RunnerOptions& options,
                             ExperimentResults* results) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  const std::size_t n_points = config.points.size();
  const std::size_t n_algos = config.algorithms.size();
  const auto n_reps = static_cast<std::size_t>(config.replications);
  const std::size_t runs_per_point = n_algos * n_reps;
  const std::size_t n_runs = n_points * runs_per_point;

  results->points.assign(n_points, PointRuns{});
  for (PointRuns& p : results->points) {
    p.runs.assign(n_algos, std::vector<RunMetrics>(n_reps));
  }

  // Runs are numbered point-major; each thread takes the next number. Which
  // thread does a run never affects its result, only when it is computed.
  std::mutex mu;  // guards everything below and the progress callback
  std::size_t next = 0;
  std::vector<std::size_t> done_in_point(n_points, 0);
  RunnerProgress progress{0, n_points, 0, n_runs, 0};
  std::exception_ptr failure;
  bool stopped = false;

  const auto worker = [&] {
    for (;;) {
      std::size_t k;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (failure || next == n_runs) return;
        if (options.stop && options.stop->load()) {
          stopped = true;
          return;
        }
        k = next++;
      }
      const RunIndex at{k / runs_per_point, (k / n_reps) % n_algos, static_cast<int>(k % n_reps)};
      RunMetrics metrics;
      try {
        metrics = simulate_teardown(config.points[at.point].scenario,
                                    config.algorithms[at.algorithm], config.seed, at.replication);
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mu);
        if (!failure) {
          failure =
              std::make_exception_ptr(std::runtime_error(describe(config, at) + ": " + e.what()));
        }
        return;
      }
      std::lock_guard<std::mutex> lock(mu);
      results->points[at.point].runs[at.algorithm][static_cast<std::size_t>(at.replication)] =
          std::move(metrics);
      ++progress.runs_done;
      if (++done_in_point[at.point] == runs_per_point) ++progress.points_done;
      progress.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
      if (options.on_progress) options.on_progress(progress);
    }
  };

  const std::size_t jobs = std::clamp<std::size_t>(
      static_cast<std::size_t>(options.jobs < 1 ? 1 : options.jobs), 1, n_runs < 1 ? 1 : n_runs);
  if (jobs == 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < jobs; ++i) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }
  if (failure) std::rethrow_exception(failure);

  results->timing.wall_time_s = std::chrono::duration<double>(Clock::now() - start).count();
  results->timing.runs = progress.runs_done;
  results->timing.events = 0;
  for (const PointRuns& p : results->points) {
    for (const auto& algo : p.runs) {
      for (const RunMetrics& m : algo) results->timing.events += m.events;
    }
  }
  return stopped ? RunnerOutcome::kStopped : RunnerOutcome::kDone;
}

}  // namespace twsim
