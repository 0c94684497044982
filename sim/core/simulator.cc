#include "sim/core/simulator.h"

#include <string>
#include <utility>

#include "sim/core/invariant.h"

namespace twsim {

namespace {

void check_not_past(Ns when, Ns now) {
  check_invariant(
      when >= now, "monotone time", now,
      [&] { return "scheduling an event for t=" + std::to_string(when) + " ns"; },
      [] { return std::string("an event may not be scheduled before the current time"); });
}

}  // namespace

void Simulator::at(Ns when, EventQueue::Callback fn, std::uint64_t tie_key) {
  check_not_past(when, now_);
  queue_.push(when, std::move(fn), tie_key);
}

void Simulator::at_reserved(Ns when, EventQueue::Callback fn, std::uint64_t seq) {
  check_not_past(when, now_);
  queue_.push_reserved(when, std::move(fn), seq);
}

void Simulator::count_event() {
  ++events_run_;
  if (stop_ != nullptr && (events_run_ & 1023) == 0 && stop_->load(std::memory_order_relaxed)) {
    throw RunStopped{};
  }
}

void Simulator::step_in_closed_form(Ns when) {
  check_not_past(when, now_);
  now_ = when;
  count_event();
}

void Simulator::run_until(Ns end) {
  run_end_ = end;
  while (!queue_.empty() && queue_.next_time() <= end) {
    Ns when;
    const std::uint32_t slot = queue_.pop_slot(&when);
    check_invariant(
        when >= now_, "monotone time", now_,
        [&] { return "popping event " + std::to_string(events_run_ + 1); },
        [&] { return "the queue returned an event for t=" + std::to_string(when) + " ns"; });
    now_ = when;
    ++events_run_;
    queue_.run_slot(slot);
    if (stop_ != nullptr && (events_run_ & 1023) == 0 && stop_->load(std::memory_order_relaxed)) {
      throw RunStopped{};
    }
  }
}

}  // namespace twsim
