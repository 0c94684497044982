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

void EventQueue::heap_push(const Entry& e) {
  std::size_t hole = heap_.size();
  heap_.push_back(e);
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / 4;
    if (!fires_before(e, heap_[parent])) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = e;
}

EventQueue::Entry EventQueue::heap_pop() {
  const Entry top = heap_.front();
  const Entry last = heap_.back();
  heap_.pop_back();
  const std::size_t n = heap_.size();
  if (n == 0) return top;
  std::size_t hole = 0;
  for (;;) {
    const std::size_t first = 4 * hole + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + 4 < n ? first + 4 : n;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (fires_before(heap_[c], heap_[best])) best = c;
    }
    if (!fires_before(heap_[best], last)) break;
    heap_[hole] = heap_[best];
    hole = best;
  }
  heap_[hole] = last;
  return top;
}

void EventQueue::push(Ns when, Callback fn, std::uint64_t tie_key) {
  const std::uint32_t slot = store(std::move(fn));
  heap_push(Entry{time_and_key(when, tie_key), next_seq_++, slot});
}

void EventQueue::push_reserved(Ns when, Callback fn, std::uint64_t seq) {
  const std::uint32_t slot = store(std::move(fn));
  heap_push(Entry{time_and_key(when, 0), seq, slot});
}

Ns EventQueue::pop(Callback* fn) {
  const Entry top = heap_pop();
  *fn = std::move(slots_[top.slot]);
  free_slots_.push_back(top.slot);
  return top.when();
}

std::uint32_t EventQueue::pop_slot(Ns* when) {
  const Entry top = heap_pop();
  *when = top.when();
  return top.slot;
}

void EventQueue::run_slot(std::uint32_t slot) {
  Callback& fn = slots_[slot];
  fn();
  fn = nullptr;  // its captures die now, as a moved-out callback's would
  free_slots_.push_back(slot);
}

}  // namespace twsim
