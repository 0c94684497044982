#include "sim/model/cpu_pool.h"

#include <cassert>
#include <utility>

namespace twsim {

CpuPool::CpuPool(Simulator* sim, int cpus, RandomStream placement)
    : sim_(sim), placement_(placement) {
  free_.reserve(cpus);
  for (int c = 0; c < cpus; ++c) free_.push_back(c);
}

int CpuPool::take_now() {
  assert(!free_.empty());
  const std::size_t i = placement_.below(free_.size());
  const int cpu = free_[i];
  free_[i] = free_.back();
  free_.pop_back();
  return cpu;
}

void CpuPool::run_when_free(Start start) {
  if (!free_.empty()) {
    const int cpu = take_now();
    sim_->after(0, [start = std::move(start), cpu] { start(cpu); });
    return;
  }
  waiting_.push_back(std::move(start));
}

void CpuPool::release(int cpu) {
  if (waiting_.empty()) {
    free_.push_back(cpu);
    return;
  }
  Start next = std::move(waiting_.front());
  waiting_.pop_front();
  sim_->after(0, [next = std::move(next), cpu] { next(cpu); });
}

}  // namespace twsim
