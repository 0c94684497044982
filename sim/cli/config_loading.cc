#include "sim/cli/config_loading.h"

#include <exception>

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

}  // namespace twsim
