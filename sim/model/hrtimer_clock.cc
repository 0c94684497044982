#include "sim/model/hrtimer_clock.h"

#include <algorithm>

namespace twsim {

const IrqOffStretch* HrtimerClock::stretch_at(Ns t) const {
  const auto& v = *irq_off_;
  // First stretch starting after t; the one before it may contain t.
  auto it = std::upper_bound(v.begin(), v.end(), t,
                             [](Ns x, const IrqOffStretch& s) { return x < s.start; });
  if (it == v.begin()) return nullptr;
  --it;
  return t < it->end ? &*it : nullptr;
}

Ns HrtimerClock::grid_at_or_before(Ns t) const {
  return phase_ + floor_div(t - phase_, period_) * period_;
}

Ns HrtimerClock::next_firing_after(Ns t) const {
  // t inside a stretch, after an expiry in it: that one is pending and fires
  // at the stretch's end, before the next grid point (unless a firing right
  // at the stretch's start, at the end of an adjacent one, consumed it).
  if (const IrqOffStretch* s = stretch_at(t)) {
    const Ns last = grid_at_or_before(t);
    if (last > s->start || (last == s->start && next_firing_after(s->start - 1) != s->start)) {
      return s->end;
    }
  }
  const Ns g = grid_at_or_before(t) + period_;
  const IrqOffStretch* s = stretch_at(g);
  return s ? s->end : g;
}

std::int64_t HrtimerClock::firings_before(Ns t) const {
  if (t <= 0) return 0;
  auto grid_count = [&](Ns lo, Ns hi) -> std::int64_t {  // grid points in [lo, hi)
    if (hi <= lo) return 0;
    return floor_div(hi - 1 - phase_, period_) - floor_div(lo - 1 - phase_, period_);
  };
  // Grid points before `from` were consumed by an earlier firing.
  Ns from = INT64_MIN;
  std::int64_t n = 0;
  for (const IrqOffStretch& s : *irq_off_) {
    if (s.start >= t) break;
    n += grid_count(std::max<Ns>(from, 0), s.start);  // on time, interrupts on
    if (grid_count(std::max(from, s.start), s.end) > 0) {
      // They collapse into one firing at s.end, which also consumes a grid
      // point right at s.end; it counts if it is in [0, t).
      if (s.end >= 0 && s.end < t) ++n;
      from = s.end + 1;
    } else {
      from = std::max(from, s.end);
    }
  }
  return n + grid_count(std::max<Ns>(from, 0), t);
}

}  // namespace twsim
