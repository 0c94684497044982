// Runs the searches of `twsim threshold` (threshold_search.h): one per
// (point, algorithm), advanced together round by round so that each round's
// probes run in parallel on the experiment runner. A probe is the point's
// scenario with the searched parameter set to one value, simulated for the
// experiment's replications with its seed.
#ifndef TWSIM_EXPERIMENT_THRESHOLD_PROBES_H_
#define TWSIM_EXPERIMENT_THRESHOLD_PROBES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/experiment_runner.h"
#include "sim/experiment/threshold_search.h"
#include "sim/scenario/config.h"

namespace twsim {

// Point `point` of `config` with scenario key `param` set to `value` (the
// experiment re-read from config.resolved_json with the point's swept values
// and the parameter pinned by --set, so every rule of the config reader
// applies). Throws InputError when that value is invalid at that point.
// REQUIRES: param is a numeric scenario key that config does not sweep.
Point probe_point(const ExperimentConfig& config, std::size_t point, const std::string& param,
                  bool integer, double value);

struct ThresholdJob {
  std::string param;
  std::size_t detector = 0;  // index into detectors()
  SearchSettings settings;
  // Each point's search starts from the previous point's bracket
  // (threshold_search.h, "Warm start"); false: every search from [min, max].
  bool warm_start = true;
  RunnerOptions runner;  // jobs, stop flag, progress (per round)
};

// The outcome of every search, indexed [point * algorithms + algorithm], or
// nullopt if the runner was stopped. Throws what probe_point and the runner
// throw.
std::optional<std::vector<SearchOutcome>> run_threshold_searches(const ExperimentConfig& config,
                                                                 const ThresholdJob& job);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_THRESHOLD_PROBES_H_
