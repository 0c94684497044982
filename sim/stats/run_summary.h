// Statistics of one point's replications, per algorithm: the mean and 95%
// Student-t interval of each numeric metric, the probability that each
// lockup detector fires (95% Wilson interval), the merged /proc/lock_stat
// counters, and the paired old/new ratios. summary.csv, results.json and the
// terminal table are all printed from these, so they always agree.
#ifndef TWSIM_STATS_RUN_SUMMARY_H_
#define TWSIM_STATS_RUN_SUMMARY_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"
#include "sim/scenario/results.h"
#include "sim/scenario/watchdog_timing.h"
#include "sim/stats/stats.h"

namespace twsim {

// An integer per-run metric (a count or a time in ns), by its RunMetrics
// field name.
struct MetricDef {
  const char* name;
  std::int64_t (*value)(const RunMetrics&);
};

// The metrics summarised by mean and interval, in summary.csv column order:
// teardown_ns, max_irqoff_ns, max_irqoff_wait_ns, max_lock_wait_ns,
// lock_acquisitions, contended_acquisitions, nodes_visited,
// cancel_hold_p50_ns, cancel_hold_p99_ns, cancel_hold_max_ns, hard_lockups,
// soft_lockups, rcu_stalls. Censored runs (teardown_complete false) count
// with their values at the horizon.
std::span<const MetricDef> summary_metrics();

// The summary metric called `name`, or nullptr.
const MetricDef* find_summary_metric(std::string_view name);

// The metrics given a paired old/new ratio: teardown_ns, max_irqoff_ns.
std::span<const MetricDef> ratio_metrics();

// An event that a run either shows or not.
struct DetectorDef {
  const char* name;  // "hard", "soft", "rcu", "any"
  bool (*fired)(const RunMetrics&);
};

// hard / soft / rcu: the run printed >= 1 such report; any: verdict != clean;
// hard_submitter / hard_worker: >= 1 hard LOCKUP report about a CPU running
// the submitter / an io-wq worker (P(hard) per role).
std::span<const DetectorDef> detectors();

// The index in detectors() of the one called `name`, or nothing.
std::optional<std::size_t> detector_index(std::string_view name);

// The index in summary_metrics() of the one called `name`, or nothing.
std::optional<std::size_t> summary_metric_index(std::string_view name);

// k of n runs, with p = k/n and its 95% Wilson interval (NaN when n = 0).
struct Proportion {
  std::int64_t k = 0;
  std::int64_t n = 0;
  double p = 0;
  Interval ci{0, 0};
};
Proportion proportion(std::int64_t k, std::int64_t n);

struct AlgorithmSummary {
  Algorithm algorithm = Algorithm::kOld;
  int n = 0;                    // replications
  std::vector<MeanCi> metrics;  // parallel to summary_metrics()
  // Parallel to summary_metrics(): the smallest and the largest value over
  // the replications ({0, 0} with none).
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
  std::vector<Proportion> detectors;  // parallel to detectors()
  Proportion complete;                // runs with teardown_complete
  LockStat lock_stat;                 // merged over all replications
  // The shortest and the longest of the replications' worst stretches
  // (max_irqoff_ns): what the margin to the detector's window rests on.
  Ns worst_irqoff_min_ns = 0, worst_irqoff_max_ns = 0;
};

// Where a point's worst stretches lie against the hard-lockup window
// (watchdog_timing.h): every replication's worst at or below the "never"
// bound, every one at or above the "always" bound, or some in between.
enum class HardMargin { kDetectorOff, kNever, kPossible, kAlways };
const char* to_string(HardMargin m);  // "off" "never" "possible" "always"
HardMargin hard_margin(const HardLockupWindow& window, const AlgorithmSummary& s);

struct PointSummary {
  std::vector<AlgorithmSummary> algorithms;  // in ExperimentConfig::algorithms order
  // Parallel to ratio_metrics(): old/new paired by replication (same random
  // numbers). NaN with pairs = 0 unless the experiment runs both algorithms.
  std::vector<PairedRatio> ratios;
  HardLockupWindow hard_window;  // of the point's kernel and machine
};

// REQUIRES: runs.runs.size() == algorithms.size().
PointSummary summarise_point(const std::vector<Algorithm>& algorithms, const PointRuns& runs);

// Sums counts and totals, takes the min of minima and max of maxima. A run
// with no contentions (acquisitions) contributes nothing to the wait (hold)
// minimum; a merged minimum with no data is 0, as in /proc/lock_stat.
LockStat merge_lock_stats(const std::vector<RunMetrics>& runs);

}  // namespace twsim

#endif  // TWSIM_STATS_RUN_SUMMARY_H_
