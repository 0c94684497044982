#include "sim/core/simulator.h"

#include <cassert>
#include <utility>

namespace twsim {

void Simulator::at(Ns when, EventQueue::Callback fn, std::uint64_t tie_key) {
  assert(when >= now_);
  queue_.push(when, std::move(fn), tie_key);
}

void Simulator::run_until(Ns end) {
  EventQueue::Callback fn;
  while (!queue_.empty() && queue_.next_time() <= end) {
    now_ = queue_.pop(&fn);
    ++events_run_;
    fn();
  }
}

}  // namespace twsim
