// One simulation run of io-wq teardown: the submitter's io_wq_cancel_tw_create,
// the exiting workers' io_worker_exit, background try_to_wake_up calls, all on
// the submitter's pi_lock, followed by the lockup detectors' verdict for every
// CPU. This is the model's entry point; everything under sim/model/ serves it.
#ifndef TWSIM_MODEL_TEARDOWN_H_
#define TWSIM_MODEL_TEARDOWN_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/model/cpu_activity.h"
#include "sim/model/lock_call.h"
#include "sim/model/model_faults.h"
#include "sim/scenario/config.h"
#include "sim/scenario/results.h"

namespace twsim {

// Simulates one replication of `scenario` under `algorithm`. Draws come from
// streams named by (seed, replication, name), so old and new see the same
// workload in the same replication. Deterministic: same inputs, same result.
// REQUIRES: scenario passed validation (json_io.h). Throws
// InvariantViolation (sim/core/invariant.h) if the model breaks one of its
// rules (run_context.h lists them).
// `stop` (may be null): when it becomes true the run is abandoned and
// RunStopped (sim/core/simulator.h) is thrown, within 1024 events.
RunMetrics simulate_teardown(const ScenarioConfig& scenario, Algorithm algorithm,
                             std::uint64_t seed, int replication,
                             const std::atomic<bool>* stop = nullptr);

// The same run with what happened inside it: every CPU's interrupts-off and
// non-scheduling spans, and every pi_lock critical section (for tests, traces
// and explanations). `faults` (tests only) breaks the model on purpose.
struct RunDetail {
  RunMetrics metrics;
  CpuActivities activity;
  std::vector<LockCall> lock_calls;
};
RunDetail simulate_teardown_detailed(const ScenarioConfig& scenario, Algorithm algorithm,
                                     std::uint64_t seed, int replication,
                                     const ModelFaults& faults = {},
                                     const std::atomic<bool>* stop = nullptr);

}  // namespace twsim

#endif  // TWSIM_MODEL_TEARDOWN_H_
