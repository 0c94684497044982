#include "sim/experiment/run_cost.h"

namespace twsim {

double expected_run_cost(const ScenarioConfig& scenario) {
  return 1.0 + scenario.io_wq.workers + scenario.io_wq.pending_create + scenario.machine.cpus;
}

}  // namespace twsim
