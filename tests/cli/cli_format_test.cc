// The CLI's small helpers: human units, the terminal table and the progress
// line text.
#include <gtest/gtest.h>

#include <cmath>
#include <string_view>
#include <vector>

#include "sim/cli/human_units.h"
#include "sim/cli/progress_line.h"
#include "sim/cli/text_table.h"

namespace twsim {
namespace {

TEST(HumanUnitsTest, DurationsPickAUnitAndThreeDigits) {
  EXPECT_EQ(human_duration(0), "0");
  EXPECT_EQ(human_duration(850), "850 ns");
  EXPECT_EQ(human_duration(12'345), "12.3 us");
  EXPECT_EQ(human_duration(4.5e6), "4.50 ms");
  EXPECT_EQ(human_duration(999.7e3), "1.00 ms");
  EXPECT_EQ(human_duration(2.5e10), "25.0 s");
  EXPECT_EQ(human_duration(1.234e12), "1234 s");
  EXPECT_EQ(human_duration(std::nan("")), "-");
}

TEST(HumanUnitsTest, ProbabilityWithInterval) {
  EXPECT_EQ(human_probability(0.85, {0.6396, 0.9476}), "0.85 [0.64-0.95]");
  EXPECT_EQ(human_probability(std::nan(""), {0, 0}), "-");
}

TEST(TextTableTest, PadsColumnsAndCentresGroups) {
  TextTable t;
  t.add_column("point", true);
  t.add_group("old", 1, 2);
  t.add_column("P(hard)", true);
  t.add_column("role");
  t.add_row({"0", "0.50", "submitter"});
  t.add_row({"10", "1.00", "worker"});
  EXPECT_EQ(t.render(),
            "              old\n"
            "point  P(hard)  role\n"
            "    0     0.50  submitter\n"
            "   10     1.00  worker\n");
}

TEST(ProgressLineTest, TextShowsPointsRunsRateAndEta) {
  RunnerProgress p;
  p.points_done = 3;
  p.points_total = 8;
  p.runs_done = 120;
  p.runs_total = 320;
  p.elapsed_s = 4;
  // 30 runs/s; 200 runs left -> 6.67 s -> "7s".
  EXPECT_EQ(ProgressLine::text(p), "[3/8 points] 120/320 runs, 30.0 runs/s, ETA 7s");
  p.runs_done = 320;
  p.points_done = 8;
  EXPECT_EQ(ProgressLine::text(p), "[8/8 points] 320/320 runs, 80.0 runs/s");
  p.runs_done = 0;
  p.elapsed_s = 0;
  EXPECT_EQ(ProgressLine::text(p), "[8/8 points] 0/320 runs");
}

TEST(ProgressLineTest, EtaWeighsTheRunsLeftByTheirCost) {
  // A synthetic sweep of 4 points, 10 runs each, costing 1, 1, 4 and 4 units a
  // run. After the first two points (20 runs, 20 units) in 10 s: counting
  // runs gives 20 left at 2 runs/s = 10 s; by cost, 80 units left at 2
  // units/s = 40 s.
  RunnerProgress p;
  p.points_done = 2;
  p.points_total = 4;
  p.runs_done = 20;
  p.runs_total = 40;
  p.elapsed_s = 10;
  p.work_done = 20;
  p.work_total = 100;
  EXPECT_EQ(ProgressLine::text(p), "[2/4 points] 20/40 runs, 2.0 runs/s, ETA 40s");
}

}  // namespace
}  // namespace twsim
