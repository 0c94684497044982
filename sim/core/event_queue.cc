#include "sim/core/event_queue.h"

#include <utility>

namespace twsim {

std::uint32_t EventQueue::store(Callback fn) {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(std::move(fn));
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = std::move(fn);
  }
  return slot;
}

void EventQueue::push(Ns when, Callback fn, std::uint64_t tie_key) {
  const std::uint32_t slot = store(std::move(fn));
  heap_.push(Entry{when, tie_key, next_seq_++, slot});
}

void EventQueue::push_reserved(Ns when, Callback fn, std::uint64_t seq) {
  const std::uint32_t slot = store(std::move(fn));
  heap_.push(Entry{when, 0, seq, slot});
}

Ns EventQueue::pop(Callback* fn) {
  const Entry top = heap_.top();
  heap_.pop();
  *fn = std::move(slots_[top.slot]);
  free_slots_.push_back(top.slot);
  return top.when;
}

std::uint32_t EventQueue::pop_slot(Ns* when) {
  const Entry top = heap_.top();
  heap_.pop();
  *when = top.when;
  return top.slot;
}

void EventQueue::run_slot(std::uint32_t slot) {
  Callback& fn = slots_[slot];
  fn();
  fn = nullptr;  // its captures die now, as a moved-out callback's would
  free_slots_.push_back(slot);
}

}  // namespace twsim
