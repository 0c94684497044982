#include "sim/model/run_context.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "sim/core/invariant.h"

namespace twsim {
namespace {

std::vector<int> sockets_of(const MachineConfig& m) {
  std::vector<int> socket(m.cpus);
  const int per_socket = std::max(1, m.cpus / m.sockets);
  for (int c = 0; c < m.cpus; ++c) socket[c] = std::min(c / per_socket, m.sockets - 1);
  return socket;
}

// Which workers have a create_work queued, and where each sits in the list.
TaskWorkList::Layout make_list(const ScenarioConfig& cfg, std::uint64_t seed, int rep) {
  RandomStream rng(seed, rep, "layout");
  std::vector<int> ids(cfg.io_wq.workers);
  for (int i = 0; i < cfg.io_wq.workers; ++i) ids[i] = i;
  // Partial Fisher-Yates: the first pending_create entries are a uniform sample.
  for (int i = 0; i < cfg.io_wq.pending_create; ++i) {
    std::swap(ids[i], ids[i + rng.below(ids.size() - i)]);
  }
  std::vector<int> others(ids.begin() + cfg.io_wq.pending_create, ids.end());
  ids.resize(cfg.io_wq.pending_create);
  std::sort(ids.begin(), ids.end());
  // create_worker_cont retries, owned by thread-less io_worker structs.
  for (int i = 0; i < cfg.io_wq.create_cont; ++i) ids.push_back(cfg.io_wq.workers + i);
  TaskWorkList::Layout layout = TaskWorkList::make_layout(
      cfg.task_work.unrelated, cfg.task_work.create_layout, std::move(ids), rng);
  // Workers racing EXIT (kernel-facts §2.4 step 6): racing_create of the
  // others, from their own stream so that the layout's draws do not move.
  // Their create_works are the newest pushes, so they sit at the head, in
  // random order.
  if (cfg.io_wq.racing_create > 0) {
    RandomStream racing(seed, rep, "racing");
    std::sort(others.begin(), others.end());
    for (int i = 0; i < cfg.io_wq.racing_create; ++i) {
      std::swap(others[i], others[i + racing.below(others.size() - i)]);
    }
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
      cpus(&sim, cfg.machine.cpus,
           cfg.io_wq.cpus_allowed > 0 ? cfg.io_wq.cpus_allowed : cfg.machine.cpus,
           RandomStream(seed_in, rep, "placement")),
      lock(&sim, cfg.lock, sockets_of(cfg.machine), RandomStream(seed_in, rep, "lock"), faults),
      walk(TaskWorkList(make_list(cfg, seed_in, rep)), cfg, RandomStream(seed_in, rep, "pushes"), faults),
      workers(cfg.io_wq.workers + cfg.io_wq.create_cont),
      faults_(faults),
      tie_(seed_in, rep, "tie"),
      activity_(cfg.machine.cpus),
      open_irq_off_(cfg.machine.cpus, -1),
      open_wait_end_(cfg.machine.cpus, -1),
      open_runner_(cfg.machine.cpus),
      open_no_sched_(cfg.machine.cpus, ThreadSpan{{-1, -1}}),
      // io_wq_create's initial reference, one per worker (dropped in
      // io_worker_exit) and one per queued create (io_queue_worker_create).
      worker_refs_(1 + cfg.io_wq.workers + cfg.io_wq.pending_create + cfg.io_wq.racing_create +
                   cfg.io_wq.create_cont - (faults.short_worker_refs ? 1 : 0)) {
  const auto creates = walk.list().all_creates();
  for (const auto& m : creates) workers[m.owner].create_pending = true;
  // The racing creates are the shallowest nodes at t = 0.
  for (int i = 0; i < cfg.io_wq.racing_create; ++i) workers[creates[i].owner].racing = true;
}

void RunContext::locked_call(int cpu, Role role, KernelFn fn, CallSite site,
                             std::function<Ns()> body, std::function<void()> then) {
  auto call = [this, cpu, role, fn, site, body = std::move(body),
               then = std::move(then)]() mutable {
    const Ns called = sim.now();
    open_irq_off_[cpu] = called;
    open_runner_[cpu] = Runner{role, fn};
    const std::uint64_t ticket = lock_calls_made_++;
    lock.acquire(cpu, [this, cpu, role, fn, site, called, ticket, body = std::move(body),
                       then = std::move(then)]() mutable {
      check_grant(cpu, site, ticket);
      const Ns wait = sim.now() - called;
      max_lock_wait_ = std::max(max_lock_wait_, wait);
      if (wait > 0) ++contentions_by_site_[static_cast<int>(site)];
      open_wait_end_[cpu] = sim.now();
      walk.catch_up(sim.now());
      const std::int64_t nodes_before = walk.nodes_visited();
      const std::int64_t length_before = walk.list().length();
      const Ns hold = faults_.negative_hold ? -1 : body();
      check_node_conservation(cpu, site);
      if (site == CallSite::kCancelMatch || site == CallSite::kCancelMatchAll) {
        cancel_holds_.push_back(hold);
      }
      LockCall record{cpu, role, site, called, sim.now(), sim.now() + hold,
                      walk.nodes_visited() - nodes_before, length_before};
      sim.after(hold, [this, cpu, role, fn, called, wait, record, then = std::move(then)] {
        lock.release(cpu);
        lock_holder_ = -1;
        lock_calls_.push_back(record);
        record_irq_off(cpu, called, sim.now(), wait, role, fn);
        open_irq_off_[cpu] = -1;
        open_wait_end_[cpu] = -1;
        then();
      });
    });
  };
  sim.after(0, std::move(call), tie_.next_u64());
}

void RunContext::check_grant(int cpu, CallSite site, std::uint64_t ticket) {
  auto event = [&] {
    return "CPU " + std::to_string(cpu) + " acquires pi_lock for " + to_string(site);
  };
  check_invariant(lock_holder_ < 0, "pi_lock mutual exclusion", sim.now(), event, [&] {
    return "CPU " + std::to_string(lock_holder_) + " has held it since t=" +
           std::to_string(lock_held_since_) + " ns";
  });
  // Only qspinlock and ticket promise FIFO: tas is unfair, pv-qspinlock lets
  // an arrival steal from a kicked head (pi_lock.h).
  if (config.lock.kind == LockKind::kQspinlock || config.lock.kind == LockKind::kTicket) {
    check_invariant(ticket == lock_calls_served_, "pi_lock FIFO order", sim.now(), event, [&] {
      return "it made lock call " + std::to_string(ticket) + " but call " +
             std::to_string(lock_calls_served_) + " is the oldest still waiting";
    });
    ++lock_calls_served_;
  }
  lock_holder_ = cpu;
  lock_held_since_ = sim.now();
}

void RunContext::check_node_conservation(int cpu, CallSite site) const {
  const std::int64_t present = walk.list().length();
  check_invariant(
      present + walk.nodes_cancelled() + walk.nodes_run() ==
          walk.initial_nodes() + walk.nodes_pushed(),
      "task_work node conservation", sim.now(),
      [&] { return "CPU " + std::to_string(cpu) + " leaves " + to_string(site); },
      [&] {
        return "present " + std::to_string(present) + " + cancelled " +
               std::to_string(walk.nodes_cancelled()) + " + run " +
               std::to_string(walk.nodes_run()) + " != initial " +
               std::to_string(walk.initial_nodes()) + " + pushed " +
               std::to_string(walk.nodes_pushed());
      });
}

std::string RunContext::last_ref_event(int cpu) const {
  return "CPU " + std::to_string(cpu) + " drops the last io-wq reference (worker_done)";
}

void RunContext::check_workers_exited(int cpu) const {
  check_invariant(
      workers_exited_ == config.io_wq.workers, "workers exit before teardown ends", sim.now(),
      [&] { return last_ref_event(cpu); },
      [&] {
        return std::to_string(config.io_wq.workers - workers_exited_) + " of " +
               std::to_string(config.io_wq.workers) + " workers have not exited";
      });
}

void RunContext::create_done(int owner) {
  WorkerState& w = workers[owner];
  w.create_pending = false;
  if (w.on_create_done) std::exchange(w.on_create_done, nullptr)();
}

void RunContext::record_irq_off(int cpu, Ns start, Ns end, Ns wait, Role role, KernelFn fn) {
  activity_[cpu].irq_off.push_back(IrqOffStretch{start, end, wait, role, fn});
}

void RunContext::begin_no_sched(int cpu, Role role, KernelFn fn) {
  open_no_sched_[cpu] = ThreadSpan{{sim.now(), -1}, role, fn};
}

void RunContext::end_no_sched(int cpu) {
  ThreadSpan span = open_no_sched_[cpu];
  span.end = sim.now();
  activity_[cpu].no_sched.push_back(span);
  open_no_sched_[cpu].start = -1;
}

void RunContext::put_worker_ref(int cpu, Role role, std::function<void()> then) {
  if (--worker_refs_ > 0) {
    then();
    return;
  }
  // The submitter's own reference goes first (submitter_waits), so the last
  // one is always dropped while it sleeps on worker_done.
  check_invariant(
      submitter_waiting_, "io-wq references", sim.now(), [&] { return last_ref_event(cpu); },
      [] { return std::string("the submitter still holds its own reference"); });
  check_workers_exited(cpu);
  // complete(&wq->worker_done) -> try_to_wake_up(submitter) under its pi_lock.
  locked_call(
      cpu, role, KernelFn::kTryToWakeUp, CallSite::kTtwu,
      [this] { return config.background.wakeup_hold_ns; },
      [this, then = std::move(then)] {
        finish_teardown();
        then();
      });
}

void RunContext::submitter_waits(int cpu) {
  submitter_cpu_ = cpu;
  // io_wq_exit_workers drops the initial reference, then sleeps on worker_done.
  if (--worker_refs_ == 0) {
    check_workers_exited(cpu);
    finish_teardown();
  } else {
    submitter_waiting_ = true;
  }
  end_no_sched(cpu);
  cpus.release(cpu);
}

void RunContext::finish_teardown() {
  teardown_done_ = true;
  teardown_end_ = sim.now();
}

RunMetrics RunContext::collect(Ns horizon) {
  const int n_cpus = static_cast<int>(activity_.size());
  for (int c = 0; c < n_cpus; ++c) {
    if (open_irq_off_[c] >= 0) {
      const Ns wait = (open_wait_end_[c] >= 0 ? open_wait_end_[c] : horizon) - open_irq_off_[c];
      record_irq_off(c, open_irq_off_[c], horizon, wait, open_runner_[c].role,
                     open_runner_[c].fn);
    }
    if (open_no_sched_[c].start >= 0) {
      ThreadSpan span = open_no_sched_[c];
      span.end = horizon;
      activity_[c].no_sched.push_back(span);
    }
  }

  RunMetrics m;
  m.teardown_complete = teardown_done_;
  m.teardown_ns = teardown_done_ ? teardown_end_ : horizon;
  for (int c = 0; c < n_cpus; ++c) {
    for (const IrqOffStretch& s : activity_[c].irq_off) {
      const Ns len = s.end - s.start;
      if (len > m.max_irqoff_ns) {
        m.max_irqoff_ns = len;
        m.max_irqoff_cpu = c;
        m.max_irqoff_role = s.role;
        m.max_irqoff_wait_ns = s.wait_ns;
      }
    }
  }
  m.max_lock_wait_ns = max_lock_wait_;
  m.lock_stat = lock.stat();
  for (int i = 0; i < kCallSites; ++i) m.lock_stat.contentions_by_site[i] = contentions_by_site_[i];
  m.lock_acquisitions = m.lock_stat.acquisitions;
  m.contended_acquisitions = m.lock_stat.contentions;
  m.nodes_visited = walk.nodes_visited();
  if (!cancel_holds_.empty()) {
    std::sort(cancel_holds_.begin(), cancel_holds_.end());
    // Nearest-rank percentile: the smallest value with at least p% at or below it.
    auto rank = [&](double p) {
      const auto n = static_cast<double>(cancel_holds_.size());
      const auto k = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * n)));
      return cancel_holds_[k - 1];
    };
    m.cancel_hold_p50_ns = rank(50);
    m.cancel_hold_p99_ns = rank(99);
    m.cancel_hold_max_ns = cancel_holds_.back();
  }
  m.events = sim.events_run();
  return m;
}

}  // namespace twsim
