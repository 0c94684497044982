#include "sim/core/simulator.h"

#include <string>
#include <utility>

#include "sim/core/fast_forward.h"
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

Simulator::Simulator() : lane_on_(fast_forward_enabled()) {}

void Simulator::at(Ns when, EventQueue::Callback fn, std::uint64_t tie_key) {
  check_not_past(when, now_);
  if (lane_on_ && when == now_ && tie_key == 0) {
    now_lane_.push_back(NowEvent{queue_.reserve_seqs(1), std::move(fn)});
    return;
  }
  queue_.push(when, std::move(fn), tie_key);
}

void Simulator::at_reserved(Ns when, EventQueue::Callback fn, std::uint64_t seq) {
  check_not_past(when, now_);
  queue_.push_reserved(when, std::move(fn), seq);
}

void Simulator::check_stop() const {
  if (stop_ != nullptr && (events_run_ & 1023) == 0 && stop_->load(std::memory_order_relaxed)) {
    throw RunStopped{};
  }
}

void Simulator::step_in_closed_form(Ns when) {
  check_not_past(when, now_);
  check_invariant(
      when == now_ || now_lane_.empty(), "closed form", now_,
      [&] { return "an event computed for t=" + std::to_string(when) + " ns"; },
      [] { return std::string("events queued for now would run after it"); });
  now_ = when;
  ++events_run_;
  check_stop();
}

bool Simulator::lane_first() const {
  return queue_.empty() || !queue_.top_fires_before(now_, 0, now_lane_.front().seq);
}

void Simulator::run_lane_head() {
  // Moved out first: the callback may add to the lane.
  EventQueue::Callback fn = std::move(now_lane_.front().fn);
  now_lane_.pop_front();
  ++events_run_;
  fn();
}

void Simulator::run_heap_top() {
  Ns when;
  const std::uint32_t slot = queue_.pop_slot(&when);
  check_invariant(
      when >= now_, "monotone time", now_,
      [&] { return "popping event " + std::to_string(events_run_ + 1); },
      [&] { return "the queue returned an event for t=" + std::to_string(when) + " ns"; });
  now_ = when;
  ++events_run_;
  queue_.run_slot(slot);
}

void Simulator::run_until(Ns end) {
  run_end_ = end;
  for (;;) {
    if (!now_lane_.empty() && now_ <= end && lane_first()) {
      run_lane_head();
    } else if (!queue_.empty() && queue_.next_time() <= end) {
      run_heap_top();
    } else {
      break;
    }
    check_stop();
  }
}

}  // namespace twsim
