// The two CSV result files, as text. Both are byte-deterministic: fixed
// column order, numbers as in number_format.h, no timestamps, "\n" line ends.
//
// runs.csv, one row per (point, algorithm, replication), in that nesting order:
//   point, <each swept key>, algorithm, replication, teardown_ns,
//   teardown_complete (1/0), max_irqoff_ns, max_irqoff_cpu, max_irqoff_role,
//   max_irqoff_wait_ns, max_lock_wait_ns, lock_acquisitions,
//   contended_acquisitions, nodes_visited, cancel_hold_p50_ns,
//   cancel_hold_p99_ns, cancel_hold_max_ns, hard_lockups, soft_lockups,
//   rcu_stalls, first_hard_lockup_ns, first_soft_lockup_ns,
//   first_rcu_stall_ns, then for hard, soft, rcu: first_K_cpu, first_K_role,
//   first_K_fn (who was reported first), verdict, events
// A swept key's header is the key ("machine.cpus"), its cell the value as
// written (strings unquoted). "Did not happen" (first_*_ns, max_irqoff_cpu of
// -1) is an empty cell, so that it reads as NaN rather than as a time.
//
// summary.csv, one row per (point, algorithm):
//   point, <each swept key>, algorithm, n,
//   then for each summary_metrics() M: M_mean, M_ci_lo, M_ci_hi,
//   then for each detector D in hard, soft, rcu, any, hard_submitter,
//   hard_worker: p_D, p_D_lo, p_D_hi,
//   then p_complete, p_complete_lo, p_complete_hi (teardown_complete),
//   then max_irqoff_ns_min, max_irqoff_ns_max (the shortest and longest of
//   the replications' worst stretches), hard_never_ns, hard_always_ns (the
//   point's hard-lockup window, watchdog_timing.h; empty with the detector
//   off) and hard_margin (never, possible, always or off: run_summary.h),
//   then for each ratio_metrics() M: ratio_old_new_M, ratio_old_new_M_lo,
//   ratio_old_new_M_hi, ratio_old_new_M_pairs.
// irqoff_ccdf.csv, the CCDF of every interrupts-off stretch of every CPU and
// replication, one row per (point, algorithm, edge):
//   point, <each swept key>, algorithm, stretch_ns (a bin edge of
//   IrqOffHistogram: 100 ns, then ten per decade), stretches (how many were
//   at least stretch_ns long), ccdf (that count over all stretches of the
//   point and algorithm). Rows of one (point, algorithm) rise in stretch_ns
//   and stop after the first edge no stretch reaches.
//
// The paired ratio belongs to the point, not to one algorithm; it is repeated
// on every row of the point so that filtering by algorithm keeps it. Undefined
// values (an interval from one replication, a ratio without both algorithms)
// are empty cells.
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

// REQUIRES: as for runs_csv.
void write_irqoff_ccdf_csv(std::ostream& out, const ExperimentConfig& config,
                           const ExperimentResults& results);

}  // namespace twsim

#endif  // TWSIM_IO_CSV_RESULTS_H_
