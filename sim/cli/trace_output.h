// `twsim run --trace FILE`: replays one (point, replication) of an experiment
// for every algorithm, with full detail, and writes the timelines as one
// Chrome trace-event file (one process per algorithm).
#ifndef TWSIM_CLI_TRACE_OUTPUT_H_
#define TWSIM_CLI_TRACE_OUTPUT_H_

#include <string>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

// REQUIRES: point < config.points.size(), 0 <= replication < config.replications,
// cpus empty (every CPU) or one entry per CPU of the point's machine.
// Returns false and sets *err if the file cannot be written.
bool write_trace(const std::string& path, const ExperimentConfig& config, std::size_t point,
                 int replication, const std::vector<bool>& cpus, std::string* err);

}  // namespace twsim

#endif  // TWSIM_CLI_TRACE_OUTPUT_H_
