// The words of `twsim explain` for one (point, algorithm) of an experiment:
// shared by `twsim explain` and the report page (`twsim report`), so both say
// the same thing about the same run.
#ifndef TWSIM_CLI_EXPLAIN_TEXT_H_
#define TWSIM_CLI_EXPLAIN_TEXT_H_

#include <optional>
#include <ostream>

#include "sim/scenario/config.h"

namespace twsim {

struct ExplainRequest {
  int point = 0;
  Algorithm algorithm = Algorithm::kOld;
  // Default: the first replication with a detector report, else 0.
  std::optional<int> replication;
  // Default: the CPU reported first, else the one with the run's longest stretch.
  std::optional<int> cpu;
};

// Re-simulates the run (deterministic: the seed and the replication fix it)
// and writes the explanation, headed "== NAME, point N, ... ==".
// REQUIRES: request.point, .replication and .cpu within the config's ranges.
void write_explanation(std::ostream& out, const ExperimentConfig& config,
                       const ExplainRequest& request);

}  // namespace twsim

#endif  // TWSIM_CLI_EXPLAIN_TEXT_H_
