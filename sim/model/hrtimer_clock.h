// When one CPU's watchdog hrtimer actually fires (docs/kernel-facts.md rule 8). The
// timer is armed on a fixed grid phase + k * period (hrtimer_forward_now keeps
// the grid). An expiry that falls inside an interrupts-off stretch [a, b)
// stays pending and fires once, at b, when interrupts come back on; several
// expiries in one stretch collapse into that one firing, and the next expiry is
// the first grid point after b. Each firing increments hrtimer_interrupts.
#ifndef TWSIM_MODEL_HRTIMER_CLOCK_H_
#define TWSIM_MODEL_HRTIMER_CLOCK_H_

#include <cstdint>
#include <vector>

#include "sim/core/time.h"
#include "sim/model/cpu_activity.h"

namespace twsim {

class HrtimerClock {
 public:
  // `irq_off` must be sorted and non-overlapping and outlive the clock.
  HrtimerClock(Ns phase, Ns period, const std::vector<IrqOffStretch>* irq_off)
      : phase_(phase), period_(period), irq_off_(irq_off) {}

  // The first firing strictly after t.
  Ns next_firing_after(Ns t) const;
  // The last grid point at or before t (where the timer would fire if
  // interrupts were on).
  Ns grid_at_or_before(Ns t) const;
  // Number of firings in [0, t) (the count hrtimer_interrupts gained since 0).
  std::int64_t firings_before(Ns t) const;

  Ns period() const { return period_; }

 private:
  // The stretch containing t (start <= t < end), or nullptr.
  const IrqOffStretch* stretch_at(Ns t) const;

  Ns phase_;
  Ns period_;
  const std::vector<IrqOffStretch>* irq_off_;
};

// floor(a / b) for b > 0 and any sign of a.
inline Ns floor_div(Ns a, Ns b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace twsim

#endif  // TWSIM_MODEL_HRTIMER_CLOCK_H_
