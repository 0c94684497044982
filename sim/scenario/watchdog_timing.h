// The lockup detectors' timing, derived from a kernel + machine configuration
// (docs/kernel-facts.md §4.1), and the window of interrupts-off stretch
// lengths in which the hard-lockup detector may or may not report
// (docs/kernel-facts.md §4.6). sim/model/watchdog.cc replays the detectors
// from these; the results table and summary.csv compare a point's worst
// stretches with the window.
#ifndef TWSIM_SCENARIO_WATCHDOG_TIMING_H_
#define TWSIM_SCENARIO_WATCHDOG_TIMING_H_

#include <algorithm>
#include <cmath>

#include "sim/core/time.h"
#include "sim/scenario/config.h"

namespace twsim {

struct WatchdogTiming {
  Ns sample_period_ns;    // hrtimer period: 2 * thresh / 5 (set_sample_period)
  Ns nmi_period_ns;       // perf event period: thresh * nominal / actual (hw_nmi_get_sample_period)
  Ns nmi_min_spacing_ns;  // 2 * sample_period (watchdog_update_hrtimer_threshold)
  Ns nmi_accepted_period_ns;  // spacing of accepted NMIs (derived from the two above)
  int soft_thresh_units;      // 2 * thresh (get_softlockup_thresh), in 2^30-ns units
  Ns rcu_timeout_ns;

  static WatchdogTiming from(const KernelConfig& kernel, const MachineConfig& machine) {
    WatchdogTiming t;
    t.sample_period_ns = Ns{2} * kernel.watchdog_thresh_s * kNsPerSec / 5;
    t.nmi_period_ns = static_cast<Ns>(std::llround(static_cast<double>(kernel.watchdog_thresh_s) *
                                                   1e9 * machine.nominal_ghz / machine.actual_ghz));
    t.nmi_min_spacing_ns = 2 * t.sample_period_ns;
    // After an accepted NMI, the j-th next one is accepted, j the first with
    // j * period >= min spacing, or the 10th early one (nmi_rearmed).
    const Ns j = (t.nmi_min_spacing_ns + t.nmi_period_ns - 1) / t.nmi_period_ns;
    t.nmi_accepted_period_ns = std::clamp<Ns>(j, 1, 10) * t.nmi_period_ns;
    t.soft_thresh_units = 2 * kernel.watchdog_thresh_s;
    t.rcu_timeout_ns = seconds_to_ns(kernel.rcu_stall_timeout_s);
    return t;
  }
};

// A single interrupts-off stretch of length L on a CPU is never reported as a
// hard lockup if L <= never_ns and always reported if L >= always_ns,
// whatever the detector's phase (docs/kernel-facts.md §4.6):
//  perf          never <= P_acc - sample period (the check before the stretch
//                saw the last hrtimer firing, up to one period old), always
//                >= 2 P_acc (two accepted NMIs inside it);
//  buddy (7.1+)  checks every sample period, reports on the 3rd miss: never
//                <= 2 periods, always >= 4;
//  buddy-legacy  checks every 3rd period, reports on the 1st miss: never
//                <= 2 periods, always >= 6.
// Only the perf window moves with the clock (nominal vs actual GHz).
struct HardLockupWindow {
  bool enabled = false;  // false: hardlockup_detector "off"
  Ns never_ns = 0;
  Ns always_ns = 0;
};

inline HardLockupWindow hard_lockup_window(const KernelConfig& kernel,
                                           const MachineConfig& machine) {
  const WatchdogTiming t = WatchdogTiming::from(kernel, machine);
  switch (kernel.hardlockup_detector) {
    case HardlockupDetector::kPerf:
      return {true, t.nmi_accepted_period_ns - t.sample_period_ns, 2 * t.nmi_accepted_period_ns};
    case HardlockupDetector::kBuddy:
      return {true, 2 * t.sample_period_ns, 4 * t.sample_period_ns};
    case HardlockupDetector::kBuddyLegacy:
      return {true, 2 * t.sample_period_ns, 6 * t.sample_period_ns};
    case HardlockupDetector::kOff:
      break;
  }
  return {};
}

}  // namespace twsim

#endif  // TWSIM_SCENARIO_WATCHDOG_TIMING_H_
