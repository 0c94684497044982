// Closed-form checks of the lockup detectors (docs/kernel-facts.md §4.6): the
// expected windows and probabilities are derived by hand in each test, never
// taken from the model.
//
// Notation (defaults, watchdog_thresh 10): hrtimer tick p = 4 s; accepted NMI
// spacing P_acc = 10 s; L = length of one interrupts-off stretch [S, S + L);
// u in (0, p] = age of the CPU's last hrtimer firing at S (uniform, from the
// random hrtimer phase).
#include "sim/model/watchdog.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "sim/model/hrtimer_clock.h"

namespace twsim {
namespace {

constexpr Ns kSec = kNsPerSec;
constexpr Ns kMs = kNsPerMs;
constexpr Ns kUnit = Ns{1} << 30;  // one get_timestamp() unit, 1.073741824 s
constexpr std::uint64_t kSeed = 4242;
constexpr Ns kStart = 50 * kSec;  // S: long after t = 0, so the detectors are in steady state

ScenarioConfig scenario(int cpus, int thresh, HardlockupDetector detector,
                        Preempt preempt = Preempt::kLazy) {
  ScenarioConfig sc;
  sc.horizon_s = 200;
  sc.machine.cpus = cpus;
  sc.machine.nominal_ghz = 2.1;
  sc.machine.actual_ghz = 2.1;
  sc.kernel.watchdog_thresh_s = thresh;
  sc.kernel.hardlockup_detector = detector;
  sc.kernel.preempt = preempt;
  sc.kernel.softlockup_detector = true;
  sc.kernel.rcu_stall_timeout_s = 21;
  return sc;
}

// `cpus` CPUs; CPU `cpu` has interrupts off (and cannot schedule) over
// [start, start + len); the others are idle.
CpuActivities one_stretch(int cpus, int cpu, Ns start, Ns len) {
  CpuActivities a(cpus);
  a[cpu].irq_off.push_back(IrqOffStretch{start, start + len, 0, Role::kWorker});
  a[cpu].no_sched.push_back(ThreadSpan{{start, start + len}});
  return a;
}

std::vector<DetectorReport> of_kind(const std::vector<DetectorReport>& v, ReportKind kind) {
  std::vector<DetectorReport> out;
  for (const auto& r : v) {
    if (r.kind == kind) out.push_back(r);
  }
  return out;
}

// Runs the detectors in `reps` replications (phases drawn per replication)
// and calls check(replication, input, reports of `kind`) for each.
template <typename Check>
void for_replications(const CpuActivities& activity, const ScenarioConfig& sc, int reps,
                      ReportKind kind, Check check) {
  for (int rep = 0; rep < reps; ++rep) {
    const DetectorInput in = make_detector_input(activity, sc, kSeed, rep);
    check(rep, in, of_kind(run_detectors(in), kind));
  }
}

// Fraction of `reps` replications with at least one report of `kind`.
double fraction_reported(const CpuActivities& activity, const ScenarioConfig& sc, int reps,
                         ReportKind kind) {
  int hits = 0;
  for_replications(
      activity, sc, reps, kind,
      [&](int, const DetectorInput&, const std::vector<DetectorReport>& r) { hits += !r.empty(); });
  return static_cast<double>(hits) / reps;
}

// The last hrtimer grid point strictly before t on `cpu` (its last firing
// before a stretch that starts at t, on an otherwise idle CPU).
Ns last_tick_before(const DetectorInput& in, int cpu, Ns t) {
  const Ns p = in.timing.sample_period_ns, phase = in.phases[cpu].hrtimer_phase_ns;
  return phase + floor_div(t - 1 - phase, p) * p;
}

Ns units(const DetectorInput& in, Ns t) { return floor_div(t + in.clock_offset_ns, kUnit); }

// --- derived timing constants ---------------------------------------------

TEST(WatchdogTimingTest, DefaultsAtNominalClock) {
  const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf);
  const WatchdogTiming t = WatchdogTiming::from(sc.kernel, sc.machine);
  EXPECT_EQ(t.sample_period_ns, 4 * kSec);         // 2 * 10 / 5
  EXPECT_EQ(t.nmi_period_ns, 10 * kSec);           // 10 s of cycles at nominal
  EXPECT_EQ(t.nmi_min_spacing_ns, 8 * kSec);       // 2 * sample_period
  EXPECT_EQ(t.nmi_accepted_period_ns, 10 * kSec);  // 10 >= 8: every NMI accepted
  EXPECT_EQ(t.soft_thresh_units, 20);
  EXPECT_EQ(t.rcu_timeout_ns, 21 * kSec);
}

TEST(WatchdogTimingTest, ThreshSysctlScalesEverything) {
  for (int thresh : {1, 4, 30, 60}) {
    const ScenarioConfig sc = scenario(1, thresh, HardlockupDetector::kPerf);
    const WatchdogTiming t = WatchdogTiming::from(sc.kernel, sc.machine);
    EXPECT_EQ(t.sample_period_ns, thresh * 400 * kMs) << thresh;  // 0.4 thresh
    EXPECT_EQ(t.nmi_period_ns, thresh * kSec) << thresh;
    EXPECT_EQ(t.nmi_min_spacing_ns, thresh * 800 * kMs) << thresh;
    EXPECT_EQ(t.nmi_accepted_period_ns, thresh * kSec) << thresh;
    EXPECT_EQ(t.soft_thresh_units, 2 * thresh) << thresh;
  }
}

TEST(WatchdogTimingTest, TurboShortensTheRawPeriodAndTheFilterDoublesIt) {
  ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf);
  sc.machine.nominal_ghz = 2.0;
  sc.machine.actual_ghz = 3.5;
  const WatchdogTiming t = WatchdogTiming::from(sc.kernel, sc.machine);
  // 10 s * 2.0 / 3.5 = 5.714285714 s < 8 s: every other NMI is filtered out.
  EXPECT_EQ(t.nmi_period_ns, 5'714'285'714);
  EXPECT_EQ(t.nmi_accepted_period_ns, 11'428'571'428);
  // Raw period exactly the minimum spacing (nominal/actual = 0.8): all accepted.
  sc.machine.actual_ghz = 2.5;
  EXPECT_EQ(WatchdogTiming::from(sc.kernel, sc.machine).nmi_accepted_period_ns, 8 * kSec);
  // Below nominal (nominal/actual = 1.25): a longer raw period, all accepted.
  sc.machine.nominal_ghz = 2.5;
  sc.machine.actual_ghz = 2.0;
  EXPECT_EQ(WatchdogTiming::from(sc.kernel, sc.machine).nmi_accepted_period_ns, 12'500'000'000);
}

// --- perf NMI detector -----------------------------------------------------
// A report at accepted NMI A_i needs no firing in (A_{i-1}, A_i]: the first
// grid point after A_{i-1} (at most p later) must lie in the stretch and the
// stretch must outlast A_i, so L > P_acc - p. Conversely the first accepted
// NMI A at or after the last firing S - u is followed by A + P_acc < S + L
// whenever L >= 2 P_acc. With v = A - (S - u) uniform on [0, P_acc), it
// reports iff v + P_acc < L + u, and then at A + P_acc in (S + P_acc - p, S + 2 P_acc).

TEST(WatchdogTest, PerfNeverReportsAStretchOfAtMostPaccMinusTick) {
  const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf);
  for (Ns len : {5'900 * kMs, 6 * kSec}) {  // 6 s = P_acc - p, the bound itself
    const auto activity = one_stretch(1, 0, kStart, len);
    EXPECT_EQ(fraction_reported(activity, sc, 1000, ReportKind::kHardLockup), 0.0) << len;
  }
}

TEST(WatchdogTest, PerfAlwaysReportsAStretchOfTwoPaccOnceWhileItLasts) {
  const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf);
  for (Ns len : {20 * kSec, 20'100 * kMs}) {
    const auto activity = one_stretch(1, 0, kStart, len);
    for_replications(activity, sc, 1000, ReportKind::kHardLockup,
                     [&](int rep, const DetectorInput&, const std::vector<DetectorReport>& r) {
                       ASSERT_EQ(r.size(), 1u) << "replication " << rep << " len " << len;
                       EXPECT_EQ(r[0].cpu, 0);
                       EXPECT_EQ(r[0].checker_cpu, 0);  // the NMI checks its own CPU
                       EXPECT_GT(r[0].at_ns, kStart + 6 * kSec);
                       EXPECT_LT(r[0].at_ns, kStart + 20 * kSec);
                       EXPECT_LT(r[0].at_ns, kStart + len);  // while still spinning
                     });
  }
}

TEST(WatchdogTest, PerfReportsHalfOfThe13SecondStretches) {
  // P(v + 10 < 13 + u) = E[(3 + u) / 10] = (3 + 2) / 10 = 1/2.
  const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf);
  const auto activity = one_stretch(1, 0, kStart, 13 * kSec);
  EXPECT_NEAR(fraction_reported(activity, sc, 2000, ReportKind::kHardLockup), 0.5, 0.05);
}

TEST(WatchdogTest, PerfWithTurboUsesTheAcceptedSpacing) {
  // P_acc = 2 * 10 * 2.0 / 3.5 s = 11.428571428 s: never at L <= P_acc - 4 s,
  // always at L >= 2 P_acc.
  ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf);
  sc.machine.nominal_ghz = 2.0;
  sc.machine.actual_ghz = 3.5;
  const Ns p_acc = 11'428'571'428;
  EXPECT_EQ(fraction_reported(one_stretch(1, 0, kStart, p_acc - 4 * kSec), sc, 1000,
                              ReportKind::kHardLockup),
            0.0);
  EXPECT_EQ(
      fraction_reported(one_stretch(1, 0, kStart, 2 * p_acc), sc, 1000, ReportKind::kHardLockup),
      1.0);
  // So turbo makes the detector less sensitive: 7.4 s stretches sometimes
  // report at nominal clock (7.4 > 10 - 4), never with turbo (7.4 <= 7.43).
  const auto l74 = one_stretch(1, 0, kStart, 7'400 * kMs);
  EXPECT_EQ(fraction_reported(l74, sc, 1000, ReportKind::kHardLockup), 0.0);
  EXPECT_GT(fraction_reported(l74, scenario(1, 10, HardlockupDetector::kPerf), 1000,
                              ReportKind::kHardLockup),
            0.0);
}

// --- buddy detector (7.1+) -------------------------------------------------
// The predecessor b checks at its own ticks (every p, b idle). A report needs
// three consecutive misses: no firing of the target in (x, x + 3p] for a check
// x at or after its last firing S - u. With w = x - (S - u) uniform on [0, p):
// reports iff w + 3p < L + u, so never if L <= 2p = 8 s, always if
// L >= 4p = 16 s, and then at x + 3p in (S + 8 s, S + 16 s).

TEST(WatchdogTest, BuddyNeverReportsAtMost8Seconds) {
  const ScenarioConfig sc = scenario(4, 10, HardlockupDetector::kBuddy);
  for (Ns len : {7 * kSec, 8 * kSec}) {
    EXPECT_EQ(fraction_reported(one_stretch(4, 2, kStart, len), sc, 1000, ReportKind::kHardLockup),
              0.0)
        << len;
  }
}

TEST(WatchdogTest, BuddyAlwaysReports16SecondsFromThePreviousCpu) {
  const ScenarioConfig sc = scenario(4, 10, HardlockupDetector::kBuddy);
  for (int cpu : {2, 0}) {  // CPU 0 is watched by the last CPU (wrap-around)
    const auto activity = one_stretch(4, cpu, kStart, 16 * kSec);
    for_replications(activity, sc, 1000, ReportKind::kHardLockup,
                     [&](int rep, const DetectorInput&, const std::vector<DetectorReport>& r) {
                       ASSERT_EQ(r.size(), 1u) << "replication " << rep;
                       EXPECT_EQ(r[0].cpu, cpu);
                       EXPECT_EQ(r[0].checker_cpu, (cpu + 3) % 4);
                       EXPECT_GT(r[0].at_ns, kStart + 8 * kSec);
                       EXPECT_LT(r[0].at_ns, kStart + 16 * kSec);
                     });
  }
}

TEST(WatchdogTest, BuddyReportsHalfOfThe12SecondStretches) {
  // P(w + 12 < 12 + u) = P(w < u) = 1/2 for w, u uniform on [0, 4).
  const ScenarioConfig sc = scenario(4, 10, HardlockupDetector::kBuddy);
  EXPECT_NEAR(
      fraction_reported(one_stretch(4, 1, kStart, 12 * kSec), sc, 2000, ReportKind::kHardLockup),
      0.5, 0.05);
}

TEST(WatchdogTest, ALoneCpuHasNoBuddy) {
  const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kBuddy);
  EXPECT_EQ(
      fraction_reported(one_stretch(1, 0, kStart, 60 * kSec), sc, 200, ReportKind::kHardLockup),
      0.0);
}

// --- legacy buddy ----------------------------------------------------------
// Checks every third tick of the predecessor (every 3p = 12 s, at a uniform
// phase since the count residue is uniform), one miss reports: reports iff
// w + 12 < L + u with w uniform on [0, 12): never if L <= 8 s, always if
// L >= 24 s, at a time in (S + 8 s, S + 24 s); P(L = 16 s) = E[(4 + u) / 12] = 1/2.

TEST(WatchdogTest, LegacyBuddyNeverAt8AlwaysAt24) {
  const ScenarioConfig sc = scenario(3, 10, HardlockupDetector::kBuddyLegacy);
  EXPECT_EQ(
      fraction_reported(one_stretch(3, 1, kStart, 8 * kSec), sc, 1000, ReportKind::kHardLockup),
      0.0);
  const auto activity = one_stretch(3, 1, kStart, 24 * kSec);
  for_replications(activity, sc, 1000, ReportKind::kHardLockup,
                   [&](int rep, const DetectorInput&, const std::vector<DetectorReport>& r) {
                     ASSERT_EQ(r.size(), 1u) << "replication " << rep;
                     EXPECT_EQ(r[0].cpu, 1);
                     EXPECT_EQ(r[0].checker_cpu, 0);
                     EXPECT_GT(r[0].at_ns, kStart + 8 * kSec);
                     EXPECT_LT(r[0].at_ns, kStart + 24 * kSec);
                   });
  EXPECT_NEAR(
      fraction_reported(one_stretch(3, 1, kStart, 16 * kSec), sc, 2000, ReportKind::kHardLockup),
      0.5, 0.05);
}

// --- soft lockups ----------------------------------------------------------
// A CPU that stops scheduling at S with interrupts on: the stopper last ran at
// its last tick f0 < S. Tick k later the unit difference is floor of
// 4k / 1.073741824 = 3.725k units plus 0 or 1: k = 5 gives 18 or 19 (<= 20),
// k = 6 gives 22 or 23 (> 20). So reports at exactly f0 + 24 s, in
// [S + 20 s, S + 24 s), and again at f0 + 48 s; the next (f0 + 72 s) is after
// S + 60 s.

TEST(WatchdogTest, SoftLockupWhenACpuStopsSchedulingOnPreemptNone) {
  for (bool with_irq_off : {false, true}) {
    CpuActivities activity(2);
    activity[0].no_sched.push_back(ThreadSpan{{kStart, kStart + 60 * kSec}});
    Ns max_delay = 0;  // how late a tick can fire behind a 10-ms stretch
    if (with_irq_off) {
      for (Ns t = kStart + 100 * kMs; t < kStart + 60 * kSec; t += 500 * kMs) {
        activity[0].irq_off.push_back(IrqOffStretch{t, t + 10 * kMs, 0, Role::kSubmitter});
      }
      max_delay = 10 * kMs;
    }
    for (Preempt preempt : {Preempt::kNone, Preempt::kVoluntary}) {
      const ScenarioConfig sc = scenario(2, 10, HardlockupDetector::kPerf, preempt);
      for_replications(activity, sc, 1000, ReportKind::kSoftLockup,
                       [&](int rep, const DetectorInput& in, const std::vector<DetectorReport>& r) {
                         ASSERT_EQ(r.size(), 2u) << "replication " << rep;
                         const Ns f0 = last_tick_before(in, 0, kStart);
                         EXPECT_EQ(r[0].cpu, 0);
                         EXPECT_GE(r[0].at_ns, f0 + 24 * kSec);
                         EXPECT_LE(r[0].at_ns, f0 + 24 * kSec + max_delay);
                         EXPECT_GE(r[0].at_ns, kStart + 20 * kSec);
                         EXPECT_LT(r[0].at_ns, kStart + 24 * kSec + max_delay);
                         EXPECT_EQ(r[0].stuck_ns, (units(in, r[0].at_ns) - units(in, f0)) * kUnit);
                         EXPECT_GE(r[0].stuck_ns, 22 * kUnit);
                         EXPECT_LE(r[0].stuck_ns, 23 * kUnit);
                         EXPECT_GE(r[1].at_ns, f0 + 48 * kSec);
                         EXPECT_LE(r[1].at_ns, f0 + 48 * kSec + max_delay);
                         EXPECT_EQ(r[1].stuck_ns, (units(in, r[1].at_ns) - units(in, f0)) * kUnit);
                       });
    }
    // On PREEMPT(lazy/full) the stopper preempts the loop at once: nothing.
    for (Preempt preempt : {Preempt::kLazy, Preempt::kFull}) {
      const ScenarioConfig sc = scenario(2, 10, HardlockupDetector::kPerf, preempt);
      for_replications(activity, sc, 300, ReportKind::kSoftLockup,
                       [&](int rep, const DetectorInput& in, const std::vector<DetectorReport>& r) {
                         EXPECT_TRUE(r.empty()) << "replication " << rep;
                         EXPECT_TRUE(of_kind(run_detectors(in), ReportKind::kRcuStall).empty());
                       });
    }
  }
}

// An interrupts-off stretch [S, S + L) on PREEMPT(lazy): the pending tick
// fires at S + L and checks before the stopper can run; touch is the last tick
// f0 = S - u, so it reports iff floor diff of (L + u) s in units exceeds 20:
// never if L + 4 s <= 20 units = 21.47 s (L <= 17.47 s), always if
// L >= 21 units = 22.55 s.

TEST(WatchdogTest, SoftLockupAtTheEndOfALongIrqOffStretch) {
  const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf, Preempt::kLazy);
  for (Ns len : {17 * kSec, 17'470 * kMs}) {
    EXPECT_EQ(fraction_reported(one_stretch(1, 0, kStart, len), sc, 1000, ReportKind::kSoftLockup),
              0.0)
        << len;
  }
  for (Ns len : {22'550 * kMs, 25 * kSec}) {
    const auto activity = one_stretch(1, 0, kStart, len);
    for_replications(activity, sc, 1000, ReportKind::kSoftLockup,
                     [&](int rep, const DetectorInput& in, const std::vector<DetectorReport>& r) {
                       ASSERT_EQ(r.size(), 1u) << "replication " << rep << " len " << len;
                       EXPECT_EQ(r[0].at_ns, kStart + len);  // at the re-enable
                       const Ns f0 = last_tick_before(in, 0, kStart);
                       EXPECT_EQ(r[0].stuck_ns, (units(in, kStart + len) - units(in, f0)) * kUnit);
                     });
  }
  // L = 20 s: d = (20 s + u) in units is uniform on (18.63, 22.35]; with a
  // uniform unit phase, P(floor diff >= 21) = E[clamp(d - 20, 0, 1)]
  // = (0.5 + 22.35 - 21) / 3.725 = 0.497.
  const double d_hi = 24 / 1.073741824, width = 4 / 1.073741824;
  EXPECT_NEAR(
      fraction_reported(one_stretch(1, 0, kStart, 20 * kSec), sc, 2000, ReportKind::kSoftLockup),
      (0.5 + d_hi - 21) / width, 0.05);
}

// --- RCU stalls ------------------------------------------------------------

TEST(WatchdogTest, RcuStallAfterTheTimeoutThenEveryThreeTimeouts) {
  const ScenarioConfig none = scenario(2, 10, HardlockupDetector::kPerf, Preempt::kNone);
  auto no_qs = [](Ns len) {
    CpuActivities a(2);
    a[1].no_sched.push_back(ThreadSpan{{kStart, kStart + len}});
    return a;
  };
  for_replications(no_qs(30 * kSec), none, 50, ReportKind::kRcuStall,
                   [&](int, const DetectorInput&, const std::vector<DetectorReport>& r) {
                     ASSERT_EQ(r.size(), 1u);
                     EXPECT_EQ(r[0].at_ns, kStart + 21 * kSec);
                     EXPECT_EQ(r[0].cpu, 1);
                     EXPECT_EQ(r[0].checker_cpu, -1);
                   });
  for_replications(no_qs(20 * kSec), none, 50, ReportKind::kRcuStall,
                   [&](int, const DetectorInput&, const std::vector<DetectorReport>& r) {
                     EXPECT_TRUE(r.empty());
                   });
  // 90 s: at 21 s and 21 + 63 = 84 s.
  for_replications(no_qs(90 * kSec), none, 50, ReportKind::kRcuStall,
                   [&](int, const DetectorInput&, const std::vector<DetectorReport>& r) {
                     ASSERT_EQ(r.size(), 2u);
                     EXPECT_EQ(r[0].at_ns, kStart + 21 * kSec);
                     EXPECT_EQ(r[1].at_ns, kStart + 84 * kSec);
                   });
  // On PREEMPT(lazy) only interrupts-off time withholds the quiescent state.
  const ScenarioConfig lazy = scenario(2, 10, HardlockupDetector::kPerf, Preempt::kLazy);
  for_replications(no_qs(30 * kSec), lazy, 50, ReportKind::kRcuStall,
                   [&](int, const DetectorInput&, const std::vector<DetectorReport>& r) {
                     EXPECT_TRUE(r.empty());
                   });
  for_replications(one_stretch(2, 1, kStart, 30 * kSec), lazy, 50, ReportKind::kRcuStall,
                   [&](int, const DetectorInput&, const std::vector<DetectorReport>& r) {
                     ASSERT_EQ(r.size(), 1u);
                     EXPECT_EQ(r[0].at_ns, kStart + 21 * kSec);
                   });
}

// --- the watchdog_thresh generalisation ------------------------------------
// thresh T: p = 0.4 T, P_acc = T at nominal clock (T >= 0.8 T). Perf: never
// if L <= P_acc - p = 0.6 T, always if L >= 2 T. Buddy: never if L <= 2p,
// always if L >= 4p. Soft, CPU stops scheduling: tick k reports when
// k p > 2T units is certain at k p >= (2T + 1) units.

TEST(WatchdogTest, Thresh4ScalesTheHardLockupWindows) {
  const ScenarioConfig perf = scenario(2, 4, HardlockupDetector::kPerf);
  EXPECT_EQ(fraction_reported(one_stretch(2, 0, kStart, 2'400 * kMs), perf, 1000,
                              ReportKind::kHardLockup),
            0.0);
  EXPECT_EQ(
      fraction_reported(one_stretch(2, 0, kStart, 8 * kSec), perf, 1000, ReportKind::kHardLockup),
      1.0);
  const ScenarioConfig buddy = scenario(2, 4, HardlockupDetector::kBuddy);
  EXPECT_EQ(fraction_reported(one_stretch(2, 0, kStart, 3'200 * kMs), buddy, 1000,
                              ReportKind::kHardLockup),
            0.0);
  EXPECT_EQ(fraction_reported(one_stretch(2, 0, kStart, 6'400 * kMs), buddy, 1000,
                              ReportKind::kHardLockup),
            1.0);
  const ScenarioConfig t30 = scenario(2, 30, HardlockupDetector::kPerf);  // p 12 s, P_acc 30 s
  EXPECT_EQ(
      fraction_reported(one_stretch(2, 0, kStart, 18 * kSec), t30, 500, ReportKind::kHardLockup),
      0.0);
  EXPECT_EQ(
      fraction_reported(one_stretch(2, 0, kStart, 60 * kSec), t30, 500, ReportKind::kHardLockup),
      1.0);
}

TEST(WatchdogTest, Thresh4SoftLockupAtTheSixthOrSeventhTick) {
  // p = 1.6 s, threshold 8 units: 5 ticks = 8.0 s = 7.45 units (<= 8), 6
  // ticks = 9.6 s = 8.94 units (floor diff 8 or 9: reports unless the unit
  // phase is within 0.06 of a boundary, P = 0.94), 7 ticks = 11.2 s = 10.43
  // units (always).
  const ScenarioConfig sc = scenario(1, 4, HardlockupDetector::kPerf, Preempt::kNone);
  CpuActivities activity(1);
  // Long enough for the 7th tick (f0 + 11.2 s < S + 11.2 s), too short for
  // a second report (8 more units).
  activity[0].no_sched.push_back(ThreadSpan{{kStart, kStart + 11'300 * kMs}});
  int sixth = 0;
  const int reps = 2000;
  for_replications(activity, sc, reps, ReportKind::kSoftLockup,
                   [&](int rep, const DetectorInput& in, const std::vector<DetectorReport>& r) {
                     const Ns f0 = last_tick_before(in, 0, kStart);
                     ASSERT_EQ(r.size(), 1u) << "replication " << rep;
                     const Ns after = r[0].at_ns - f0;
                     EXPECT_TRUE(after == 9'600 * kMs || after == 11'200 * kMs) << after;
                     sixth += after == 9'600 * kMs;
                   });
  EXPECT_NEAR(static_cast<double>(sixth) / reps, 9.6 / 1.073741824 - 8, 0.03);  // 0.9407
}

// --- regressions: cases where the windowed evaluation disagreed with a
// tick-by-tick replay (tests/model/watchdog_reference.h) ----------------------

// Kernel-facts C4: two threads that hand one CPU over at one instant, each
// with interrupts off (and not scheduling) for 15 s, on either side of the
// hand-over. The switch is a scheduling point: the stopper queued at the
// hrtimer firing deferred to the hand-over runs there, and RCU sees a
// quiescent state, so neither the soft-lockup detector (needs > 20 s, in
// 2^30-ns units, without the stopper) nor the RCU stall detector (21 s) may
// report, on any preempt model. One 30 s stretch is reported by both.
CpuActivities handed_over(Ns first, Ns second) {
  CpuActivities a(1);
  a[0].irq_off.push_back(IrqOffStretch{kStart, kStart + first, 0, Role::kSubmitter});
  a[0].no_sched.push_back(ThreadSpan{{kStart, kStart + first}, Role::kSubmitter});
  if (second > 0) {
    const Ns t = kStart + first;
    a[0].irq_off.push_back(IrqOffStretch{t, t + second, 0, Role::kWorker});
    a[0].no_sched.push_back(ThreadSpan{{t, t + second}, Role::kWorker});
  }
  return a;
}

TEST(WatchdogTest, AHandOverBetweenThreadsIsASchedulingPoint) {
  for (Preempt preempt : {Preempt::kLazy, Preempt::kFull, Preempt::kVoluntary, Preempt::kNone}) {
    const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kOff, preempt);
    for (int rep = 0; rep < 50; ++rep) {
      const CpuActivities two = handed_over(15 * kSec, 15 * kSec);
      const auto reports = run_detectors(make_detector_input(two, sc, kSeed, rep));
      EXPECT_TRUE(reports.empty()) << "preempt " << static_cast<int>(preempt) << " rep " << rep;
      const CpuActivities one = handed_over(30 * kSec, 0);
      const auto long_one = run_detectors(make_detector_input(one, sc, kSeed, rep));
      EXPECT_EQ(of_kind(long_one, ReportKind::kRcuStall).size(), 1u);
      EXPECT_EQ(of_kind(long_one, ReportKind::kSoftLockup).size(), 1u);
    }
  }
}

TEST(WatchdogTest, PreemptNoneReportsOnlyACpuThatNeverSchedules) {
  // PREEMPT_NONE, interrupts on: thread A runs 15 s without scheduling, then
  // thread B does the same right after a context switch. Nothing is reported;
  // one thread running 30 s without scheduling is (soft lockup and RCU).
  const ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kOff, Preempt::kNone);
  for (int rep = 0; rep < 50; ++rep) {
    CpuActivities a(1);
    a[0].no_sched.push_back(ThreadSpan{{kStart, kStart + 15 * kSec}, Role::kWorker});
    a[0].no_sched.push_back(ThreadSpan{{kStart + 15 * kSec, kStart + 30 * kSec}, Role::kWorker});
    EXPECT_TRUE(run_detectors(make_detector_input(a, sc, kSeed, rep)).empty()) << rep;
    CpuActivities b(1);
    b[0].no_sched.push_back(ThreadSpan{{kStart, kStart + 30 * kSec}, Role::kWorker});
    const auto reports = run_detectors(make_detector_input(b, sc, kSeed, rep));
    EXPECT_EQ(of_kind(reports, ReportKind::kSoftLockup).size(), 1u) << rep;
    EXPECT_EQ(of_kind(reports, ReportKind::kRcuStall).size(), 1u) << rep;
  }
}

TEST(HrtimerClockTest, PendingExpiryFiresAtTheEndOfTheStretchItIsIn) {
  // Grid 0, 4, 8, ...; 4 s falls in [3, 5.5) and fires at 5.5 s; 8 s falls in
  // [7, 30) and fires at 30 s.
  const std::vector<IrqOffStretch> v{{3 * kSec, 5'500 * kMs, 0, Role::kWorker},
                                     {7 * kSec, 30 * kSec, 0, Role::kWorker}};
  const HrtimerClock clock(0, 4 * kSec, &v);
  EXPECT_EQ(clock.next_firing_after(3'500 * kMs), 5'500 * kMs);
  EXPECT_EQ(clock.next_firing_after(5 * kSec), 5'500 * kMs);  // t inside, after the expiry
  EXPECT_EQ(clock.next_firing_after(5'500 * kMs), 30 * kSec);
  EXPECT_EQ(clock.firings_before(6 * kSec), 2);  // 0 and 5.5
  EXPECT_EQ(clock.firings_before(31 * kSec), 3);
}

TEST(HrtimerClockTest, AFiringAtAGridPointConsumesIt) {
  // 4 s is pending in [3, 8) and fires at 8 s, which forwards the timer past
  // 8 s (hrtimer_forward_now): the grid point at 8 s does not fire again,
  // also when another stretch starts right there.
  const std::vector<IrqOffStretch> one{{3 * kSec, 8 * kSec, 0, Role::kWorker}};
  const HrtimerClock a(0, 4 * kSec, &one);
  EXPECT_EQ(a.next_firing_after(8 * kSec), 12 * kSec);
  EXPECT_EQ(a.firings_before(12'500 * kMs), 3);  // 0, 8, 12
  const std::vector<IrqOffStretch> two{{3 * kSec, 8 * kSec, 0, Role::kWorker},
                                       {8 * kSec, 9 * kSec, 0, Role::kWorker}};
  const HrtimerClock b(0, 4 * kSec, &two);
  EXPECT_EQ(b.next_firing_after(8'500 * kMs), 12 * kSec);
  EXPECT_EQ(b.firings_before(12'500 * kMs), 3);  // 0, 8, 12
}

DetectorInput hand_input(const CpuActivities& activity, const ScenarioConfig& sc,
                         std::vector<WatchdogPhases> phases) {
  DetectorInput in;
  in.activity = &activity;
  in.kernel = sc.kernel;
  in.timing = WatchdogTiming::from(sc.kernel, sc.machine);
  in.phases.resize(phases.size());
  for (std::size_t c = 0; c < phases.size(); ++c) in.phases[c] = phases[c];
  in.clock_offset_ns = 0;
  in.horizon_ns = seconds_to_ns(sc.horizon_s);
  return in;
}

TEST(WatchdogTest, PerfSeesTheFiringPendingAtTheEarlierNmi) {
  // Ticks 0, 4, 8, ...; accepted NMIs 5, 15, 25 s; stretches [3, 5.5) and
  // [7, 30). Firings: 0, 5.5 (the tick of 4 s), then 30. The NMI at 15 s sees
  // the 5.5-s firing; the one at 25 s sees none since 15 s: one report, at 25 s.
  ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kPerf);
  sc.kernel.softlockup_detector = false;
  CpuActivities activity(1);
  activity[0].irq_off = {{3 * kSec, 5'500 * kMs, 0, Role::kWorker},
                         {7 * kSec, 30 * kSec, 0, Role::kWorker}};
  const DetectorInput in = hand_input(activity, sc, {{0, 5 * kSec, 0}});
  const auto r = of_kind(run_detectors(in), ReportKind::kHardLockup);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].at_ns, 25 * kSec);
}

TEST(WatchdogTest, SoftLockupTouchIsTheTickBeforeAStretchStartingOnATick) {
  // Ticks every 4 s from 0; [40, 65) starts on a tick, which is pending. The
  // stopper last ran at 36 s: at 65 s, floor(65 / 1.0737) - floor(36 / 1.0737)
  // = 60 - 33 = 27 units > 20.
  ScenarioConfig sc = scenario(1, 10, HardlockupDetector::kOff, Preempt::kLazy);
  const auto activity = one_stretch(1, 0, 40 * kSec, 25 * kSec);
  const DetectorInput in = hand_input(activity, sc, {{0, 0, 0}});
  const auto r = of_kind(run_detectors(in), ReportKind::kSoftLockup);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].at_ns, 65 * kSec);
  EXPECT_EQ(r[0].stuck_ns, 27 * kUnit);
}

TEST(WatchdogTest, LegacyBuddyCountsEveryCheckerTick) {
  // CPU 0 ticks at 0, 4, 8, ... with hrtimer_interrupts = 0 at t = 0, so it
  // checks CPU 1 at counts 3, 6, ...: at 8, 20, 32, 44, 56, 68, 80 s. CPU 1
  // ticks at 2, 6, ..., 58 s, then [60, 90) holds its 62-s tick until 90 s.
  // The check at 68 s sees the 58-s firing; the one at 80 s sees nothing.
  ScenarioConfig sc = scenario(2, 10, HardlockupDetector::kBuddyLegacy);
  sc.kernel.softlockup_detector = false;
  const auto activity = one_stretch(2, 1, 60 * kSec, 30 * kSec);
  const DetectorInput in = hand_input(activity, sc, {{0, 0, 0}, {2 * kSec, 0, 0}});
  const auto r = of_kind(run_detectors(in), ReportKind::kHardLockup);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].at_ns, 80 * kSec);
  EXPECT_EQ(r[0].cpu, 1);
  EXPECT_EQ(r[0].checker_cpu, 0);
}

TEST(WatchdogPhaseTableTest, UnwrittenCpusReadAsZeroAndWrittenOnesKeepTheirs) {
  // A million-CPU machine with one busy CPU: only its page exists.
  WatchdogPhaseTable t;
  t.resize(1'000'000);
  t[777'777] = WatchdogPhases{123, 456, 2};
  EXPECT_EQ(t.size(), 1'000'000u);
  const WatchdogPhaseTable& read = t;
  EXPECT_EQ(read[777'777].hrtimer_phase_ns, 123);
  EXPECT_EQ(read[777'777].nmi_phase_ns, 456);
  EXPECT_EQ(read[777'777].count_residue, 2);
  EXPECT_EQ(read[777'776].nmi_phase_ns, 0);  // same page, never written
  EXPECT_EQ(read[3].hrtimer_phase_ns, 0);    // a page never made
}

}  // namespace
}  // namespace twsim

namespace twsim {
namespace {

// Whether `in` drew phases for `cpu` (a drawn phase is 0 with odds ~1e-9).
bool drawn(const DetectorInput& in, int cpu) {
  return in.phases[cpu].hrtimer_phase_ns != 0 || in.phases[cpu].nmi_phase_ns != 0;
}

TEST(WatchdogPhaseTableTest, PhasesAreDrawnForBusyCpusAndTheirNeighboursAcrossTheWrap) {
  // Given 8 CPUs of which only some ran something; then exactly those and
  // the CPU on either side of each (watchdog_next_cpu wraps from the last
  // CPU to 0) have phases, and each CPU's are those of its own stream, the
  // same as when every CPU is busy.
  const ScenarioConfig sc = scenario(8, 10, HardlockupDetector::kBuddy);
  CpuActivities all(8);
  for (int c = 0; c < 8; ++c) all[c].no_sched.push_back(ThreadSpan{{kStart, kStart + kSec}});
  const DetectorInput every = make_detector_input(all, sc, kSeed, 0);
  for (int c = 0; c < 8; ++c) ASSERT_TRUE(drawn(every, c)) << c;
  const struct {
    std::vector<int> busy;
    std::vector<int> near;
  } cases[] = {{{0}, {0, 1, 7}},       {{7}, {0, 6, 7}},          {{3}, {2, 3, 4}},
               {{0, 7}, {0, 1, 6, 7}}, {{2, 4}, {1, 2, 3, 4, 5}}, {{1, 6}, {0, 1, 2, 5, 6, 7}}};
  for (const auto& c : cases) {
    CpuActivities some(8);
    for (const int b : c.busy) some[b].no_sched.push_back(ThreadSpan{{kStart, kStart + kSec}});
    const DetectorInput in = make_detector_input(some, sc, kSeed, 0);
    std::vector<int> near;
    for (int cpu = 0; cpu < 8; ++cpu) {
      if (!drawn(in, cpu)) continue;
      near.push_back(cpu);
      EXPECT_EQ(in.phases[cpu].hrtimer_phase_ns, every.phases[cpu].hrtimer_phase_ns) << cpu;
      EXPECT_EQ(in.phases[cpu].nmi_phase_ns, every.phases[cpu].nmi_phase_ns) << cpu;
      EXPECT_EQ(in.phases[cpu].count_residue, every.phases[cpu].count_residue) << cpu;
    }
    EXPECT_EQ(near, c.near) << c.busy[0];
  }
  // One CPU and two: each is its own neighbour, or the other's on both sides.
  EXPECT_TRUE(drawn(make_detector_input(one_stretch(1, 0, kStart, kSec), sc, kSeed, 0), 0));
  const DetectorInput two = make_detector_input(one_stretch(2, 1, kStart, kSec), sc, kSeed, 0);
  EXPECT_TRUE(drawn(two, 0) && drawn(two, 1));
}

}  // namespace
}  // namespace twsim
