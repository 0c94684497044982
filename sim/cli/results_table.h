// The short table `twsim run` prints on stdout: one row per point, its swept
// values, then for each algorithm side by side: P(hard) and P(soft) with
// their 95% Wilson intervals (prefixed ">=" where runs were cut off at the
// horizon: a lower bound), mean max_irqoff and mean teardown time.
#ifndef TWSIM_CLI_RESULTS_TABLE_H_
#define TWSIM_CLI_RESULTS_TABLE_H_

#include <string>
#include <vector>

#include "sim/scenario/config.h"
#include "sim/stats/run_summary.h"

namespace twsim {

// REQUIRES: summaries parallels config.points.
std::string results_table(const ExperimentConfig& config,
                          const std::vector<PointSummary>& summaries);

// One line per (point, algorithm) with runs cut off at horizon_s, for
// stderr: how many, and that their probabilities are lower bounds.
std::vector<std::string> horizon_warnings(const ExperimentConfig& config,
                                          const std::vector<PointSummary>& summaries);

}  // namespace twsim

#endif  // TWSIM_CLI_RESULTS_TABLE_H_
