// results.json: everything in summary.csv, per point and algorithm, plus the
// merged /proc/lock_stat counters, the first detector reports of replication
// 0 as the kernel prints them, and provenance (resolved config, seed, twsim
// version, git commit, build type, host). Layout:
//   {"twsim": {"version", "git_commit", "build_type"}, "host", "config_file",
//    "config": <resolved config>, "name", "seed", "config_hash" (as in every
//    CSV row, csv_point_columns.h), "replications",
//    "algorithms": [...], "swept": [...] (the dotted keys, in the order of the
//    CSVs' machine_cpus-style columns),
//    "points": [{"index", "params": {key: value}, "label" (only with
//                sweep.zip.label), "scenario": <resolved>,
//                "algorithms": {"old": ALGO, "new": ALGO},
//                "paired": {"teardown_ns": {"ratio_old_new", "lo", "hi", "pairs"},
//                           "max_irqoff_ns": {...}}}],
//    "run": {"wall_time_s", "runs", "events", "events_per_s"}}
//   ALGO = {"n", "metrics": {M: {"mean", "ci_lo", "ci_hi"}},
//           "detectors": {D: {"runs", "p", "lo", "hi"}}, "teardown_complete": {...},
//           "lock_stat": {"class name", "con-bounces", "contentions", "waittime-min_ns", ...},
//           "reports_replication_0" (hard + soft + rcu reports of replication
//           0), "reports": [first kReportsKept of them: {"kind", "at_ns", "cpu",
//           "checker_cpu", "stuck_ns", "text"}]}
// Everything except "run" is deterministic; "run" is the only wall-clock
// part and can be left out (for tests that compare files byte for byte).
// Doubles are rounded as in number_format.h; undefined values are null.
#ifndef TWSIM_IO_RESULTS_JSON_H_
#define TWSIM_IO_RESULTS_JSON_H_

#include <ostream>
#include <string>
#include <vector>

#include "sim/scenario/config.h"
#include "sim/scenario/experiment_results.h"
#include "sim/stats/run_summary.h"

namespace twsim {

// Where a result came from.
struct Provenance {
  std::string version;
  std::string git_commit;
  std::string source_hash;  // of the sources compiled in, committed or not
  std::string build_type;
  std::string host;
};

// This binary's version, commit, source hash and build type, and this
// machine's hostname.
Provenance this_build_provenance();

// How many detector reports of replication 0 results.json keeps per algorithm.
constexpr int kReportsKept = 8;

// The name pi_lock has in /proc/lock_stat.
constexpr const char* kPiLockClassName = "&p->pi_lock";

struct ResultsJsonOptions {
  bool include_run_timing = true;  // false: leave out "run"
};

// REQUIRES: results.points and summaries parallel config.points.
void write_results_json(std::ostream& out, const ExperimentConfig& config,
                        const ExperimentResults& results,
                        const std::vector<PointSummary>& summaries, const Provenance& provenance,
                        const ResultsJsonOptions& options = {});
std::string results_json(const ExperimentConfig& config, const ExperimentResults& results,
                         const std::vector<PointSummary>& summaries, const Provenance& provenance,
                         const ResultsJsonOptions& options = {});

}  // namespace twsim

#endif  // TWSIM_IO_RESULTS_JSON_H_
