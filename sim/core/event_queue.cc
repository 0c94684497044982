#include "sim/core/event_queue.h"

#include <utility>

namespace twsim {

void EventQueue::push(Ns when, Callback fn, std::uint64_t tie_key) {
  heap_.push(Entry{when, tie_key, next_seq_++, std::move(fn)});
}

Ns EventQueue::pop(Callback* fn) {
  const Entry& top = heap_.top();
  Ns when = top.when;
  *fn = std::move(top.fn);
  heap_.pop();
  return when;
}

}  // namespace twsim
