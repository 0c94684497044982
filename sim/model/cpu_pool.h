// The machine's CPUs as a scheduler sees them for the teardown threads: a CPU
// runs one thread at a time, and a thread that spins or holds pi_lock with
// interrupts off cannot be preempted, so a CPU is only given back when its
// thread exits or sleeps. Threads that find no free CPU wait in FIFO order
// (workers beyond the CPUs they may run on wait to run, DESIGN §2). A free CPU
// is chosen uniformly at random (the placement stream), since io-wq workers
// are not pinned (kernel-facts §2.7).
#ifndef TWSIM_MODEL_CPU_POOL_H_
#define TWSIM_MODEL_CPU_POOL_H_

#include <deque>
#include <functional>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/simulator.h"

namespace twsim {

class CpuPool {
 public:
  using Start = std::function<void(int cpu)>;

  CpuPool(Simulator* sim, int cpus, RandomStream placement);

  // Takes a free CPU now for a thread that is already running (the submitter
  // at t = 0). REQUIRES: a CPU is free.
  int take_now();
  // Runs `start(cpu)` as soon as a CPU is free: now, or when one is released.
  void run_when_free(Start start);
  // The thread on `cpu` exits or sleeps at now().
  void release(int cpu);

  int free_cpus() const { return static_cast<int>(free_.size()); }
  int waiting() const { return static_cast<int>(waiting_.size()); }

 private:
  Simulator* sim_;
  RandomStream placement_;
  std::vector<int> free_;
  std::deque<Start> waiting_;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_CPU_POOL_H_
