// The threshold search's warm start (sim/experiment/threshold_search.h, "Warm
// start"): given the previous point's bisection path, the same answers as a
// search from [min, max], with fewer probes when the answers are close.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "sim/experiment/threshold_search.h"

namespace twsim {
namespace {

constexpr int kN = 40;  // "replications" per probe

using Curve = std::function<double(double)>;

// Runs `s` to the end, answering each probe with k = p(value) * kN.
SearchOutcome finish(ThresholdSearch* s, const Curve& p) {
  for (int rounds = 0; !s->done(); ++rounds) {
    EXPECT_LT(rounds, 100);
    for (const double v : s->wanted()) s->record(v, proportion(std::llround(p(v) * kN), kN));
  }
  return s->outcome();
}

// The neighbour's path: a cold search of `p`.
std::vector<Bracket> path_of(const SearchSettings& settings, const Curve& p) {
  ThresholdSearch s(settings);
  finish(&s, p);
  EXPECT_TRUE(s.bisected());
  return s.path();
}

Curve step_at(double x) {
  return [x](double v) { return v >= x ? 1.0 : 0.0; };
}

// P = (log10 v - c) / 4, clamped: a gentle ramp crossing 0.5 at 10^(c + 2).
Curve ramp_from(double c) {
  return [c](double v) { return std::clamp((std::log10(v) - c) / 4, 0.0, 1.0); };
}

void expect_same_answers(const SearchOutcome& warm, const SearchOutcome& cold) {
  const auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
  EXPECT_TRUE(same(warm.threshold, cold.threshold)) << warm.threshold << " vs " << cold.threshold;
  EXPECT_TRUE(same(warm.threshold_lo, cold.threshold_lo))
      << warm.threshold_lo << " vs " << cold.threshold_lo;
  EXPECT_TRUE(same(warm.threshold_hi, cold.threshold_hi))
      << warm.threshold_hi << " vs " << cold.threshold_hi;
  EXPECT_EQ(warm.note, cold.note);
  EXPECT_EQ(warm.resolved, cold.resolved);
  EXPECT_EQ(warm.replications_needed, cold.replications_needed);
}

SearchSettings reals() {
  SearchSettings settings;
  settings.integer = false;
  return settings;
}

TEST(ThresholdWarmStartTest, ColdPathStartsAtTheFullRangeAndNarrowsByBisection) {
  // 11 steps from [1, 1e9] (threshold_search_test.cc): B_0..B_11, each
  // inside the last, every later bracket's end the geometric midpoint of the
  // bracket before.
  const std::vector<Bracket> path = path_of(reals(), step_at(1000));
  ASSERT_EQ(path.size(), 12u);
  EXPECT_EQ(path[0].lo, 1);
  EXPECT_EQ(path[0].hi, 1e9);
  for (std::size_t i = 1; i < path.size(); ++i) {
    const double mid = std::sqrt(path[i - 1].lo) * std::sqrt(path[i - 1].hi);
    EXPECT_TRUE(path[i].lo == mid || path[i].hi == mid) << i;
    EXPECT_LT(path[i].lo, 1000);
    EXPECT_GE(path[i].hi, 1000);
  }
}

TEST(ThresholdWarmStartTest, NearbyAnswerSameThresholdFewerProbes) {
  // Given the neighbour's step at 1000 and this point's at 1010 (inside the
  // neighbour's bracket two steps before its last, hi/lo = 1.02^4 around
  // 1000); then the answers are the cold search's and the 2 ends + 9 steps
  // above that bracket are not probed: 13 cold, 2 + 2 warm.
  const std::vector<Bracket> neighbour = path_of(reals(), step_at(1000));
  SearchSettings settings = reals();
  settings.refine_steps = 0;
  ThresholdSearch cold(settings), warm(settings, neighbour);
  const SearchOutcome c = finish(&cold, step_at(1010));
  const SearchOutcome w = finish(&warm, step_at(1010));
  expect_same_answers(w, c);
  EXPECT_EQ(c.probes, 13);
  EXPECT_EQ(w.probes, 4);
}

TEST(ThresholdWarmStartTest, FarAnswerFallsBackToTheFullRange) {
  // Given the neighbour's step at 10 and this point's at 1e6; then no
  // bracket of the neighbour's path but B_0 holds, and the answers are the
  // cold search's.
  const std::vector<Bracket> neighbour = path_of(reals(), step_at(10));
  ThresholdSearch cold(reals()), warm(reals(), neighbour);
  const SearchOutcome c = finish(&cold, step_at(1e6));
  const SearchOutcome w = finish(&warm, step_at(1e6));
  expect_same_answers(w, c);
  EXPECT_GT(w.probes, c.probes);  // the brackets that missed cost probes
}

TEST(ThresholdWarmStartTest, UnclearBracketFindsTheIntervalAmongSkippedAncestors) {
  // Given gentle ramps, where probes near the crossing are not clear of the
  // target: the interval's ends lie among the ancestors a warm start skipped;
  // then it probes them and the answers (interval and refinement included)
  // are the cold search's, for neighbours on either side.
  for (const double neighbour_c : {1.9, 2.0, 2.1}) {
    const std::vector<Bracket> neighbour = path_of(reals(), ramp_from(neighbour_c));
    ThresholdSearch cold(reals()), warm(reals(), neighbour);
    const SearchOutcome c = finish(&cold, ramp_from(2.05));
    const SearchOutcome w = finish(&warm, ramp_from(2.05));
    SCOPED_TRACE(neighbour_c);
    expect_same_answers(w, c);
    EXPECT_FALSE(std::isnan(w.threshold_lo));
    EXPECT_FALSE(std::isnan(w.threshold_hi));
    // No fewer probes promised here: the skipped ancestors it walks and a
    // missed bracket can cost what the bisection saved.
  }
}

TEST(ThresholdWarmStartTest, IntegersAndNotesGiveTheColdAnswers) {
  // Integer brackets (rounded midpoints) and the two notes, each after a
  // neighbour whose step was at 5000.
  const SearchSettings integers;
  const std::vector<Bracket> neighbour = path_of(integers, step_at(5000));
  for (const Curve& p : {step_at(4000), step_at(7), Curve([](double) { return 0.9; }),
                         Curve([](double) { return 0.1; }), Curve([](double) { return 0.55; })}) {
    ThresholdSearch cold(integers), warm(integers, neighbour);
    expect_same_answers(finish(&warm, p), finish(&cold, p));
  }
}

TEST(ThresholdWarmStartTest, NoteLeavesOnlyTheFullRangeAsPath) {
  ThresholdSearch s(SearchSettings{});
  finish(&s, [](double) { return 0.9; });
  ASSERT_EQ(s.path().size(), 1u);
  ThresholdSearch next(SearchSettings{}, s.path());
  EXPECT_EQ(next.wanted(), (std::vector<double>{1, 1e9}));  // cold
}

}  // namespace
}  // namespace twsim
