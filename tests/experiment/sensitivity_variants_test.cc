// Which values `twsim sensitivity` tries (sim/experiment/sensitivity_variants.h),
// against hand-written expectations, including values held at valid bounds.
#include "sim/experiment/sensitivity_variants.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace twsim {
namespace {

// The variants of one key, as "side=value" (with "!" when held at a bound).
std::vector<std::string> of(const std::vector<Variant>& all, const std::string& key) {
  std::vector<std::string> out;
  for (const Variant& v : all) {
    if (v.key == key) out.push_back(v.side + "=" + v.value + (v.clamped ? "!" : ""));
  }
  return out;
}

ScenarioConfig seed_point() {
  ScenarioConfig s;  // the seed reproducer's unobservable inputs
  s.task_work.unrelated = 100000;
  s.costs.node_visit_ns = 400;
  s.io_wq.pending_create = 2;
  s.io_wq.cancel_start_us = 50;
  s.machine.actual_ghz = 2.1;
  return s;
}

TEST(SensitivityVariantsTest, SeedPointWithFactorTwo) {
  const std::vector<Variant> v = sensitivity_variants(seed_point(), SensitivitySettings{});
  using V = std::vector<std::string>;
  EXPECT_EQ(of(v, "task_work.unrelated"), (V{"low=50000", "high=200000"}));
  EXPECT_EQ(of(v, "costs.node_visit_ns"), (V{"low=200", "high=800"}));
  EXPECT_EQ(of(v, "io_wq.pending_create"), (V{"low=1", "high=3"}));
  EXPECT_EQ(of(v, "io_wq.exit"), (V{"alt=thread"}));
  // 2.1 / 1.3 = 1.615384615..., 2.1 x 1.3 = 2.73 (printed with 9 digits).
  EXPECT_EQ(of(v, "machine.actual_ghz"), (V{"low=1.61538462", "high=2.73"}));
  EXPECT_EQ(of(v, "task_work.add_rate_hz"), (V{"low=0", "high=10000"}));
  EXPECT_EQ(of(v, "io_wq.cancel_start_us"), (V{"low=0", "high=100000"}));
  EXPECT_EQ(of(v, "task_work.create_layout"), (V{"alt=newest", "alt=oldest"}));
  EXPECT_EQ(of(v, "task_work.drain_us"), (V{"alt=50"}));
  EXPECT_EQ(v.size(), 2u * 6 + 1 + 2 + 1);
  EXPECT_EQ(v.front().input, "list length at exit");
}

TEST(SensitivityVariantsTest, LiveCreatesHeldInsideTheKernelBound) {
  // pending_create + racing_create <= min(3, workers).
  ScenarioConfig s = seed_point();
  s.io_wq.racing_create = 1;
  using V = std::vector<std::string>;
  EXPECT_EQ(of(sensitivity_variants(s, {}), "io_wq.pending_create"), (V{"low=1", "high=2!"}));
  s.io_wq.pending_create = 0;
  s.io_wq.racing_create = 0;
  s.io_wq.workers = 1;
  EXPECT_EQ(of(sensitivity_variants(s, {}), "io_wq.pending_create"), (V{"low=0!", "high=1"}));
}

TEST(SensitivityVariantsTest, ProfileVariesTheDebugFactorInsideOneToAThousand) {
  ScenarioConfig s = seed_point();
  s.costs.node_visit_profile = NodeCostProfile{};
  s.costs.debug_factor = 600;
  using V = std::vector<std::string>;
  const std::vector<Variant> v = sensitivity_variants(s, {});
  EXPECT_EQ(of(v, "costs.node_visit_ns"), V{});
  EXPECT_EQ(of(v, "costs.debug_factor"), (V{"low=300", "high=1000!"}));
  s.costs.debug_factor = 1;
  EXPECT_EQ(of(sensitivity_variants(s, {}), "costs.debug_factor"), (V{"low=1!", "high=2"}));
}

TEST(SensitivityVariantsTest, OtherFactorRatesDrainsAndLayouts) {
  ScenarioConfig s = seed_point();
  s.task_work.add_rate_hz = 500;
  s.task_work.drain_us = 20;
  s.task_work.create_layout = CreateLayout::kNewest;
  s.io_wq.exit = ExitKind::kThread;
  s.io_wq.cancel_start_us = 200000;
  using V = std::vector<std::string>;
  const std::vector<Variant> v = sensitivity_variants(s, SensitivitySettings{4, 1e4});
  EXPECT_EQ(of(v, "task_work.unrelated"), (V{"low=25000", "high=400000"}));
  EXPECT_EQ(of(v, "task_work.add_rate_hz"), (V{"low=0", "high=2000"}));
  // Never before the drain; past 100 ms, x F.
  EXPECT_EQ(of(v, "io_wq.cancel_start_us"), (V{"low=20!", "high=800000"}));
  EXPECT_EQ(of(v, "task_work.drain_us"), (V{"alt=never"}));
  EXPECT_EQ(of(v, "task_work.create_layout"), (V{"alt=uniform", "alt=oldest"}));
  EXPECT_EQ(of(v, "io_wq.exit"), (V{"alt=group"}));
}

}  // namespace
}  // namespace twsim
