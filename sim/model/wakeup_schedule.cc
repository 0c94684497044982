#include "sim/model/wakeup_schedule.h"

#include <algorithm>
#include <cassert>

namespace twsim {

void WakeupSchedule::add(Ns delay, int worker, int kind) {
  assert(!committed_);
  entries_.push_back(
      Entry{ctx_->now() + delay, static_cast<std::uint32_t>(entries_.size()), worker, kind});
}

void WakeupSchedule::commit() {
  assert(!committed_);
  committed_ = true;
  // The queue pops same-time key-0 events in push order: time, then order.
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return a.when != b.when ? a.when < b.when : a.order < b.order;
  });
  first_seq_ = ctx_->reserve_seqs(entries_.size());
  push_next();
}

void WakeupSchedule::push_next() {
  if (next_ == entries_.size()) {
    entries_.clear();
    entries_.shrink_to_fit();
    return;
  }
  const Entry& e = entries_[next_];
  ctx_->at_reserved(
      e.when,
      [this] {
        const Entry fired = entries_[next_++];
        push_next();  // its seq is reserved: pushing first changes no order
        fire_(target_, fired.worker, fired.kind);
      },
      first_seq_ + e.order);
}

}  // namespace twsim
