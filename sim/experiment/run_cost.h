// What one run of a point is expected to cost, in simulated events, so that
// the progress line's ETA weighs a sweep whose later points are bigger (more
// CPUs, more workers) by what they will take, not by their count of runs.
#ifndef TWSIM_EXPERIMENT_RUN_COST_H_
#define TWSIM_EXPERIMENT_RUN_COST_H_

#include "sim/scenario/config.h"

namespace twsim {

// A relative cost (> 0): 1 + exiting workers + live creates + CPUs. Each
// worker's exit takes pi_lock, wakes and walks (io_worker_exit ->
// io_wq_cancel_tw_create under task->pi_lock; measured on configs/default.json:
// ~6 events per worker for old, ~3 for new, linear in workers), and each CPU
// has its watchdog ticks and its interrupts-off stretches checked.
double expected_run_cost(const ScenarioConfig& scenario);

}  // namespace twsim

#endif  // TWSIM_EXPERIMENT_RUN_COST_H_
