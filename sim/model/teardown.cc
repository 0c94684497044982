#include "sim/model/teardown.h"

#include <cmath>
#include <memory>
#include <vector>

#include "sim/model/background.h"
#include "sim/model/run_context.h"
#include "sim/model/submitter.h"
#include "sim/model/watchdog.h"
#include "sim/model/worker.h"

namespace twsim {
namespace {

// Counts the reports of each kind and the worst verdict.
void summarise_reports(std::vector<DetectorReport> reports, RunMetrics* m) {
  for (const DetectorReport& r : reports) {
    int* count = nullptr;
    Ns* first = nullptr;
    switch (r.kind) {
      case ReportKind::kHardLockup: count = &m->hard_lockups; first = &m->first_hard_lockup_ns; break;
      case ReportKind::kSoftLockup: count = &m->soft_lockups; first = &m->first_soft_lockup_ns; break;
      case ReportKind::kRcuStall: count = &m->rcu_stalls; first = &m->first_rcu_stall_ns; break;
    }
    if ((*count)++ == 0) *first = r.at_ns;
  }
  m->verdict = m->hard_lockups   ? Verdict::kHard
               : m->soft_lockups ? Verdict::kSoft
               : m->rcu_stalls   ? Verdict::kRcu
                                 : Verdict::kClean;
  m->reports = std::move(reports);
}

}  // namespace

RunDetail simulate_teardown_detailed(const ScenarioConfig& scenario, Algorithm algorithm,
                                     std::uint64_t seed, int replication,
                                     const ModelFaults& faults) {
  RunContext ctx(scenario, algorithm, seed, replication, faults);

  // Wake jitter per worker, drawn in worker order so both algorithms see the same.
  const int n_workers = scenario.io_wq.workers;
  std::vector<Ns> jitter(n_workers);
  RandomStream wake(seed, replication, "wake");
  const Ns max_jitter = static_cast<Ns>(std::llround(scenario.io_wq.wake_jitter_us * 1e3));
  for (Ns& j : jitter) j = wake.between(0, max_jitter);

  std::vector<std::unique_ptr<Worker>> workers;
  workers.reserve(n_workers);
  for (int i = 0; i < n_workers; ++i) workers.push_back(std::make_unique<Worker>(&ctx, i));
  const bool after_cancel = scenario.io_wq.wake == WakeMode::kAfterCancel;
  auto wake_all = [&] {
    for (int i = 0; i < n_workers; ++i) {
      // at_exit_start: a racing worker's wake-up is already pending (below).
      if (!after_cancel && ctx.workers[i].racing) continue;
      workers[i]->wake_after(jitter[i]);
    }
  };

  // After the cancel the submitter wakes the workers (io_wq_worker_wake);
  // at_exit_start: SIGKILL / __set_notify_signal already woke them at t = 0.
  Submitter submitter(&ctx, after_cancel ? std::function<void()>(wake_all) : nullptr);
  BackgroundWakeups background(&ctx);

  submitter.start();
  // Racing workers were running when EXIT was set: each reaches the EXIT
  // check after its task_work_add at its jitter, whatever the wake mode.
  for (int i = 0; i < n_workers; ++i) {
    if (ctx.workers[i].racing) workers[i]->race_after(jitter[i], /*signalled=*/!after_cancel);
  }
  if (!after_cancel) wake_all();
  background.start();

  const Ns horizon = seconds_to_ns(scenario.horizon_s);
  ctx.sim.run_until(horizon);
  RunDetail out;
  out.metrics = ctx.collect(horizon);
  summarise_reports(run_detectors(make_detector_input(ctx.activity(), scenario, seed, replication)),
                    &out.metrics);
  out.activity = ctx.activity();
  out.lock_calls = ctx.lock_calls();
  return out;
}

RunMetrics simulate_teardown(const ScenarioConfig& scenario, Algorithm algorithm,
                             std::uint64_t seed, int replication) {
  return simulate_teardown_detailed(scenario, algorithm, seed, replication).metrics;
}

}  // namespace twsim
