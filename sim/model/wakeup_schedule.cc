#include "sim/model/wakeup_schedule.h"

#include <algorithm>
#include <cassert>

#include "sim/core/fast_forward.h"

namespace twsim {

void WakeupSchedule::sort_by_time_then_order(std::vector<Entry>* entries) {
  // They are in add order, so a stable sort by time alone leaves same-time
  // entries in order: a radix sort of when - earliest, a byte at a time over
  // the bytes the spread needs (the jitter spans 50 us: 2 or 3 passes, where
  // a comparison sort took 9% of a run).
  if (entries->size() < 2) return;
  const auto [lo, hi] =
      std::minmax_element(entries->begin(), entries->end(),
                          [](const Entry& a, const Entry& b) { return a.when < b.when; });
  const Ns earliest = lo->when;
  const auto spread = static_cast<std::uint64_t>(hi->when - earliest);
  std::vector<Entry> out(entries->size());
  for (int shift = 0; shift < 64 && (spread >> shift) != 0; shift += 8) {
    std::size_t start[257] = {};
    const auto digit = [&](const Entry& e) {
      return static_cast<std::size_t>((static_cast<std::uint64_t>(e.when - earliest) >> shift) &
                                      0xff);
    };
    for (const Entry& e : *entries) ++start[digit(e) + 1];
    for (int d = 0; d < 256; ++d) start[d + 1] += start[d];
    for (const Entry& e : *entries) out[start[digit(e)]++] = e;
    entries->swap(out);
  }
}

void WakeupSchedule::add(Ns delay, int worker, int kind) {
  assert(!committed_);
  assert(worker >= 0 && (kind == 0 || kind == 1));
  entries_.push_back(Entry{ctx_->now() + delay, static_cast<std::uint32_t>(entries_.size()),
                           static_cast<std::uint32_t>(worker), static_cast<std::uint32_t>(kind)});
}

void WakeupSchedule::commit() {
  assert(!committed_);
  committed_ = true;
  // The queue pops same-time key-0 events in push order: time, then order.
  sort_by_time_then_order(&entries_);
  first_seq_ = ctx_->reserve_seqs(entries_.size());
  push_next();
}

WakeupSchedule::~WakeupSchedule() { add_fast_forwarded_events(computed_); }

void WakeupSchedule::push_next() {
  if (next_ == entries_.size()) {
    entries_.clear();
    entries_.shrink_to_fit();
    return;
  }
  const Entry& e = entries_[next_];
  ctx_->at_reserved(
      e.when, [this] { fire_from_next(); }, first_seq_ + e.order);
}

void WakeupSchedule::fire_from_next() {
  for (;;) {
    const Entry fired = entries_[next_++];
    fire_(target_, static_cast<int>(fired.worker), static_cast<int>(fired.kind));
    // The next entry would pop next if it comes before everything queued:
    // with fast-forward it runs now, in closed form, instead of queued (its
    // reserved seq would have put it first only among events at its time).
    if (next_ == entries_.size() || !fast_forward_) break;
    const Ns when = entries_[next_].when;
    if (when >= ctx_->next_event_time() || when > ctx_->run_end()) break;
    ctx_->step_in_closed_form(when);
    ++computed_;
  }
  push_next();
}

}  // namespace twsim
