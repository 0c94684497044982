#include "sim/model/run_context.h"

#include <algorithm>
#include <utility>

#include "sim/model/metrics_collector.h"

namespace twsim {
namespace {

// Which workers have a create_work queued, and where each sits in the list.
TaskWorkList::Layout make_list(const ScenarioConfig& cfg, std::uint64_t seed, int rep) {
  RandomStream rng(seed, rep, "layout");
  std::vector<int> ids(cfg.io_wq.workers);
  for (int i = 0; i < cfg.io_wq.workers; ++i) ids[i] = i;
  // The first pending_create entries are a uniform sample.
  sample_prefix(&ids, cfg.io_wq.pending_create, &rng);
  std::vector<int> others(ids.begin() + cfg.io_wq.pending_create, ids.end());
  ids.resize(cfg.io_wq.pending_create);
  std::sort(ids.begin(), ids.end());
  // create_worker_cont retries, owned by thread-less io_worker structs.
  for (int i = 0; i < cfg.io_wq.create_cont; ++i) ids.push_back(cfg.io_wq.workers + i);
  TaskWorkList::Layout layout = TaskWorkList::make_layout(
      cfg.task_work.unrelated, cfg.task_work.create_layout, std::move(ids), rng);
  // Workers racing EXIT (docs/kernel-facts.md §2.4 step 6): racing_create of the
  // others, from their own stream so that the layout's draws do not move.
  // Their create_works are the newest pushes, so they sit at the head, in
  // random order.
  if (cfg.io_wq.racing_create > 0) {
    RandomStream racing(seed, rep, "racing");
    std::sort(others.begin(), others.end());
    sample_prefix(&others, cfg.io_wq.racing_create, &racing);
    others.resize(cfg.io_wq.racing_create);
    TaskWorkList::push_creates_at_head(&layout, others);
  }
  return layout;
}

}  // namespace

RunContext::RunContext(const ScenarioConfig& cfg, Algorithm alg, std::uint64_t seed_in, int rep,
                       ModelFaults faults)
    : config(cfg),
      algorithm(alg),
      seed(seed_in),
      replication(rep),
      cpus_(&sim_, cfg.machine.cpus,
            cfg.io_wq.cpus_allowed > 0 ? cfg.io_wq.cpus_allowed : cfg.machine.cpus,
            RandomStream(seed_in, rep, "placement")),
      lock_(&sim_, cfg.lock, SocketLayout(cfg.machine.cpus, cfg.machine.sockets),
            RandomStream(seed_in, rep, "lock"), faults),
      walk_(TaskWorkList(make_list(cfg, seed_in, rep)), cfg, RandomStream(seed_in, rep, "pushes"),
            faults),
      workers_(cfg.io_wq.workers + cfg.io_wq.create_cont),
      recorder_(cfg.machine.cpus),
      invariants_(cfg, sim_),
      section_(&sim_, &lock_, &walk_, &recorder_, &invariants_, RandomStream(seed_in, rep, "tie"),
               faults),
      // io_wq_create's initial reference, one per worker (dropped in
      // io_worker_exit) and one per queued create (io_queue_worker_create).
      refs_(1 + cfg.io_wq.workers + cfg.io_wq.pending_create + cfg.io_wq.racing_create +
                cfg.io_wq.create_cont - (faults.short_worker_refs ? 1 : 0),
            cfg.background.wakeup_hold_ns, &sim_, &section_, &cpus_, &recorder_, &invariants_) {
  // The fixed delays most events are scheduled by (every worker's exit, a
  // callback, a lock handoff) queue beside the heap (simulator.h).
  for (const Ns delay : {cfg.costs.worker_exit_ns, cfg.costs.cancel_cb_ns, cfg.lock.handoff_ns,
                         cfg.lock.remote_handoff_ns}) {
    sim_.add_delay_lane(delay);
  }
  const auto creates = walk_.list().all_creates();
  for (const auto& m : creates) workers_[m.owner].create_pending = true;
  // The racing creates are the shallowest nodes at t = 0.
  for (int i = 0; i < cfg.io_wq.racing_create; ++i) workers_[creates[i].owner].racing = true;
}

void RunContext::create_done(int owner) {
  WorkerState& w = workers_[owner];
  w.create_pending = false;
  if (w.on_create_done) std::exchange(w.on_create_done, {}).resume();
}

RunMetrics RunContext::collect(Ns horizon) {
  recorder_.close(horizon);
  return collect_metrics(RunParts{recorder_, section_, lock_, walk_, refs_, sim_.events_run()},
                         horizon);
}

}  // namespace twsim
