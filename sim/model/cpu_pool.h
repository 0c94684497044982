// The machine's CPUs as a scheduler sees them for the teardown threads: a CPU
// runs one thread at a time, and a thread that spins or holds pi_lock with
// interrupts off cannot be preempted, so a CPU is only given back when its
// thread exits or sleeps. A free CPU is chosen uniformly at random (the
// placement stream), since io-wq workers are not pinned (docs/kernel-facts.md §2.7).
//
// The io-wq cpuset (io_wq.cpus_allowed = K): the submitter and its workers
// may run only on CPUs 0..K-1 (wq->cpu_mask is the submitter's cpuset, §2.7;
// a contiguous block, so it fills socket 0 first). Threads that find no free
// CPU they may use wait in FIFO order (workers beyond the CPUs they may run on
// wait to run, docs/design.md §2). Other tasks (background wakers) may run anywhere.
#ifndef TWSIM_MODEL_CPU_POOL_H_
#define TWSIM_MODEL_CPU_POOL_H_

#include <cstdint>
#include <deque>

#include "sim/core/random.h"
#include "sim/core/simulator.h"
#include "sim/core/unique_function.h"
#include "sim/model/free_cpu_list.h"

namespace twsim {

// Where a thread may run.
enum class Affinity { kCpuset, kAny };

// A thread that waits for a CPU, in 16 bytes: `run(self, cpu)` starts it on
// `cpu` (3,000,000 wait in configs/scale/million-cpus.json).
struct CpuThread {
  void (*run)(void* self, int cpu);
  void* self;
};

class CpuPool {
 public:
  using Start = UniqueFunction<void(int cpu)>;

  // CPUs 0..cpus_allowed-1 form the cpuset. REQUIRES: 1 <= cpus_allowed <= cpus.
  CpuPool(Simulator* sim, int cpus, int cpus_allowed, RandomStream placement);
  ~CpuPool();
  CpuPool(const CpuPool&) = delete;
  CpuPool& operator=(const CpuPool&) = delete;

  // Takes a free CPU of the cpuset now for a thread that is already running
  // (the submitter at t = 0). REQUIRES: one is free.
  int take_now();
  // Runs `start(cpu)` as soon as a CPU it may use is free: now, or when one
  // is released.
  void run_when_free(Affinity affinity, CpuThread thread);
  // The same for any callable (boxed on the heap while it waits).
  void run_when_free(Affinity affinity, Start start);
  // The thread on `cpu` exits or sleeps at now().
  void release(int cpu);
  // release() for a caller that starts the thread itself (walk_ring.h): true
  // and *thread the thread that gets `cpu`, or false and the CPU is free.
  bool hand_over(int cpu, CpuThread* thread);
  // The thread a release of `cpu` now would start, or nullptr.
  const CpuThread* next_thread(int cpu);

  int free_cpus() const { return static_cast<int>(free_in_.size() + free_out_.size()); }
  int waiting() const { return static_cast<int>(waiting_in_.size() + waiting_out_.size()); }

 private:
  struct Waiter {
    std::uint64_t seq;  // arrival order across both queues
    CpuThread thread;
  };
  int take(Affinity affinity);
  std::deque<Waiter>* next_for(int cpu);  // the queue whose head a release of cpu serves
  void start_on(int cpu, CpuThread thread);
  static void run_boxed(void* start, int cpu);  // a boxed Start, deleted once run

  Simulator* sim_;
  RandomStream placement_;
  int cpus_allowed_;
  FreeCpuList free_in_;             // free CPUs of the cpuset
  FreeCpuList free_out_;            // free CPUs outside it
  std::deque<Waiter> waiting_in_;   // threads that may run only in the cpuset
  std::deque<Waiter> waiting_out_;  // threads that may run anywhere
  std::uint64_t next_seq_ = 0;
};

}  // namespace twsim

#endif  // TWSIM_MODEL_CPU_POOL_H_
