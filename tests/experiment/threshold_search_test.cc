// The bisection behind `twsim threshold` (sim/experiment/threshold_search.h),
// driven with made-up probabilities whose crossing is known exactly.
#include "sim/experiment/threshold_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace twsim {
namespace {

constexpr int kN = 40;  // "replications" per probe

// Runs a search to the end, answering each probe with k = p(value) * kN.
SearchOutcome search(const SearchSettings& settings, const std::function<double(double)>& p,
                     std::vector<double>* probed = nullptr) {
  ThresholdSearch s(settings);
  for (int rounds = 0; !s.done(); ++rounds) {
    EXPECT_LT(rounds, 100);
    for (const double v : s.wanted()) {
      if (probed) probed->push_back(v);
      s.record(v, proportion(std::llround(p(v) * kN), kN));
    }
  }
  EXPECT_TRUE(s.wanted().empty());
  return s.outcome();
}

double step_at_1000(double v) { return v >= 1000 ? 1 : 0; }

// A search over real values cut short: 3 bisection steps, no refinement.
SearchSettings three_steps_unrefined() {
  SearchSettings settings;
  settings.integer = false;
  settings.max_steps = 3;
  settings.refine_steps = 0;
  return settings;
}

TEST(ThresholdSearchTest, FirstProbesBothEnds) {
  ThresholdSearch s(SearchSettings{});
  EXPECT_EQ(s.wanted(), (std::vector<double>{1, 1e9}));
  s.record(1, proportion(0, kN));
  EXPECT_EQ(s.wanted(), (std::vector<double>{1e9}));
}

TEST(ThresholdSearchTest, BracketsAStepWithinTwoPercent) {
  // Given P jumping from 0 to 1 at 1000; then the final bracket [lo, hi]
  // straddles it with hi/lo < 1.02, the threshold is its geometric midpoint,
  // and the Wilson-based interval is exactly that bracket (k = 0 and k = n
  // probes lie clearly on their sides).
  SearchSettings settings;
  settings.integer = false;
  std::vector<double> probed;
  const SearchOutcome o = search(settings, step_at_1000, &probed);
  EXPECT_EQ(o.note, "");
  EXPECT_LT(o.threshold_lo, 1000);
  EXPECT_GE(o.threshold_hi, 1000);
  EXPECT_LT(o.threshold_hi / o.threshold_lo, 1.02);
  EXPECT_DOUBLE_EQ(o.threshold, std::sqrt(o.threshold_lo * o.threshold_hi));
  EXPECT_EQ(o.probes, static_cast<int>(probed.size()));
  // log2(ln(1e9) / ln(1.02)) = 10.03: 11 steps after the two ends.
  EXPECT_EQ(o.probes, 2 + 11);
}

TEST(ThresholdSearchTest, StopsAfterMaxSteps) {
  const SearchOutcome o = search(three_steps_unrefined(), step_at_1000);
  EXPECT_EQ(o.probes, 2 + 3);
  EXPECT_LT(o.threshold_lo, 1000);
  EXPECT_GE(o.threshold_hi, 1000);
}

TEST(ThresholdSearchTest, RefinementSharpensBothEndsOfTheInterval) {
  // Given a bisection cut short (3 steps); then refining each end (up to 8
  // probes each) narrows the interval around the step, which stays inside.
  SearchSettings settings = three_steps_unrefined();
  const SearchOutcome coarse = search(settings, step_at_1000);
  settings.refine_steps = 8;
  const SearchOutcome fine = search(settings, step_at_1000);
  EXPECT_GT(fine.probes, coarse.probes);
  EXPECT_LE(fine.probes, 2 + 3 + 2 * 8);
  EXPECT_GE(fine.threshold_lo, coarse.threshold_lo);
  EXPECT_LE(fine.threshold_hi, coarse.threshold_hi);
  EXPECT_LT(fine.threshold_lo, 1000);
  EXPECT_GE(fine.threshold_hi, 1000);
  EXPECT_LT(fine.threshold_hi / fine.threshold_lo, coarse.threshold_hi / coarse.threshold_lo / 10);
  EXPECT_EQ(fine.threshold, coarse.threshold);  // the threshold is the bisection's
}

TEST(ThresholdSearchTest, IntegersStopAtAdjacentValues) {
  // Given an integer parameter whose P steps at 7 in [1, 10]; then the
  // bracket closes on 6 and 7 and every probe is an integer.
  SearchSettings settings;
  settings.min = 1;
  settings.max = 10;
  settings.stop_ratio = 1.0001;
  std::vector<double> probed;
  const SearchOutcome o = search(
      settings, [](double v) { return v >= 7 ? 1.0 : 0.0; }, &probed);
  for (const double v : probed) EXPECT_EQ(v, std::round(v));
  EXPECT_EQ(o.threshold_lo, 6);
  EXPECT_EQ(o.threshold_hi, 7);
  EXPECT_EQ(o.threshold, std::round(std::sqrt(42.0)));
}

TEST(ThresholdSearchTest, AlreadyAboveAtMin) {
  const SearchOutcome o = search(SearchSettings{}, [](double) { return 0.9; });
  EXPECT_EQ(o.note, kAboveAtMin);
  EXPECT_EQ(o.note, "already above target at min");
  EXPECT_TRUE(std::isnan(o.threshold));
  EXPECT_TRUE(std::isnan(o.threshold_lo));
  EXPECT_TRUE(std::isnan(o.threshold_hi));
  EXPECT_EQ(o.probes, 2);
}

TEST(ThresholdSearchTest, NeverReachedInRange) {
  const SearchOutcome o = search(SearchSettings{}, [](double) { return 0.1; });
  EXPECT_EQ(o.note, "never reaches target in range");
  EXPECT_TRUE(std::isnan(o.threshold));
}

TEST(ThresholdSearchTest, UncertainProbesWidenTheInterval) {
  // Given a gentle ramp P = (log10 v - 2) / 4 on [100, 1e6] (P = 0.5 at 1e4);
  // then probes near the crossing are not clearly on either side, so the
  // interval is wider than the bracket but still holds the threshold, and
  // every probe it names really is clear of the target.
  SearchSettings settings;
  settings.integer = false;
  const auto ramp = [](double v) { return std::clamp((std::log10(v) - 2) / 4, 0.0, 1.0); };
  const SearchOutcome o = search(settings, ramp);
  EXPECT_LE(o.threshold_lo, o.threshold);
  EXPECT_GE(o.threshold_hi, o.threshold);
  const auto clear = [&](double v) { return wilson_ci95(std::llround(ramp(v) * kN), kN); };
  EXPECT_LT(clear(o.threshold_lo).hi, 0.5);
  EXPECT_GT(clear(o.threshold_hi).lo, 0.5);
  EXPECT_GT(o.threshold_hi / o.threshold_lo, 2.0);
  EXPECT_NEAR(std::log10(o.threshold), 4, 0.1);
  // Refined: the first values (on a 0.1% grid) where the ramp becomes clear
  // of the target lie within 5% of the interval's ends.
  double first_clear_above = 0, last_clear_below = 0;
  for (double v = 100; v < 1e6; v *= 1.001) {
    if (clear(v).hi < 0.5) last_clear_below = v;
    if (first_clear_above == 0 && clear(v).lo > 0.5) first_clear_above = v;
  }
  EXPECT_NEAR(o.threshold_lo / last_clear_below, 1, 0.05);
  EXPECT_NEAR(o.threshold_hi / first_clear_above, 1, 0.05);
  EXPECT_TRUE(o.resolved);
  EXPECT_EQ(o.replications_needed, 0);
}

TEST(ThresholdSearchTest, ClearStepIsResolved) {
  const SearchOutcome o = search(three_steps_unrefined(), step_at_1000);
  EXPECT_TRUE(o.resolved);
  EXPECT_EQ(o.replications_needed, 0);
}

TEST(ThresholdSearchTest, RareTargetUnresolvedBelowSaysHowManyWould) {
  // Given target 0.05 and P stepping 0 -> 1 at 1000, 40 runs per probe: a
  // probe with 0 of 40 has Wilson upper end z^2/40 / (1 + z^2/40) = 0.0876,
  // above 0.05, so no probe is clearly below and the interval has no lower
  // end. By hand, n > 3.8415 x 0.05 x 0.95 / 0.05^2 = 72.99 separates a P of
  // 0 from 0.05: 73 replications. Probes with 40 of 40 are clear above.
  SearchSettings settings = three_steps_unrefined();
  settings.target = 0.05;
  const SearchOutcome o = search(settings, step_at_1000);
  EXPECT_EQ(o.note, "");
  EXPECT_TRUE(std::isnan(o.threshold_lo));
  EXPECT_FALSE(std::isnan(o.threshold_hi));
  EXPECT_FALSE(o.resolved);
  EXPECT_EQ(o.replications_needed, 73);
}

TEST(ThresholdSearchTest, NoteOnAnUnclearEndProbeIsUnresolved) {
  // P = 0.55 everywhere: "already above target at min", but 22 of 40 does not
  // exclude 0.5; by hand n > 3.8415 x 0.25 / 0.05^2 = 384.1: 385. At P = 0.9
  // (36 of 40, Wilson lower end 0.77) the note is clear.
  const SearchOutcome unclear = search(SearchSettings{}, [](double) { return 0.55; });
  EXPECT_EQ(unclear.note, kAboveAtMin);
  EXPECT_FALSE(unclear.resolved);
  EXPECT_EQ(unclear.replications_needed, 385);
  const SearchOutcome clear = search(SearchSettings{}, [](double) { return 0.9; });
  EXPECT_TRUE(clear.resolved);
  EXPECT_EQ(clear.replications_needed, 0);
}

TEST(ThresholdSearchTest, EstimatesAtTheTargetGiveNoCount) {
  // P = 0.5 exactly at every probe: above at min, and no n separates 0.5 from 0.5.
  const SearchOutcome o = search(SearchSettings{}, [](double) { return 0.5; });
  EXPECT_FALSE(o.resolved);
  EXPECT_EQ(o.replications_needed, -1);
}

}  // namespace
}  // namespace twsim
