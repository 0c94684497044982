#include "sim/core/event_queue.h"

#include <utility>

namespace twsim {

void EventQueue::push(Ns when, Callback fn, std::uint64_t tie_key) {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(std::move(fn));
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = std::move(fn);
  }
  heap_.push(Entry{when, tie_key, next_seq_++, slot});
}

Ns EventQueue::pop(Callback* fn) {
  const Entry top = heap_.top();
  heap_.pop();
  *fn = std::move(slots_[top.slot]);
  free_slots_.push_back(top.slot);
  return top.when;
}

}  // namespace twsim
