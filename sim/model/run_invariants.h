// The rules a run checks as it goes (sim/core/invariant.h), each observed
// from outside the component that keeps the state, so that a bug there is
// caught rather than agreed with:
//  - pi_lock mutual exclusion: no grant while another CPU holds it;
//  - FIFO service where the lock kind promises it (qspinlock, ticket):
//    grants in the order the lock calls were made;
//  - task_work node conservation after every critical section: present +
//    cancelled + run = initial + pushed (run: detached by task_work_run);
//  - the last io-wq reference is dropped only once the submitter waits, and
//    only after every worker has exited (worker_done ends the teardown).
// Monotone time is checked by the Simulator itself.
#ifndef TWSIM_MODEL_RUN_INVARIANTS_H_
#define TWSIM_MODEL_RUN_INVARIANTS_H_

#include <cstdint>
#include <string>

#include "sim/core/simulator.h"
#include "sim/model/list_walk.h"
#include "sim/scenario/config.h"
#include "sim/scenario/results.h"

namespace twsim {

class RunInvariants {
 public:
  // Both must outlive this object.
  RunInvariants(const ScenarioConfig& config, const Simulator& sim) : config_(config), sim_(sim) {}

  // A lock call is made: its FIFO ticket.
  std::uint64_t lock_called() { return calls_made_++; }
  // CPU `cpu` is granted the lock for `site` on `ticket`.
  void granted(int cpu, CallSite site, std::uint64_t ticket);
  // The holder released it.
  void released() { holder_ = -1; }
  // After a critical section of `cpu` at `site`.
  void check_node_conservation(const ListWalk& walk, int cpu, CallSite site) const;
  // When the last io-wq reference goes: the submitter waits (unless it
  // drops it itself, `by_submitter`) and all workers have exited.
  void check_last_ref(int cpu, bool by_submitter, bool submitter_waiting, int workers_exited) const;

 private:
  std::string last_ref_event(int cpu) const;

  const ScenarioConfig& config_;
  const Simulator& sim_;
  int holder_ = -1;
  Ns held_since_ = 0;
  std::uint64_t calls_made_ = 0;  // FIFO tickets handed out at lock calls
  std::uint64_t calls_served_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_RUN_INVARIANTS_H_
