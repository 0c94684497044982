// Every run of one experiment, as `twsim run` collects them before writing
// results/<name>/. Plain structs; indexed by position so that runs computed in
// any order (or in parallel) land in the same place and the files written
// from them are identical.
#ifndef TWSIM_SCENARIO_EXPERIMENT_RESULTS_H_
#define TWSIM_SCENARIO_EXPERIMENT_RESULTS_H_

#include <cstdint>
#include <vector>

#include "sim/scenario/results.h"

namespace twsim {

// The runs of one point: runs[a][r] is algorithm ExperimentConfig::algorithms[a]
// in replication r.
struct PointRuns {
  std::vector<std::vector<RunMetrics>> runs;
};

// Wall-clock facts of a `twsim run`; the only non-deterministic output.
struct RunTiming {
  double wall_time_s = 0;
  std::uint64_t runs = 0;
  std::uint64_t events = 0;
  // Of those, computed in closed form rather than stepped (sim/model/walk_ring.h).
  std::uint64_t events_fast_forwarded = 0;
};

struct ExperimentResults {
  std::vector<PointRuns> points;  // parallel to ExperimentConfig::points
  RunTiming timing;
};

}  // namespace twsim

#endif  // TWSIM_SCENARIO_EXPERIMENT_RESULTS_H_
