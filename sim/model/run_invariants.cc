#include "sim/model/run_invariants.h"

#include "sim/core/invariant.h"

namespace twsim {

void RunInvariants::granted(int cpu, CallSite site, std::uint64_t ticket) {
  auto event = [&] {
    return "CPU " + std::to_string(cpu) + " acquires pi_lock for " + to_string(site);
  };
  check_invariant(holder_ < 0, "pi_lock mutual exclusion", sim_.now(), event, [&] {
    return "CPU " + std::to_string(holder_) +
           " has held it since t=" + std::to_string(held_since_) + " ns";
  });
  // Only qspinlock and ticket promise FIFO: tas is unfair, pv-qspinlock lets
  // an arrival steal from a kicked head (pi_lock.h).
  if (config_.lock.kind == LockKind::kQspinlock || config_.lock.kind == LockKind::kTicket) {
    check_invariant(ticket == calls_served_, "pi_lock FIFO order", sim_.now(), event, [&] {
      return "it made lock call " + std::to_string(ticket) + " but call " +
             std::to_string(calls_served_) + " is the oldest still waiting";
    });
    ++calls_served_;
  }
  holder_ = cpu;
  held_since_ = sim_.now();
}

void RunInvariants::check_node_conservation(const ListWalk& walk, int cpu, CallSite site) const {
  const std::int64_t present = walk.list().length();
  check_invariant(
      present + walk.nodes_cancelled() + walk.nodes_run() ==
          walk.initial_nodes() + walk.nodes_pushed(),
      "task_work node conservation", sim_.now(),
      [&] { return "CPU " + std::to_string(cpu) + " leaves " + to_string(site); },
      [&] {
        return "present " + std::to_string(present) + " + cancelled " +
               std::to_string(walk.nodes_cancelled()) + " + run " +
               std::to_string(walk.nodes_run()) + " != initial " +
               std::to_string(walk.initial_nodes()) + " + pushed " +
               std::to_string(walk.nodes_pushed());
      });
}

std::string RunInvariants::last_ref_event(int cpu) const {
  return "CPU " + std::to_string(cpu) + " drops the last io-wq reference (worker_done)";
}

void RunInvariants::check_last_ref(int cpu, bool by_submitter, bool submitter_waiting,
                                   int workers_exited) const {
  // The submitter's own reference goes first (submitter_waits), so the last
  // one is always dropped while it sleeps on worker_done.
  if (!by_submitter) {
    check_invariant(
        submitter_waiting, "io-wq references", sim_.now(), [&] { return last_ref_event(cpu); },
        [] { return std::string("the submitter still holds its own reference"); });
  }
  check_invariant(
      workers_exited == config_.io_wq.workers, "workers exit before teardown ends", sim_.now(),
      [&] { return last_ref_event(cpu); },
      [&] {
        return std::to_string(config_.io_wq.workers - workers_exited) + " of " +
               std::to_string(config_.io_wq.workers) + " workers have not exited";
      });
}

}  // namespace twsim
