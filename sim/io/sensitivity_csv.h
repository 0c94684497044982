// sensitivity.csv, written by `twsim sensitivity`: one row per (input, side,
// algorithm), the point's own values first (input "base"):
//   <point columns of csv_point_columns.h: experiment, seed, config_hash,
//   point, swept values>, input, key, side, value, clamped, algorithm, n, p_hard, p_hard_lo,
//   p_hard_hi, max_irqoff_mean_ns, max_irqoff_max_ns, watchdog_thresh_s,
//   hardlockup_detector
// side is low, high or alt (another value of a choice); value is what the
// input was set to (as --set takes it); clamped is 1 when a low or high value
// was held at a valid bound (sim/experiment/sensitivity_variants.h). p_hard is
// the share of runs with a hard LOCKUP report, with its 95% Wilson interval;
// max_irqoff_* the mean and the largest, over the runs, of each run's longest
// interrupts-off stretch (an integer, in ns). The last two columns are the point's kernel settings,
// for the detector window the plot draws.
#ifndef TWSIM_IO_SENSITIVITY_CSV_H_
#define TWSIM_IO_SENSITIVITY_CSV_H_

#include <cstddef>
#include <string>
#include <vector>

#include "sim/scenario/config.h"
#include "sim/stats/run_summary.h"

namespace twsim {

struct SensitivityRow {
  std::string input, key, side, value;  // "base", "", "base", "" for the point itself
  bool clamped = false;
  Algorithm algorithm = Algorithm::kOld;
  Proportion p_hard;
  double max_irqoff_mean_ns = 0;
  double max_irqoff_max_ns = 0;
};

// REQUIRES: point indexes config.points, the point the rows vary.
std::string sensitivity_csv(const ExperimentConfig& config, std::size_t point,
                            const std::vector<SensitivityRow>& rows);

}  // namespace twsim

#endif  // TWSIM_IO_SENSITIVITY_CSV_H_
