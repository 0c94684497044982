#include "sim/cli/config_loading.h"

#include <exception>

#include "sim/cli/command_line.h"
#include "sim/cli/diagnostics.h"
#include "sim/io/input_error.h"
#include "sim/io/json_io.h"

namespace twsim {

std::optional<ExperimentConfig> load_config_or_report(const std::string& path,
                                                      const std::vector<std::string>& overrides) {
  try {
    return load_experiment(path, overrides);
  } catch (const InputError& e) {
    print_error(e.what());  // already "FILE: /pointer: problem, got VALUE"
  } catch (const std::exception& e) {
    print_error(path + ": " + e.what());
  }
  return std::nullopt;
}

std::optional<ExperimentConfig> load_config_or_report(
    const boost::program_options::variables_map& vm) {
  return load_config_or_report(vm["config"].as<std::string>(), set_overrides(vm));
}

}  // namespace twsim
