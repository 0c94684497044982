// The CSV result files of `twsim run`, as text. All are byte-deterministic:
// fixed column order, numbers as in number_format.h, no timestamps, "\n" line
// ends. Every row of every file starts with the point columns of
// csv_point_columns.h: experiment, seed, config_hash, point, <each swept key
// as machine_cpus>[, label]. A swept value is written as in the config
// (strings unquoted). Counts and ns totals, minima and maxima are integers;
// means, intervals, probabilities and ratios are plain decimals with nine
// significant digits, never in exponent form (format_decimal). Undefined
// values (an interval from one replication, "did not happen") are empty
// cells, which read as NaN / NA.
//
// runs.csv, one row per (point, algorithm, replication), in that nesting order:
//   <point columns>, algorithm, replication, then the runs.csv fields of
//   run_fields() (teardown_ns, teardown_complete (1/0), max_irqoff_ns,
//   max_irqoff_cpu, max_irqoff_role, ..., verdict), events.
//   first_*_ns and max_irqoff_cpu of -1 ("did not happen") are empty cells.
//
// summary.csv, tidy: one row per (point, algorithm, metric), in that nesting
// order:
//   <point columns>, algorithm, metric, n, mean, lo, hi, min, max, margin
// n is the replication count. The metrics, in order:
//   - each summary_metrics() M (teardown_ns, max_irqoff_ns, ...): mean, its
//     95% Student-t interval [lo, hi], and the smallest and largest value over
//     the replications [min, max] (for max_irqoff_ns, what the margin to the
//     detector window rests on);
//   - p_D for each detector D in hard, soft, rcu, any, hard_submitter,
//     hard_worker, then p_complete (teardown_complete): the share of runs as
//     mean, its 95% Wilson interval as [lo, hi]; min, max empty;
//   - hard_window_ns: the point's hard-lockup window (watchdog_timing.h) as
//     lo = never_ns, hi = always_ns (empty with the detector off), mean empty,
//     and margin: where the worst stretches lie against it (never, possible,
//     always or off: run_summary.h). margin is empty on every other row.
//
// ratios.csv, one row per (point, ratio_metrics() M) when the experiment runs
// both old and new (else the header alone):
//   <point columns>, metric, numerator (old), denominator (new), pairs, ratio,
//   lo, hi
// the paired ratio of means, old over new, paired by replication (same random
// numbers), with its 95% interval; pairs is how many replications it rests on.
//
// irqoff_ccdf.csv, the CCDF of every interrupts-off stretch of every CPU and
// replication, one row per (point, algorithm, edge):
//   <point columns>, algorithm, stretch_ns (a bin edge of IrqOffHistogram:
//   100 ns, then ten per decade), stretches (how many were at least
//   stretch_ns long), ccdf (that count over all stretches of the point and
//   algorithm). Rows of one (point, algorithm) rise in stretch_ns and stop
//   after the first edge no stretch reaches.
#ifndef TWSIM_IO_CSV_RESULTS_H_
#define TWSIM_IO_CSV_RESULTS_H_

#include <ostream>
#include <string>
#include <vector>

#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"
#include "sim/stats/run_summary.h"

namespace twsim {

// REQUIRES: results.points parallels config.points, each with one run list
// per config.algorithms entry.
std::string runs_csv(const ExperimentConfig& config, const ExperimentResults& results);
void write_runs_csv(std::ostream& out, const ExperimentConfig& config,
                    const ExperimentResults& results);

// REQUIRES: summaries parallels config.points.
std::string summary_csv(const ExperimentConfig& config, const std::vector<PointSummary>& summaries);
void write_summary_csv(std::ostream& out, const ExperimentConfig& config,
                       const std::vector<PointSummary>& summaries);

// REQUIRES: as for summary_csv.
std::string ratios_csv(const ExperimentConfig& config, const std::vector<PointSummary>& summaries);
void write_ratios_csv(std::ostream& out, const ExperimentConfig& config,
                      const std::vector<PointSummary>& summaries);

// REQUIRES: as for runs_csv.
void write_irqoff_ccdf_csv(std::ostream& out, const ExperimentConfig& config,
                           const ExperimentResults& results);

}  // namespace twsim

#endif  // TWSIM_IO_CSV_RESULTS_H_
