// Reading CONFIG for the commands that take one: the only place the CLI meets
// json_io's errors.
#ifndef TWSIM_CLI_CONFIG_LOADING_H_
#define TWSIM_CLI_CONFIG_LOADING_H_

#include <boost/program_options/variables_map.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/config.h"

namespace twsim {

// Loads and validates `path` with the --set `overrides` applied. On bad input
// prints the one-line error ("twsim: error: FILE: /pointer: problem, got X")
// and returns nullopt; the caller exits with ExitStatus::kBadInput.
std::optional<ExperimentConfig> load_config_or_report(const std::string& path,
                                                      const std::vector<std::string>& overrides);

// The same for a parsed command line: its CONFIG argument ("config") with
// its --set options.
std::optional<ExperimentConfig> load_config_or_report(
    const boost::program_options::variables_map& vm);

}  // namespace twsim

#endif  // TWSIM_CLI_CONFIG_LOADING_H_
