#include "sim/model/teardown.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "sim/model/background.h"
#include "sim/model/report_tally.h"
#include "sim/model/run_context.h"
#include "sim/model/submitter.h"
#include "sim/model/wakeup_schedule.h"
#include "sim/model/walk_ring.h"
#include "sim/model/watchdog.h"
#include "sim/model/worker.h"

namespace twsim {
namespace {

// Which of the non-racing workers run cancelable work at exit: a uniform
// sample of io_wq.running_workers, from its own stream.
std::vector<char> running_workers(const RunContext& ctx, std::uint64_t seed, int replication) {
  const int n = ctx.config.io_wq.workers;
  std::vector<int> ids;
  for (int i = 0; i < n; ++i) {
    if (!ctx.workers()[i].racing) ids.push_back(i);
  }
  RandomStream rng(seed, replication, "running");
  std::vector<char> running(n, 0);
  const int k = std::min<int>(ctx.config.io_wq.running_workers, static_cast<int>(ids.size()));
  sample_prefix(&ids, k, &rng);
  for (int i = 0; i < k; ++i) running[ids[i]] = 1;
  return running;
}

// One run; *out gets the metrics, and its activity and lock calls too when
// `detail` (copying them costs more than some whole runs).
void simulate(const ScenarioConfig& scenario, Algorithm algorithm, std::uint64_t seed,
              int replication, const ModelFaults& faults, const std::atomic<bool>* stop,
              bool detail, RunDetail* out) {
  RunContext ctx(scenario, algorithm, seed, replication, faults);
  ctx.set_stop_flag(stop);

  // Wake jitter per worker, drawn in worker order so both algorithms see the same.
  const IoWqConfig& q = scenario.io_wq;
  const int n_workers = q.workers;
  std::vector<Ns> jitter(n_workers);
  RandomStream wake(seed, replication, "wake");
  const Ns max_jitter = static_cast<Ns>(std::llround(q.wake_jitter_us * 1e3));
  for (Ns& j : jitter) j = wake.between(0, max_jitter);
  const bool group = q.exit == ExitKind::kGroup;

  // One block, sized once: workers never move (threads hold `this`), and
  // there is no heap block and pointer per worker (4,000,000 of them in
  // configs/scale/million-cpus.json) nor a block per 16 of them.
  std::vector<Worker> workers;
  workers.reserve(static_cast<std::size_t>(n_workers));
  for (int i = 0; i < n_workers; ++i) workers.emplace_back(&ctx, i);
  // The old teardown's queue of full walks, computed rather than stepped
  // where nothing else can happen (walk_ring.h; same results).
  WalkRing ring(&ctx, &workers, faults.any());

  // Every worker's wake-up (or racing cancel) is one event, held in a
  // WakeupSchedule rather than queued at once (same events, same order).
  enum Kind { kWake, kRace };
  const WakeupSchedule::Fire fire = [](void* target, int worker, int kind) {
    Worker& w = (*static_cast<std::vector<Worker>*>(target))[worker];
    if (kind == kRace) {
      w.race();
    } else {
      w.woken();
    }
  };
  WakeupSchedule at_exit_start(&ctx, fire, &workers);
  WakeupSchedule after_cancel(&ctx, fire, &workers);
  at_exit_start.reserve(n_workers);

  // io_wq_exit_workers -> io_wq_worker_wake after the cancel: wakes whoever
  // sleeps (in a group exit nobody does by then).
  Submitter submitter(&ctx, [&] {
    for (int i = 0; i < n_workers; ++i) {
      if (workers[i].sleeps()) after_cancel.add(jitter[i], i, kWake);
    }
    after_cancel.commit();
  });
  BackgroundWakeups background(&ctx);

  submitter.start();
  const std::vector<char> running = running_workers(ctx, seed, replication);
  for (int i = 0; i < n_workers; ++i) {
    if (ctx.workers()[i].racing) {
      // Running when EXIT was set at t = 0 (io_uring_cancel_generic's
      // io_wq_exit_start): it reaches the EXIT check after its task_work_add;
      // in a group exit its SIGKILL is already pending.
      workers[i].arm_race(/*signalled=*/group);
      at_exit_start.add(jitter[i], i, kRace);
    } else if (group || running[i]) {
      // group: zap_other_threads' SIGKILL at t = 0; thread: io_wq_cancel_cb
      // signals the running work, which ends and sees EXIT.
      at_exit_start.add(jitter[i], i, kWake);
    }  // else idle until io_wq_worker_wake
  }
  at_exit_start.commit();
  background.start();

  const Ns horizon = seconds_to_ns(scenario.horizon_s);
  ctx.run_until(horizon);
  out->metrics = ctx.collect(horizon);
  ReportTally tally(ctx.activity(), kReportsPerRun);
  run_detectors(make_detector_input(ctx.activity(), scenario, seed, replication),
                [&tally](const DetectorReport& r) { tally.add(r); });
  tally.finish(&out->metrics);
  if (detail) {
    out->activity = ctx.activity();
    out->lock_calls = ctx.lock_calls();
  }
}

}  // namespace

RunDetail simulate_teardown_detailed(const ScenarioConfig& scenario, Algorithm algorithm,
                                     std::uint64_t seed, int replication, const ModelFaults& faults,
                                     const std::atomic<bool>* stop) {
  RunDetail out;
  simulate(scenario, algorithm, seed, replication, faults, stop, /*detail=*/true, &out);
  return out;
}

RunMetrics simulate_teardown(const ScenarioConfig& scenario, Algorithm algorithm,
                             std::uint64_t seed, int replication, const std::atomic<bool>* stop) {
  RunDetail out;
  simulate(scenario, algorithm, seed, replication, {}, stop, /*detail=*/false, &out);
  return std::move(out.metrics);
}

}  // namespace twsim
