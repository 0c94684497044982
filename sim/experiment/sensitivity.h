// Runs `twsim sensitivity`: one point of an experiment, then that point with
// each unobservable input moved to each of its variant values
// (sensitivity_variants.h), all as the points of one experiment on the
// runner, with the experiment's seed, replications and algorithms. Each
// variant sees the same random numbers as the base (common random numbers),
// so a difference between them is the input's, not the noise's.
#ifndef TWSIM_EXPERIMENT_SENSITIVITY_H_
#define TWSIM_EXPERIMENT_SENSITIVITY_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "sim/experiment/experiment_runner.h"
#include "sim/experiment/sensitivity_variants.h"
#include "sim/io/sensitivity_csv.h"
#include "sim/scenario/config.h"

namespace twsim {

struct SensitivityJob {
  std::size_t point = 0;  // < config.points.size()
  SensitivitySettings settings;
  RunnerOptions runner;  // jobs, stop flag, progress
};

// The base rows (one per algorithm), then each variant's, in
// sensitivity_variants order; nullopt if the runner was stopped. Throws
// InputError naming the variant when one of its values is invalid at that
// point, and what the runner throws.
std::optional<std::vector<SensitivityRow>> run_sensitivity(const ExperimentConfig& config,
                                                           const SensitivityJob& job);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_SENSITIVITY_H_
