#include "sim/model/cpu_pool.h"

#include <cassert>
#include <memory>
#include <utility>

namespace twsim {

CpuPool::CpuPool(Simulator* sim, int cpus, int cpus_allowed, RandomStream placement)
    : sim_(sim),
      placement_(placement),
      cpus_allowed_(cpus_allowed),
      free_in_(0, cpus_allowed),
      free_out_(cpus_allowed, cpus - cpus_allowed) {
  assert(cpus_allowed >= 1 && cpus_allowed <= cpus);
}

int CpuPool::take(Affinity affinity) {
  // One draw over the CPUs the thread may use; with the whole machine as the
  // cpuset this is the same draw over the same list as without a cpuset.
  const std::size_t usable = free_in_.size() + (affinity == Affinity::kAny ? free_out_.size() : 0);
  assert(usable > 0);
  std::size_t i = placement_.below(usable);
  FreeCpuList& from = i < free_in_.size() ? free_in_ : free_out_;
  if (i >= free_in_.size()) i -= free_in_.size();
  return from.take(i);
}

CpuPool::~CpuPool() {
  // Boxed callables still waiting at the horizon.
  for (const std::deque<Waiter>* q : {&waiting_in_, &waiting_out_}) {
    for (const Waiter& w : *q) {
      if (w.thread.run == &run_boxed) delete static_cast<Start*>(w.thread.self);
    }
  }
}

int CpuPool::take_now() { return take(Affinity::kCpuset); }

void CpuPool::run_boxed(void* start, int cpu) {
  const std::unique_ptr<Start> owned(static_cast<Start*>(start));
  (*owned)(cpu);
}

void CpuPool::start_on(int cpu, CpuThread thread) {
  sim_->after(0, [thread, cpu] { thread.run(thread.self, cpu); });
}

void CpuPool::run_when_free(Affinity affinity, CpuThread thread) {
  const bool free = !free_in_.empty() || (affinity == Affinity::kAny && !free_out_.empty());
  if (free) {
    start_on(take(affinity), thread);
    return;
  }
  (affinity == Affinity::kCpuset ? waiting_in_ : waiting_out_)
      .push_back(Waiter{next_seq_++, thread});
}

void CpuPool::run_when_free(Affinity affinity, Start start) {
  run_when_free(affinity, CpuThread{&run_boxed, new Start(std::move(start))});
}

void CpuPool::release(int cpu) {
  CpuThread next;
  if (hand_over(cpu, &next)) start_on(cpu, next);
}

std::deque<CpuPool::Waiter>* CpuPool::next_for(int cpu) {
  // The longest-waiting thread that may use this CPU gets it.
  std::deque<Waiter>* next = nullptr;
  if (cpu < cpus_allowed_ && !waiting_in_.empty()) next = &waiting_in_;
  if (!waiting_out_.empty() && (next == nullptr || waiting_out_.front().seq < next->front().seq)) {
    next = &waiting_out_;
  }
  return next;
}

const CpuThread* CpuPool::next_thread(int cpu) {
  const std::deque<Waiter>* next = next_for(cpu);
  return next == nullptr ? nullptr : &next->front().thread;
}

bool CpuPool::hand_over(int cpu, CpuThread* thread) {
  std::deque<Waiter>* next = next_for(cpu);
  if (next == nullptr) {
    (cpu < cpus_allowed_ ? free_in_ : free_out_).push_back(cpu);
    return false;
  }
  *thread = next->front().thread;
  next->pop_front();
  return true;
}

}  // namespace twsim
