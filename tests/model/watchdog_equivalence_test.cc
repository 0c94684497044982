// run_detectors() (the fast, windowed evaluation) against reference_detectors()
// (a brute-force replay of every timer event of every CPU) on random activity.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/core/random.h"
#include "sim/model/hrtimer_clock.h"
#include "sim/model/watchdog.h"
#include "tests/model/watchdog_reference.h"

namespace twsim {
namespace {

constexpr std::uint64_t kSeed = 20260517;
constexpr Ns kSec = kNsPerSec;

struct Case {
  ScenarioConfig scenario;
  CpuActivities activity;
};

// One stretch length: short (sub-second), medium (1-10 s) or long (10-60 s),
// half of the time scaled with the threshold so every threshold sees lengths
// around its own detection windows.
Ns draw_length(RandomStream& r, int thresh) {
  Ns len = 0;
  switch (r.below(3)) {
    case 0:
      len = r.between(100 * kNsPerUs, kSec);
      break;
    case 1:
      len = r.between(kSec, 10 * kSec);
      break;
    default:
      len = r.between(10 * kSec, 60 * kSec);
      break;
  }
  if (r.below(2) == 0) len = len * thresh / 10;
  return std::max<Ns>(len, 1);
}

Ns draw_gap(RandomStream& r) {
  switch (r.below(10)) {
    case 0:
      return 0;  // the next lock call right at the unlock
    case 1:
    case 2:
    case 3:
      return r.between(1, 50 * kNsPerMs);
    default:
      return r.between(kSec, 40 * kSec);
  }
}

CpuActivity draw_cpu(RandomStream& r, int thresh, Ns horizon) {
  CpuActivity a;
  const int k = static_cast<int>(r.below(7));
  Ns t = r.below(10) == 0 ? 0 : r.between(0, 30 * kSec);
  for (int i = 0; i < k && t < horizon; ++i) {
    Ns end = t + draw_length(r, thresh);
    if (end > horizon) {
      if (r.below(2) == 0) break;
      end = horizon;  // still open at the horizon, closed there by the run
    }
    a.irq_off.push_back(IrqOffStretch{t, end, 0, Role::kWorker});
    t = end + draw_gap(r);
  }
  // Sometimes a cancel loop: many short acquisitions close together.
  if (r.below(4) == 0) {
    const int m = static_cast<int>(r.between(20, 300));
    const Ns max_len = r.below(2) == 0 ? 50 * kNsPerMs : 2 * kSec;
    for (int i = 0; i < m && t < horizon; ++i) {
      const Ns end = std::min(horizon, t + r.between(1, max_len));
      a.irq_off.push_back(IrqOffStretch{t, end, 0, Role::kSubmitter});
      t = end + (r.below(5) == 0 ? 0 : r.between(1, 20 * kNsPerMs));
    }
  }
  // The spans without a scheduling point: groups of consecutive stretches
  // (with the loop around them), most stretches covered.
  Ns free_from = 0;
  for (std::size_t i = 0; i < a.irq_off.size();) {
    std::size_t j = i;
    while (j + 1 < a.irq_off.size() && r.below(5) < 3) ++j;
    const Ns next = j + 1 < a.irq_off.size() ? a.irq_off[j + 1].start : horizon;
    if (r.below(10) != 0) {
      const Ns room_before = a.irq_off[i].start - free_from;
      const Ns room_after = next - a.irq_off[j].end;
      const Ns pre = r.below(3) == 0 ? 0 : r.between(0, room_before);
      const Ns post = r.below(3) == 0 ? 0 : r.between(0, room_after);
      a.no_sched.push_back(ThreadSpan{{a.irq_off[i].start - pre, a.irq_off[j].end + post}});
      free_from = a.irq_off[j].end + post;
    } else {
      free_from = a.irq_off[j].end;
    }
    i = j + 1;
  }
  // Sometimes a loop that never schedules and keeps interrupts on.
  if (r.below(3) == 0) {
    const Ns start = free_from + r.between(0, 20 * kSec);
    const Ns end = std::min(horizon, start + draw_length(r, thresh));
    if (start < end) a.no_sched.push_back(ThreadSpan{{start, end}});
  }
  return a;
}

Case draw_case(RandomStream& r) {
  Case c;
  KernelConfig& k = c.scenario.kernel;
  static constexpr int kThresholds[] = {1, 4, 10, 30};
  k.watchdog_thresh_s = kThresholds[r.below(4)];
  k.preempt = static_cast<Preempt>(r.below(4));
  k.hardlockup_detector = static_cast<HardlockupDetector>(r.below(4));
  k.softlockup_detector = r.below(8) != 0;
  static constexpr double kRcu[] = {3, 21, 26, 60};
  k.rcu_stall_timeout_s = kRcu[r.below(4)];
  // nominal / actual: 1, 2.0/3.5 (turbo), 0.8 (raw period = min spacing),
  // 1.25 (below nominal), and rarely 0.1 and 0.05 (stride 8, and the 10th
  // early NMI accepted).
  static constexpr std::pair<double, double> kClocks[] = {{2.1, 2.1}, {2.0, 3.5}, {2.0, 2.5},
                                                          {2.5, 2.0}, {2.1, 2.1}, {2.0, 3.5},
                                                          {0.2, 2.0}, {0.1, 2.0}};
  const auto [nominal, actual] = kClocks[r.below(8)];
  c.scenario.machine.nominal_ghz = nominal;
  c.scenario.machine.actual_ghz = actual;
  c.scenario.horizon_s = static_cast<double>(r.between(200'000, 600'000)) / 1000;
  const int cpus = static_cast<int>(r.between(1, 6));
  c.scenario.machine.cpus = cpus;
  const Ns horizon = seconds_to_ns(c.scenario.horizon_s);
  for (int i = 0; i < cpus; ++i) c.activity.push_back(draw_cpu(r, k.watchdog_thresh_s, horizon));
  return c;
}

std::string describe(const DetectorInput& in) {
  std::ostringstream os;
  os << "thresh " << in.kernel.watchdog_thresh_s << " preempt "
     << static_cast<int>(in.kernel.preempt) << " detector "
     << static_cast<int>(in.kernel.hardlockup_detector) << " soft " << in.kernel.softlockup_detector
     << " rcu " << in.timing.rcu_timeout_ns << " nmi_period " << in.timing.nmi_period_ns
     << " accepted " << in.timing.nmi_accepted_period_ns << " offset " << in.clock_offset_ns
     << " horizon " << in.horizon_ns << "\n";
  for (std::size_t c = 0; c < in.activity->size(); ++c) {
    const CpuActivity& a = (*in.activity)[c];
    os << " cpu " << c << " hrtimer_phase " << in.phases[c].hrtimer_phase_ns << " nmi_phase "
       << in.phases[c].nmi_phase_ns << " residue " << in.phases[c].count_residue << "\n   irq_off";
    for (const auto& s : a.irq_off) os << " [" << s.start << "," << s.end << ")";
    os << "\n   no_sched";
    for (const auto& s : a.no_sched) os << " [" << s.start << "," << s.end << ")";
    os << "\n";
  }
  return os.str();
}

std::string describe(const std::vector<DetectorReport>& v) {
  std::ostringstream os;
  for (const auto& r : v) {
    os << "  kind " << static_cast<int>(r.kind) << " at " << r.at_ns << " cpu " << r.cpu
       << " checker " << r.checker_cpu << " stuck " << r.stuck_ns << "\n";
  }
  return os.str();
}

// (at, cpu, kind, checker, stuck for soft lockups only), in canonical order.
using Key = std::tuple<Ns, int, int, int, Ns>;
std::vector<Key> keys(const std::vector<DetectorReport>& v) {
  std::vector<Key> out;
  for (const auto& r : v) {
    out.emplace_back(r.at_ns, r.cpu, static_cast<int>(r.kind), r.checker_cpu,
                     r.kind == ReportKind::kSoftLockup ? r.stuck_ns : 0);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The reports of a whose key is not among b's.
std::vector<DetectorReport> difference(const std::vector<DetectorReport>& a,
                                       const std::vector<DetectorReport>& b) {
  const std::vector<Key> kb = keys(b);
  std::vector<DetectorReport> out;
  for (const auto& r : a) {
    if (!std::binary_search(kb.begin(), kb.end(), keys({r}).front())) out.push_back(r);
  }
  return out;
}

// Unless run_detectors (`fast`) and the reference replay (`ref`) report the
// same for `in`, adds a failure naming case `i` and what each reported alone.
// Returns whether they agreed.
bool expect_same_reports(int i, const DetectorInput& in, const std::vector<DetectorReport>& fast,
                         const std::vector<DetectorReport>& ref) {
  if (keys(fast) == keys(ref)) return true;
  ADD_FAILURE() << "case " << i << "\n"
                << describe(in) << "only in run_detectors:\n"
                << describe(difference(fast, ref)) << "only in the reference:\n"
                << describe(difference(ref, fast));
  return false;
}

TEST(WatchdogEquivalenceTest, FilteredNmisFormTheAcceptedLattice) {
  // watchdog_check_timestamp replayed on the raw lattice gives accepted NMIs
  // exactly nmi_accepted_period_ns apart, on the lattice of nmi_phase_ns.
  RandomStream r(kSeed, 0, "nmi-lattice");
  for (int thresh : {1, 2, 4, 5, 7, 10, 13, 30, 60}) {
    for (double ratio :
         {1.0, 2.0 / 3.5, 0.8, 1.25, 0.5, 0.3, 0.1, 0.09, 0.05, 0.8000001, 0.7999999, 2.0, 3.0}) {
      KernelConfig k;
      k.watchdog_thresh_s = thresh;
      MachineConfig m;
      m.nominal_ghz = 2.0 * ratio;
      m.actual_ghz = 2.0;
      const WatchdogTiming tm = WatchdogTiming::from(k, m);
      const Ns phase = r.between(0, tm.nmi_accepted_period_ns - 1);
      const Ns from = -200 * kSec, to = 700 * kSec;
      const std::vector<Ns> accepted = reference_accepted_nmis(tm, phase, from, to);
      std::vector<Ns> lattice;
      for (Ns t = phase +
                  floor_div(from - phase, tm.nmi_accepted_period_ns) * tm.nmi_accepted_period_ns;
           t < to; t += tm.nmi_accepted_period_ns) {
        if (t >= from) lattice.push_back(t);
      }
      EXPECT_EQ(accepted, lattice) << "thresh " << thresh << " ratio " << ratio << " raw "
                                   << tm.nmi_period_ns << " accepted " << tm.nmi_accepted_period_ns;
    }
  }
}

TEST(WatchdogEquivalenceTest, HrtimerClockMatchesTheGridReplay) {
  RandomStream r(kSeed, 0, "hrtimer-clock");
  int compared = 0;
  for (int i = 0; i < 300; ++i) {
    const int thresh = std::vector<int>{1, 4, 10, 30}[r.below(4)];
    const Ns period = Ns{2} * thresh * kSec / 5;
    const Ns phase = r.between(0, period - 1);
    const Ns horizon = r.between(200, 600) * kSec;
    CpuActivity a = draw_cpu(r, thresh, horizon);
    if (i % 2 == 1) {  // boundaries on grid points, some stretches adjacent
      Ns floor = 0;
      for (IrqOffStretch& s : a.irq_off) {
        auto snap = [&](Ns t) {
          return r.below(2) == 0 ? t : phase + floor_div(t - phase, period) * period;
        };
        s.start = std::max(floor, snap(s.start));
        s.end = std::max(s.start, snap(s.end));
        floor = r.below(4) == 0 ? s.end : s.end + 1;
      }
    }
    const HrtimerClock clock(phase, period, &a.irq_off);
    const std::vector<Ns> firings =
        reference_hrtimer_firings(phase, period, a.irq_off, -100 * kSec, horizon + 200 * kSec);
    std::vector<Ns> probes;
    for (int j = 0; j < 50; ++j) probes.push_back(r.between(0, horizon));
    for (const auto& s : a.irq_off) {
      for (Ns t : {s.start, s.end, s.start - 1, s.end - 1, s.start + 1, s.end + 1}) {
        probes.push_back(t);
      }
    }
    for (Ns f : firings) {
      if (f >= 0 && f < horizon) probes.push_back(f);
    }
    for (Ns t : probes) {
      if (t < 0) continue;
      const Ns next = *std::upper_bound(firings.begin(), firings.end(), t);
      const auto before = std::lower_bound(firings.begin(), firings.end(), t) -
                          std::lower_bound(firings.begin(), firings.end(), Ns{0});
      ++compared;
      ASSERT_EQ(clock.next_firing_after(t), next)
          << "t " << t << " phase " << phase << " period " << period << "\n"
          << [&] {
               std::ostringstream os;
               for (const auto& s : a.irq_off) os << " [" << s.start << "," << s.end << ")";
               return os.str();
             }();
      ASSERT_EQ(clock.firings_before(t), before) << "t " << t;
    }
  }
  EXPECT_GT(compared, 10000);
}

TEST(WatchdogEquivalenceTest, FastEvaluationEqualsTheReplay) {
  RandomStream r(kSeed, 0, "cases");
  int mismatches = 0;
  // Reports by kind: hard lockups per HardlockupDetector value (0-2), then
  // soft lockups (4) and RCU stalls (5); 3 (kOff) never reports.
  int count[6] = {};
  for (int i = 0; i < 500; ++i) {
    const Case c = draw_case(r);
    const DetectorInput in = make_detector_input(c.activity, c.scenario, kSeed, i);
    const std::vector<DetectorReport> fast = run_detectors(in);
    const std::vector<DetectorReport> ref = reference_detectors(in);
    for (std::size_t j = 1; j < fast.size(); ++j) {
      ASSERT_LE(std::tie(fast[j - 1].at_ns, fast[j - 1].cpu), std::tie(fast[j].at_ns, fast[j].cpu))
          << "run_detectors output not in (time, cpu) order, case " << i;
    }
    if (!expect_same_reports(i, in, fast, ref) && ++mismatches >= 5) return;
    for (const auto& rep : ref) {
      const int k = rep.kind == ReportKind::kHardLockup
                        ? static_cast<int>(in.kernel.hardlockup_detector)
                        : 3 + static_cast<int>(rep.kind);
      ++count[k];
    }
  }
  // The cases exercise every detector: hard lockups by perf, buddy and
  // legacy buddy, soft lockups, RCU stalls.
  for (int k = 0; k < 6; ++k) {
    if (k == static_cast<int>(HardlockupDetector::kOff)) continue;
    EXPECT_GT(count[k], 100) << "report kind " << k;
  }
}

// Moves stretch and span boundaries onto the detectors' own instants (hrtimer
// grid points of the CPU and of its predecessor, accepted NMIs, timestamp unit
// boundaries), so events coincide to the nanosecond.
void snap_to_timer_instants(const DetectorInput& in, RandomStream& r, CpuActivities* activity) {
  const int n = static_cast<int>(activity->size());
  const Ns tick = in.timing.sample_period_ns;
  const Ns unit = Ns{1} << 30;
  for (int c = 0; c < n; ++c) {
    auto snap = [&](Ns t) -> Ns {
      if (r.below(3) != 0) return t;
      Ns phase = 0, period = 1;
      switch (r.below(4)) {
        case 0:
          phase = in.phases[c].hrtimer_phase_ns;
          period = tick;
          break;
        case 1:
          phase = in.phases[(c + n - 1) % n].hrtimer_phase_ns;
          period = tick;
          break;
        case 2:
          phase = in.phases[c].nmi_phase_ns;
          period = in.timing.nmi_accepted_period_ns;
          break;
        default:
          phase = -in.clock_offset_ns;
          period = unit;
          break;
      }
      return std::max<Ns>(0,
                          phase + floor_div(t - phase, period) * period + r.between(0, 1) * period);
    };
    CpuActivity& a = (*activity)[c];
    Ns floor = 0;
    std::vector<IrqOffStretch> irq_off;
    for (IrqOffStretch s : a.irq_off) {
      s.start = std::max(floor, std::min(snap(s.start), in.horizon_ns));
      s.end = std::max(s.start, std::min(snap(s.end), in.horizon_ns));
      floor = s.end;
      if (s.end > s.start) irq_off.push_back(s);
    }
    a.irq_off = irq_off;
    for (TimeSpan& s : a.no_sched) {
      s.start = std::min(snap(s.start), in.horizon_ns);
      s.end = std::max(s.start, std::min(snap(s.end), in.horizon_ns));
    }
    std::sort(a.no_sched.begin(), a.no_sched.end(),
              [](const TimeSpan& x, const TimeSpan& y) { return x.start < y.start; });
  }
}

TEST(WatchdogEquivalenceTest, FastEvaluationEqualsTheReplayWhenEventsCoincide) {
  RandomStream r(kSeed, 0, "coinciding cases");
  int mismatches = 0;
  for (int i = 0; i < 500; ++i) {
    Case c = draw_case(r);
    const DetectorInput in = make_detector_input(c.activity, c.scenario, kSeed, 1000 + i);
    snap_to_timer_instants(in, r, &c.activity);
    const std::vector<DetectorReport> fast = run_detectors(in);
    const std::vector<DetectorReport> ref = reference_detectors(in);
    if (!expect_same_reports(i, in, fast, ref) && ++mismatches >= 8) return;
  }
}

}  // namespace
}  // namespace twsim
