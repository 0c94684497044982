// One point of an experiment with some scenario keys pinned, as `--set` would
// pin them: the shared step of `twsim threshold` (one searched key) and
// `twsim sensitivity` (one varied input at a time).
#ifndef TWSIM_EXPERIMENT_PINNED_POINT_H_
#define TWSIM_EXPERIMENT_PINNED_POINT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

// Point `point` of `config` with each "KEY=VALUE" of `settings` applied after
// the point's own swept values (a later setting of the same key wins): the
// experiment re-read from config.resolved_json, so every rule of the config
// reader applies. The result keeps the point's params. Throws InputError, as
// the reader does, when a setting is invalid at that point.
Point pinned_point(const ExperimentConfig& config, std::size_t point,
                   const std::vector<std::string>& settings);

// "point 3 (machine.cpus=256, ...)": where a pinned setting failed.
std::string point_description(const ExperimentConfig& config, std::size_t point);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_PINNED_POINT_H_
