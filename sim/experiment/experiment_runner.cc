#include "sim/experiment/experiment_runner.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/fast_forward.h"
#include "sim/core/run_jobs.h"
#include "sim/core/simulator.h"
#include "sim/experiment/run_cost.h"
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
  const std::uint64_t fast_forwarded_before = fast_forwarded_events();
  const std::size_t n_algos = config.algorithms.size();
  const auto n_reps = static_cast<std::size_t>(config.replications);
  const std::size_t runs_per_point = n_algos * n_reps;

  // The points to simulate, in index order; slots of the others are kept.
  results->points.resize(config.points.size());
  std::vector<std::size_t> todo;
  for (std::size_t p = 0; p < config.points.size(); ++p) {
    if (!options.run_point.empty() && !options.run_point[p]) continue;
    todo.push_back(p);
    results->points[p].runs.assign(n_algos, std::vector<RunMetrics>(n_reps));
  }
  const std::size_t n_runs = todo.size() * runs_per_point;

  // Runs are numbered point-major over `todo`; each thread takes the next
  // number. Which thread does a run never affects its result, only when it is
  // computed.
  std::mutex mu;  // guards everything below and the progress callback
  std::size_t next = 0;
  std::vector<std::size_t> done_in_point(todo.size(), 0);
  RunnerProgress progress{0, todo.size(), 0, n_runs, 0};
  std::vector<double> cost_of(todo.size());
  for (std::size_t slot = 0; slot < todo.size(); ++slot) {
    cost_of[slot] = expected_run_cost(config.points[todo[slot]].scenario);
    progress.work_total += cost_of[slot] * static_cast<double>(runs_per_point);
  }
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
      const std::size_t slot = k / runs_per_point;
      const RunIndex at{todo[slot], (k / n_reps) % n_algos, static_cast<int>(k % n_reps)};
      RunMetrics metrics;
      try {
        metrics =
            simulate_teardown(config.points[at.point].scenario, config.algorithms[at.algorithm],
                              config.seed, at.replication, options.stop);
      } catch (const RunStopped&) {  // Ctrl-C or SIGTERM inside a long run
        std::lock_guard<std::mutex> lock(mu);
        stopped = true;
        return;
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mu);
        if (!failure) {
          failure =
              std::make_exception_ptr(std::runtime_error(describe(config, at) + ": " + e.what()));
        }
        return;
      }
      bool point_done;
      {
        std::lock_guard<std::mutex> lock(mu);
        results->points[at.point].runs[at.algorithm][static_cast<std::size_t>(at.replication)] =
            std::move(metrics);
        ++progress.runs_done;
        progress.work_done += cost_of[slot];
        point_done = ++done_in_point[slot] == runs_per_point;
        if (point_done && !options.on_point_done) ++progress.points_done;
        progress.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
        if (options.on_progress && !point_done) options.on_progress(progress);
      }
      if (!point_done) continue;
      // Only this thread touches a finished point's slot, so the callback can
      // work on it (save it to disk, say) without holding up the others.
      if (options.on_point_done) {
        try {
          options.on_point_done(at.point, &results->points[at.point]);
        } catch (...) {
          std::lock_guard<std::mutex> lock(mu);
          if (!failure) failure = std::current_exception();
          return;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      if (options.on_point_done) ++progress.points_done;
      progress.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
      if (options.on_progress) options.on_progress(progress);
    }
  };

  const std::size_t jobs = std::clamp<std::size_t>(
      static_cast<std::size_t>(options.jobs < 1 ? 1 : options.jobs), 1, n_runs < 1 ? 1 : n_runs);
  run_on_threads(static_cast<int>(jobs), worker, [&](int started) {
    if (static_cast<std::size_t>(started) < jobs && options.on_fewer_threads) {
      options.on_fewer_threads(static_cast<std::size_t>(started), jobs);
    }
  });
  if (failure) std::rethrow_exception(failure);

  results->timing.wall_time_s = std::chrono::duration<double>(Clock::now() - start).count();
  results->timing.events_fast_forwarded = fast_forwarded_events() - fast_forwarded_before;
  results->timing.runs = progress.runs_done;
  results->timing.events = 0;
  for (const std::size_t p : todo) {
    for (const auto& algo : results->points[p].runs) {
      for (const RunMetrics& m : algo) results->timing.events += m.events;
    }
  }
  return stopped ? RunnerOutcome::kStopped : RunnerOutcome::kDone;
}

}  // namespace twsim
