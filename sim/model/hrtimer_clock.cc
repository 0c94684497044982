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
  const Ns g = grid_at_or_before(t) + period_;
  const IrqOffStretch* s = stretch_at(g);
  return s ? s->end : g;
}

std::int64_t HrtimerClock::firings_before(Ns t) const {
  if (t <= 0) return 0;
  // Grid points in [0, t), minus the ones that collapsed into a shared firing.
  auto grid_count = [&](Ns lo, Ns hi) -> std::int64_t {  // grid points in [lo, hi)
    if (hi <= lo) return 0;
    return floor_div(hi - 1 - phase_, period_) - floor_div(lo - 1 - phase_, period_);
  };
  std::int64_t n = grid_count(0, t);
  for (const IrqOffStretch& s : *irq_off_) {
    if (s.start >= t) break;
    const Ns lo = std::max<Ns>(s.start, 0);
    const std::int64_t inside = grid_count(lo, s.end);
    if (inside == 0) continue;
    // Those expiries fire once, at s.end, and only count if s.end < t.
    n -= grid_count(lo, std::min(s.end, t));
    if (s.end < t) n += 1;
  }
  return n;
}

}  // namespace twsim
