#include "sim/core/simulator.h"

#include <algorithm>
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

Simulator::Simulator() {
  if (fast_forward_enabled()) lanes_.resize(1);  // lane 0: events for now()
}

void Simulator::add_delay_lane(Ns delay) {
  if (lanes_.empty() || delay <= 0) return;
  for (const Lane& lane : lanes_) {
    if (lane.delay == delay) return;
  }
  lanes_.emplace_back().delay = delay;
}

void Simulator::at(Ns when, EventQueue::Callback fn, std::uint64_t tie_key) {
  check_not_past(when, now_);
  if (tie_key == 0) {
    for (Lane& lane : lanes_) {
      if (now_ + lane.delay == when) {
        lane.events.push_back(LaneEvent{when, queue_.reserve_seqs(1), std::move(fn)});
        return;
      }
    }
  }
  queue_.push(when, std::move(fn), tie_key);
}

void Simulator::at_reserved(Ns when, EventQueue::Callback fn, std::uint64_t seq) {
  check_not_past(when, now_);
  queue_.push_reserved(when, std::move(fn), seq);
}

std::size_t Simulator::pending() const {
  std::size_t n = queue_.size();
  for (const Lane& lane : lanes_) n += lane.events.size();
  return n;
}

Ns Simulator::next_event_time() const {
  Ns next = queue_.empty() ? kNever : queue_.next_time();
  for (const Lane& lane : lanes_) {
    if (!lane.events.empty()) next = std::min(next, lane.events.front().when);
  }
  return next;
}

void Simulator::check_stop() const {
  if (stop_ != nullptr && (events_run_ & 1023) == 0 && stop_->load(std::memory_order_relaxed)) {
    throw RunStopped{};
  }
}

void Simulator::step_in_closed_form(Ns when) {
  check_not_past(when, now_);
  // Events for now() must run first. (The model computes only up to the
  // earliest queued event, next_event_time(); that is not checked here, as
  // for the heap, since it runs millions of times.)
  check_invariant(
      lanes_.empty() || lanes_[0].events.empty() || when == now_, "closed form", now_,
      [&] { return "an event computed for t=" + std::to_string(when) + " ns"; },
      [] { return std::string("events queued for now would run after it"); });
  now_ = when;
  ++events_run_;
  check_stop();
}

Simulator::Lane* Simulator::earliest_lane() {
  Lane* first = nullptr;
  for (Lane& lane : lanes_) {
    if (lane.events.empty()) continue;
    const LaneEvent& e = lane.events.front();
    if (first == nullptr || e.when < first->events.front().when ||
        (e.when == first->events.front().when && e.seq < first->events.front().seq)) {
      first = &lane;
    }
  }
  return first;
}

void Simulator::run_lane_front(Lane* lane) {
  LaneEvent& e = lane->events.front();
  now_ = e.when;
  // Moved out first: the callback may add to the lane.
  EventQueue::Callback fn = std::move(e.fn);
  lane->events.pop_front();
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
    Lane* lane = earliest_lane();
    // A lane's front runs before the heap's top unless that top is earlier,
    // or at the same time with key 0 and an earlier number.
    const bool lane_next =
        lane != nullptr && (queue_.empty() || !queue_.top_fires_before(lane->events.front().when, 0,
                                                                       lane->events.front().seq));
    if (lane_next) {
      if (lane->events.front().when > end) break;
      run_lane_front(lane);
    } else if (!queue_.empty() && queue_.next_time() <= end) {
      run_heap_top();
    } else {
      break;
    }
    check_stop();
  }
}

}  // namespace twsim
