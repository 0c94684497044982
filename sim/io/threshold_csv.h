// thresholds.csv, written by `twsim threshold`: one row per (point,
// algorithm), in that nesting order:
//   <point columns of csv_point_columns.h: experiment, seed, config_hash,
//   point, each swept key as machine_cpus>, algorithm, param, detector, target, threshold,
//   threshold_lo, threshold_hi, probes, note, resolved, replications_needed
// threshold is the geometric midpoint of the final bisection bracket, where
// P(detector fires) crosses `target` as `param` grows; threshold_lo is the
// largest probed value whose 95% Wilson interval lies wholly below the target,
// threshold_hi the smallest whose interval lies wholly above it (definitions
// in sim/experiment/threshold_search.h). Values of an integer param print as
// integers. Undefined cells are empty; `note` says why a threshold is missing
// ("already above target at min", "never reaches target in range").
// resolved is 1 when the replications given tell the answer from the target,
// else 0, and replications_needed then estimates how many would (empty when
// resolved or when no count would do; definitions in threshold_search.h).
#ifndef TWSIM_IO_THRESHOLD_CSV_H_
#define TWSIM_IO_THRESHOLD_CSV_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

struct ThresholdRow {
  std::size_t point = 0;
  Algorithm algorithm = Algorithm::kOld;
  double threshold = 0, threshold_lo = 0, threshold_hi = 0;  // NaN: undefined
  int probes = 0;
  std::string note;
  bool resolved = true;
  std::int64_t replications_needed = 0;  // > 0 only when !resolved; -1: no count would do
};

struct ThresholdTable {
  std::string param;     // "task_work.unrelated"
  bool integer = true;   // param takes integer values
  std::string detector;  // "hard", "soft", "rcu" or "any"
  double target = 0.5;
  std::vector<ThresholdRow> rows;
};

// A value of the param as its cells print it ("" for NaN).
std::string threshold_value_text(const ThresholdTable& table, double v);

// REQUIRES: every row's point indexes config.points.
std::string thresholds_csv(const ExperimentConfig& config, const ThresholdTable& table);

}  // namespace twsim

#endif  // TWSIM_IO_THRESHOLD_CSV_H_
