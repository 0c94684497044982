// What a run measured, read off its components once it is over (detectors
// not yet applied): teardown time, the worst interrupts-off stretch, lock
// waits and lock_stat counters, nodes walked, and the nearest-rank
// percentiles of the cancel hold times.
#ifndef TWSIM_MODEL_METRICS_COLLECTOR_H_
#define TWSIM_MODEL_METRICS_COLLECTOR_H_

#include <cstdint>

#include "sim/core/time.h"
#include "sim/model/cpu_recorder.h"
#include "sim/model/io_wq_refs.h"
#include "sim/model/list_walk.h"
#include "sim/model/lock_section.h"
#include "sim/model/pi_lock.h"
#include "sim/scenario/results.h"

namespace twsim {

// The parts of a finished run the metrics come from.
struct RunParts {
  const CpuRecorder& recorder;  // closed at the horizon
  const LockSection& section;
  const PiLock& lock;
  const ListWalk& walk;
  const IoWqRefs& refs;
  std::uint64_t events;
};

RunMetrics collect_metrics(const RunParts& run, Ns horizon);

}  // namespace twsim

#endif  // TWSIM_MODEL_METRICS_COLLECTOR_H_
