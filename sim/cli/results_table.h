// The table `twsim run` prints on stdout: one row per point and algorithm,
// the point's swept values, then P(hard), P(soft) and P(rcu) with their 95%
// Wilson intervals (prefixed ">=" where runs were cut off at the horizon: a
// lower bound), the mean worst interrupts-off stretch, its margin to the
// hard-lockup window (watchdog_timing.h: "never", "possible", "always", or
// "off"), the machine-wide exposure (mean CPU time with interrupts off, mean
// CPUs with a stretch of at least 10 ms / 100 ms / 1 s, "CPUs over ...") and the mean teardown
// time. The window is a column when the points' windows differ, else one
// line under the table.
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
